import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createAccessTrendChart } from '../../../src/lib/charts/access-trend-chart';
import { createCompareAreasChart } from '../../../src/lib/charts/compare-areas-chart';
import { createGroupRatesChart } from '../../../src/lib/charts/group-rates-chart';
import { createTornadoChart } from '../../../src/lib/charts/tornado-chart';
import type { TornadoBar } from '../../../src/lib/model/uncertainty';
import { summariseInequalities } from '../../../src/lib/inequalities/summarise';
import type { GroupMeasures } from '../../../src/lib/metrics/group-measures';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

const rows: GroupMeasures[] = ['1', '2', '3', '4', '5'].map((category, i) => ({
	areaCode: 'E54000001',
	period: '2024/25',
	categoryType: 'imd_quintile',
	category,
	maternities: 1000,
	reached: 60 + 10 * i,
	needTotal: 250,
	needSevere: 100
}));

describe('chart functions', () => {
	it('draw group rates with a name, a description of the lowest group, one dot per group and 12 px text', () => {
		const summary = summariseInequalities(rows, { areaCode: 'E54000001', period: '2024/25', breakdown: 'imd_quintile' });
		const svg = createGroupRatesChart({ summary, areaName: 'Somewhere', document: doc() });
		expect(svg.getAttribute('aria-label')).toBe('Access rate by deprivation quintile, Somewhere, 2024/25');
		expect(svg.getAttribute('aria-description') ?? svg.querySelector('desc')?.textContent).toMatch(/Lowest: 1 \(most deprived\) at 6\.0%/);
		expect(svg.querySelectorAll('circle, path[d]').length).toBeGreaterThanOrEqual(5);
		expect(svg.getAttribute('style') ?? '').toMatch(/font-size:\s*12px/);
		expect(svg.querySelectorAll('g[aria-label]')).toHaveLength(0);
	});

	it('draw compare-areas sorted with the area highlighted and described by its rank', () => {
		const compare = ['A', 'B', 'C'].map((name, i) => ({
			areaCode: `E5400000${i}`,
			shortName: name,
			value: 12 - i,
			lower: 11 - i,
			upper: 13 - i,
			comparison: 'similar' as const,
			rank: i + 1
		}));
		const svg = createCompareAreasChart({
			rows: compare,
			indicator: 'access_rate',
			areaCode: 'E54000001',
			scopeName: 'Region',
			period: '2024/25',
			englandValue: 10.4,
			document: doc()
		});
		const description = svg.getAttribute('aria-description') ?? svg.querySelector('desc')?.textContent ?? '';
		expect(description).toContain('B is number 2 of 3 at 11.0%');
		expect(description).toContain('Highest A (12.0%), lowest C (10.0%)');
		expect(svg.innerHTML).toContain('#d5281b');
		expect(svg.textContent).toContain('this area');
	});

	it('give every trend series its own colour, beyond three', () => {
		const names = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((c) => [c, `Area ${c}`]));
		const points = Object.keys(names).flatMap((areaCode, i) =>
			['2023/24', '2024/25'].map((period) => ({ areaCode, period, accessRate: 10 + i, lower: 9 + i, upper: 11 + i, ambition: 10 }))
		);
		const chart = createAccessTrendChart({ points, names, document: doc() });
		const swatches = [...chart.querySelectorAll('svg rect, svg[fill]')].map((e) => e.getAttribute('fill')).filter(Boolean);
		const colours = new Set(swatches);
		expect(colours.size).toBeGreaterThanOrEqual(6);
	});

	it('wrap long tornado labels instead of cutting them', () => {
		const label = 'Share of the unmet need the option can find and engage (psychological practitioners in maternity)';
		const svg = createTornadoChart({
			base: 1e6,
			bars: [{ label, low: 0, high: 1, atLow: 0, atHigh: 2e6, swing: 2e6 } as TornadoBar],
			document: doc(),
			width: 360
		});
		const text = [...svg.querySelectorAll('text, tspan')]
			.filter((t) => !t.querySelector('tspan'))
			.map((t) => t.textContent)
			.join(' ');
		expect(text.replace(/\s+/g, ' ')).toContain('Share of the unmet need');
		expect(text).not.toContain('…');
		expect(text).toContain('(psychological');
	});
});
