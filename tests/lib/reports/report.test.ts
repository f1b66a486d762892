import { describe, expect, it } from 'vitest';
import { ECONOMIC_PARAMETERS } from '../../../src/lib/model/economics';
import { evaluateScenario } from '../../../src/lib/model/evaluate';
import { OPTIONS } from '../../../src/lib/model/options';
import type { Scenario } from '../../../src/lib/model/scenario';
import { runMonteCarlo, runTornado } from '../../../src/lib/model/uncertainty';
import { writeNarrative } from '../../../src/lib/reports/narrative';
import { buildReportSnapshot } from '../../../src/lib/reports/snapshot';

const scenario: Scenario = {
	area: {
		areaCode: 'E54000011',
		areaName: 'Shropshire, Telford and Wrekin',
		period: '2024/25',
		maternities: 4_800,
		needTotal: 1_200,
		needSevere: 480,
		reached: 380,
		commitmentShare: 560,
		englandShare: 0.0085
	},
	horizonYears: 10,
	options: [
		{ kind: 'practitioners', params: { wte: 6 } },
		{ kind: 'peer-support', params: {} }
	],
	economics: {}
};

function snapshot() {
	const result = evaluateScenario(scenario);
	return buildReportSnapshot({
		title: 'Test report',
		createdAt: new Date('2026-12-01T12:00:00Z'),
		createdBy: 'commissioner@example.org',
		scenario,
		scenarioRef: { id: '00000000-0000-4000-8000-000000000000', version: 2, title: 'Test', inputsFrom: 'demo version 1 (manifest sha256 0123456789ab)' },
		result,
		monteCarlo: runMonteCarlo(scenario, { draws: 200, seed: 1 }),
		tornado: runTornado(scenario),
		dataset: { datasetId: 'demo', version: 1, label: 'demo version 1', synthetic: true },
		figures: [
			{
				id: 'maternities',
				label: 'Maternities',
				value: 4_800,
				lower: null,
				upper: null,
				unit: 'count',
				england: 562_000,
				text: '4,800',
				englandText: '562,000',
				words: null
			},
			{
				id: 'reached',
				label: 'Women reached',
				value: 380,
				lower: 343,
				upper: 420,
				unit: 'count',
				england: 57_215,
				text: '380',
				englandText: '57,215',
				words: null
			},
			{
				id: 'access_rate',
				label: 'Access rate',
				value: 7.9167,
				lower: 7.2,
				upper: 8.7,
				unit: 'percent',
				england: 10.18,
				text: '7.9%',
				englandText: '10.2%',
				words: null
			}
		],
		benchmarks: ['worse than England (95% and 99.8% intervals)'],
		trend: null,
		inequalities: {
			deprivation: ['If the most deprived fifth had the access of the least deprived, about 40 more women a year would be seen.'],
			ethnicity: []
		},
		charts: { netBenefit: '<svg></svg>', reach: '<svg></svg>', inequality: '' },
		inequalityTable: null
	});
}

describe('a board report snapshot', () => {
	it('lists every parameter of every chosen option and every economic value, with its source, marking the ones changed', () => {
		const s = snapshot();
		const expected = scenario.options.reduce((n, o) => n + OPTIONS[o.kind].parameters.length, 0) + ECONOMIC_PARAMETERS.length;
		expect(s.assumptions).toHaveLength(expected);
		for (const a of s.assumptions) expect(a.source.length).toBeGreaterThan(10);
		const wte = s.assumptions.find((a) => a.group === OPTIONS.practitioners.label && a.value === 6)!;
		expect(wte.changed).toBe(true);
		expect(s.assumptions.filter((a) => a.changed)).toHaveLength(1);
		// Peer support's effects are labelled assumptions (the study measured no outcome).
		expect(s.assumptions.filter((a) => a.group === OPTIONS['peer-support'].label && a.assumption).length).toBeGreaterThan(0);
	});

	it('writes the plain English from its own numbers: the totals the model gives, money as people read it', () => {
		const s = snapshot();
		const n = writeNarrative(s);
		const totals = evaluateScenario(scenario).totals;
		const money = (v: number) => {
			const size = Math.abs(v);
			const text =
				size >= 1e9
					? `£${(size / 1e9).toFixed(2)}bn`
					: size >= 1e8
						? `£${Math.round(size / 1e6)}m`
						: size >= 1e6
							? `£${(size / 1e6).toFixed(1)}m`
							: `£${(Math.round(size / 1e3) * 1e3).toLocaleString('en-GB')}`;
			return `${v < 0 && size >= 500 ? '-' : ''}${text}`;
		};
		expect(n.return).toContain(`the net economic benefit is ${money(totals.netEconomicBenefit)}`);
		expect(n.ask).toContain(`costing ${money(totals.costs)} over 10 years`);
		expect(n.ask).toContain('The ask: 6 WTE psychological practitioners');
		expect(n.access).toContain('reached 380 women, 7.9% of maternities (England 10.2%)');
		expect(n.access).toContain('worse than England');
		expect(n.gaps[0]).toContain('about 40 more women a year');
		expect(n.uncertainty).toMatch(/Across 200 simulations .* between .* and /);
		expect(n.drivers).toMatch(/^What drives it most: /);
		const breakEven = totals.breakEvenYear === null ? 'does not break even within 10 years' : `breaks even in year ${totals.breakEvenYear}`;
		expect(n.return).toContain(`the economic case ${breakEven}`);
		// Per £1: what the NHS saves (gross) and the net after the £1, so "61p" can never read as a loss when it is a gain.
		const pounds = (v: number) => `${v < 0 ? '-' : ''}£${Math.abs(v).toFixed(2)}`;
		expect(n.return).toContain(
			`each £1 spent saves the NHS ${pounds(totals.nhsSavings / totals.costs)}, a net ${pounds((totals.nhsSavings - totals.costs) / totals.costs)}`
		);
		expect(n.return).toContain(`a net ${pounds(totals.netEconomicBenefit / totals.costs)} per £1 spent, including the value of quality of life`);
	});
});

describe('the ask in words', () => {
	it('gives whole-time equivalents for posts and a plain number for staff trained (a headcount)', () => {
		const s = snapshot();
		const n = writeNarrative({
			...s,
			options: [
				{ ...s.options[0], staff: 500, staffLabel: 'WTE', label: 'Psychological practitioners' },
				{ ...s.options[0], staff: 25_000, staffLabel: 'people', label: 'Midwives and health visitors trained in perinatal mental health' }
			]
		});
		expect(n.ask).toContain('The ask: 500 WTE psychological practitioners and 25,000 midwives and health visitors trained in perinatal mental health, costing');
	});
});
