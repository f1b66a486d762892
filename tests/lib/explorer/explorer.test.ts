import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { queryAreaViewRows, queryPeriodRows, toAreaView } from '../../../src/lib/explorer/area-view';
import { summariseInequalities } from '../../../src/lib/inequalities/summarise';
import { toAreaTables, AREA_TABLES } from '../../../src/lib/explorer/area-tables';
import { toSpinePosition } from '../../../src/lib/charts/spine-chart';
import { parseAreaViewChoices, toAreaViewSearch } from '../../../src/lib/explorer/url-state';
import { describeInequalities } from '../../../src/lib/inequalities/describe';
import { findArea, queryAreas, type Area } from '../../../src/lib/queries/areas';
import { createDemoNodeEngine, rawObservations } from '../../helpers/demo-dataset';

const Z = 1.959963984540054;
const PERIOD = '2024/25';

/** Counts straight from the decoded Arrow rows (no SQL), null where suppressed. */
let index: Map<string, number | null> | undefined;
function count(indicator: string, area: string, categoryType = '', category = '', period = PERIOD): number | null {
	index ??= new Map(
		rawObservations().map((r) => [[r.indicator_id, r.area_code, r.period, r.category_type, r.category].join('|'), r.suppressed ? null : r.value])
	);
	return index.get([indicator, area, period, categoryType, category].join('|')) ?? null;
}

describe('area explorer figures', () => {
	let engine: Engine;
	let areas: Area[];
	const view = async (code: string, choices: Partial<Parameters<typeof toAreaView>[0]> = {}) => {
		const area = (await findArea(engine, code))!;
		const region = areas.find((a) => a.areaCode === area.parentCode && a.areaType === 'region') ?? null;
		const rows = await queryAreaViewRows(engine, { areaCode: code, period: PERIOD });
		return toAreaView({ area, region, areas, rows, period: PERIOD, breakdown: 'imd_quintile', scope: 'region', indicator: 'access_rate', ...choices });
	};

	beforeAll(async () => {
		engine = await createDemoNodeEngine();
		areas = await queryAreas(engine);
	});
	afterAll(() => engine.close());

	it('gives each deprivation quintile its rate, Wilson interval, rate ratio and women missing, as calculated by hand', async () => {
		const { inequalities } = await view('E54000057');
		const summary = inequalities.imd_quintile;
		const x0 = count('pmh_specialist_access', 'E54000057', 'imd_quintile', '5')!;
		const n0 = count('maternities', 'E54000057', 'imd_quintile', '5')!;
		let missing = 0;
		for (const q of ['1', '2', '3', '4', '5']) {
			const x = count('pmh_specialist_access', 'E54000057', 'imd_quintile', q)!;
			const n = count('maternities', 'E54000057', 'imd_quintile', q)!;
			const g = summary.groups.find((group) => group.category === q)!;
			const p = x / n;
			const centre = p + (Z * Z) / (2 * n);
			const half = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
			expect(g.accessRate).toBeCloseTo(100 * p, 10);
			expect(g.lower).toBeCloseTo((100 * (centre - half)) / (1 + (Z * Z) / n), 10);
			expect(g.upper).toBeCloseTo((100 * (centre + half)) / (1 + (Z * Z) / n), 10);
			const ratio = p / (x0 / n0);
			expect(g.rateRatio.ratio).toBeCloseTo(ratio, 10);
			if (q !== '5') expect(g.rateRatio.upper).toBeCloseTo(ratio * Math.exp(Z * Math.sqrt(1 / x - 1 / n + 1 / x0 - 1 / n0)), 10);
			const m = q === '5' ? 0 : Math.max((x0 / n0) * n - x, 0);
			expect(g.missing).toBeCloseTo(m, 9);
			missing += m;
		}
		expect(summary.womenMissing).toBeCloseTo(missing, 9);
		// Deprived areas are reached less in the demonstration data: a positive slope index, significant at 95%.
		expect(summary.sii!.value).toBeGreaterThan(0);
		expect(summary.sii!.lower95).toBeGreaterThan(0);
		expect(summary.rii!.value).toBeGreaterThan(1);
	});

	it("gives England's own gaps (the overview's and an England board report's) as counted by hand", async () => {
		const rows = await queryPeriodRows(engine, { period: PERIOD });
		const imd = summariseInequalities(rows, { areaCode: 'E92000001', period: PERIOD, breakdown: 'imd_quintile' });
		const rate = (q: string) => count('pmh_specialist_access', 'E92000001', 'imd_quintile', q)! / count('maternities', 'E92000001', 'imd_quintile', q)!;
		const expected = ['1', '2', '3', '4'].reduce(
			(sum, q) =>
				sum + Math.max(rate('5') * count('maternities', 'E92000001', 'imd_quintile', q)! - count('pmh_specialist_access', 'E92000001', 'imd_quintile', q)!, 0),
			0
		);
		expect(imd.womenMissing).toBeCloseTo(expected, 6);
		expect(imd.groups.find((g) => g.category === '1')!.accessRate).toBeCloseTo(100 * rate('1'), 10);
		const ethnic = summariseInequalities(rows, { areaCode: 'E92000001', period: PERIOD, breakdown: 'ethnic_group' });
		const white = count('pmh_specialist_access', 'E92000001', 'ethnic_group', 'White')! / count('maternities', 'E92000001', 'ethnic_group', 'White')!;
		const black = ethnic.groups.find((g) => g.category === 'Black')!;
		expect(black.missing).toBeCloseTo(
			Math.max(white * count('maternities', 'E92000001', 'ethnic_group', 'Black')! - count('pmh_specialist_access', 'E92000001', 'ethnic_group', 'Black')!, 0),
			6
		);
	});

	it('computes the slope index as weighted least squares on cumulative population midpoints', async () => {
		const { inequalities } = await view('E54000057');
		const n = ['1', '2', '3', '4', '5'].map((q) => count('maternities', 'E54000057', 'imd_quintile', q)!);
		const y = ['1', '2', '3', '4', '5'].map((q, i) => count('pmh_specialist_access', 'E54000057', 'imd_quintile', q)! / n[i]);
		const total = n.reduce((a, b) => a + b, 0);
		const w = n.map((v) => v / total);
		const x = w.map((v, i) => w.slice(0, i).reduce((a, b) => a + b, 0) + v / 2);
		const xBar = x.reduce((s, v, i) => s + w[i] * v, 0);
		const yBar = y.reduce((s, v, i) => s + w[i] * v, 0);
		const slope = x.reduce((s, v, i) => s + w[i] * (v - xBar) * (y[i] - yBar), 0) / x.reduce((s, v, i) => s + w[i] * (v - xBar) ** 2, 0);
		const intercept = yBar - slope * xBar;
		expect(inequalities.imd_quintile.sii!.value).toBeCloseTo(100 * slope, 9);
		expect(inequalities.imd_quintile.rii!.value).toBeCloseTo((intercept + slope) / intercept, 9);
	});

	it('leaves suppressed ethnic groups out of women missing, and names them', async () => {
		const { inequalities } = await view('E54000011');
		const summary = inequalities.ethnic_group;
		const suppressed = summary.groups.filter((g) => g.reached === null).map((g) => g.label);
		expect(suppressed.length).toBeGreaterThan(0);
		expect(summary.suppressed).toEqual(suppressed);
		expect(summary.groups.find((g) => g.category === 'Not stated')!.missing).toBeNull();
		const sentences = describeInequalities(summary, 'Shropshire, Telford and Wrekin').join(' ');
		expect(sentences).toContain(`${suppressed.join(', ').replace(/, ([^,]*)$/, ' and $1')} not included: counts suppressed`);
	});

	it('benchmarks the access rate against England, region and pooled peers by whether each lies in the interval', async () => {
		const v = await view('E54000057');
		const x = count('pmh_specialist_access', 'E54000057')!;
		const n = count('maternities', 'E54000057')!;
		expect(v.access.value).toBeCloseTo((100 * x) / n, 10);
		const england = v.access.benchmarks.find((b) => b.comparator === 'england')!;
		expect(england.value).toBeCloseTo((100 * count('pmh_specialist_access', 'E92000001')!) / count('maternities', 'E92000001')!, 10);
		const peers = v.access.benchmarks.find((b) => b.comparator === 'peers')!;
		const px = v.peers.reduce((s, p) => s + count('pmh_specialist_access', p.areaCode)!, 0);
		const pn = v.peers.reduce((s, p) => s + count('maternities', p.areaCode)!, 0);
		expect(peers.value).toBeCloseTo((100 * px) / pn, 10);
		for (const b of v.access.benchmarks) {
			const inside = b.value! >= v.access.lower95! && b.value! <= v.access.upper95!;
			expect(b.at95).toBe(inside ? 'similar' : b.value! < v.access.lower95! ? 'better' : 'worse');
		}
		expect(v.access.trend.text).toMatch(/increasing and getting better|no significant change/);
	});

	it('finds peers by standardised distance on deprivation, ethnic mix and size', async () => {
		const v = await view('E54000011');
		const icbs = areas.filter((a) => a.areaType === 'icb').map((a) => a.areaCode);
		const feature = (code: string) => {
			const q = ['1', '2', '3', '4', '5'].map((c) => count('maternities', code, 'imd_quintile', c)!);
			const e = ['Asian', 'Black', 'Mixed', 'White', 'Other'].map((c) => count('maternities', code, 'ethnic_group', c)!);
			return [q[0] / q.reduce((a, b) => a + b, 0), (e[0] + e[1] + e[2] + e[4]) / e.reduce((a, b) => a + b, 0), Math.log(count('maternities', code)!)];
		};
		const all = icbs.map(feature);
		const stats = [0, 1, 2].map((k) => {
			const values = all.map((f) => f[k]);
			const mean = values.reduce((a, b) => a + b, 0) / values.length;
			return { mean, sd: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
		});
		const z = (f: number[]) => f.map((v, k) => (v - stats[k].mean) / stats[k].sd);
		const target = z(feature('E54000011'));
		const expected = icbs
			.filter((c) => c !== 'E54000011')
			.map((c) => ({ c, d: Math.hypot(...z(feature(c)).map((v, k) => v - target[k])) }))
			.sort((a, b) => a.d - b.d)
			.slice(0, 7);
		expect(v.peers.map((p) => p.areaCode)).toEqual(expected.map((e) => e.c));
		v.peers.forEach((p, i) => expect(p.distance).toBeCloseTo(expected[i].d, 9));
	});

	it('compares every ICB in the region or England, sorted, with the area ranked', async () => {
		const region = await view('E54000057');
		expect(region.compare.scopeName).toBe('North West');
		expect(region.compare.rows.map((r) => r.areaCode).sort()).toEqual(
			areas
				.filter((a) => a.parentCode === 'E40000010')
				.map((a) => a.areaCode)
				.sort()
		);
		const england = await view('E54000057', { scope: 'england', indicator: 'women_missing_imd' });
		expect(england.compare.rows).toHaveLength(42);
		const values = england.compare.rows.map((r) => r.value!);
		expect(values).toEqual([...values].sort((a, b) => b - a));
		const own = england.compare.rows.find((r) => r.areaCode === 'E54000057')!;
		expect(own.value).toBeCloseTo(england.inequalities.imd_quintile.womenMissing!, 9);
		const sii = await view('E54000057', { scope: 'england', indicator: 'sii_imd' });
		expect(sii.compare.rows.find((r) => r.areaCode === 'E54000057')!.value).toBeCloseTo(sii.inequalities.imd_quintile.sii!.value, 12);
	});

	it("places the area on each indicator's spine against the range across ICBs, better to the right", async () => {
		const v = await view('E54000057');
		const icbs = areas.filter((a) => a.areaType === 'icb').map((a) => a.areaCode);
		const rates = icbs.map((c) => (100 * count('pmh_specialist_access', c)!) / count('maternities', c)!).sort((a, b) => a - b);
		const access = v.spine.find((r) => r.id === 'access_rate')!;
		expect(access.worst).toBeCloseTo(rates[0], 10);
		expect(access.best).toBeCloseTo(rates[41], 10);
		expect(access.q25).toBeCloseTo(rates[10] + 0.25 * (rates[11] - rates[10]), 10);
		expect(access.value).toBeCloseTo(v.access.value!, 10);
		expect(access.england).toBeCloseTo(v.access.benchmarks[0].value!, 10);
		const sii = v.spine.find((r) => r.id === 'sii_imd')!;
		// Lower is better for the slope index: the worst ICB has the largest gap.
		expect(sii.worst).toBeGreaterThan(sii.best!);
		// The range comes from values-only summaries (no simulation): the same as each ICB's full summary gives.
		const full = (await Promise.all(icbs.map(async (c) => (await view(c)).inequalities.imd_quintile.sii?.value ?? null))).filter(
			(x): x is number => x !== null
		);
		expect(sii.areas).toBe(full.length);
		expect(sii.worst).toBeCloseTo(Math.max(...full), 12);
		expect(sii.best).toBeCloseTo(Math.min(...full), 12);
		expect(sii.value).toBeCloseTo(v.inequalities.imd_quintile.sii!.value, 12);
		for (const row of v.spine) {
			expect(toSpinePosition(row, row.england)).toBe(0.5);
			for (const x of [row.worst, row.best, row.value]) {
				const p = toSpinePosition(row, x)!;
				expect(p).toBeGreaterThanOrEqual(0);
				expect(p).toBeLessThanOrEqual(1);
			}
			expect(toSpinePosition(row, row.best)!).toBeGreaterThanOrEqual(toSpinePosition(row, row.worst)!);
		}
	});

	it('compares a region with England only, and has a table for every panel', async () => {
		const v = await view('E40000003');
		expect(v.peers).toEqual([]);
		expect(v.access.benchmarks.map((b) => b.comparator)).toEqual(['england']);
		expect(v.compare.rows).toHaveLength(areas.filter((a) => a.parentCode === 'E40000003').length);
		const tables = toAreaTables({ areaName: 'London', headline: [], england: [], trend: { points: [], names: {} }, view: v });
		expect(Object.keys(tables)).toEqual([...AREA_TABLES]);
		for (const t of Object.values(tables)) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
	});

	it('reads its choices from the URL with specific messages, and writes them back', () => {
		const options = { periods: ['2023/24', '2024/25'], latestPeriod: '2024/25' };
		const parsed = parseAreaViewChoices(new URLSearchParams('period=2023/24&breakdown=ethnic_group&compare=england&indicator=sii_imd'), options);
		expect(parsed).toEqual({ ok: true, value: { period: '2023/24', breakdown: 'ethnic_group', scope: 'england', indicator: 'sii_imd' } });
		if (parsed.ok) expect(toAreaViewSearch(parsed.value, options)).toBe('?period=2023%2F24&breakdown=ethnic_group&compare=england&indicator=sii_imd');
		const bad = parseAreaViewChoices(new URLSearchParams('period=1999&breakdown=__proto__'), options);
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(bad.errors.map((e) => e.path)).toEqual(['period', 'breakdown']);
			expect(bad.errors[0].message).toBe('unknown period "1999"; use one of 2023/24, 2024/25');
		}
		expect(parseAreaViewChoices(new URLSearchParams(''), options)).toEqual({
			ok: true,
			value: { period: '2024/25', breakdown: 'imd_quintile', scope: 'region', indicator: 'access_rate' }
		});
	});
});
