import { describe, expect, it } from 'vitest';
import { discountFactor, presentValue } from '../../../src/lib/model/discount';
import { breakEvenYearOf, evaluateScenario } from '../../../src/lib/model/evaluate';
import { OPTION_KINDS, OPTIONS } from '../../../src/lib/model/options';
import { PRESETS } from '../../../src/lib/model/presets';
import type { Scenario } from '../../../src/lib/model/scenario';
import { percentile, runMonteCarlo, runTornado } from '../../../src/lib/model/uncertainty';
import { validateScenarioRequest } from '../../../src/lib/model/validate';

const area = {
	areaCode: 'E54000057',
	areaName: 'Greater Manchester',
	period: '2024/25',
	maternities: 33_000,
	needTotal: 8_700,
	needSevere: 3_480,
	reached: 3_300
};
const scenario = (options: Scenario['options'], economics = {}): Scenario => ({ area, horizonYears: 10, options, economics });
const within = (actual: number, expected: number, tolerance: number) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tolerance);

describe('discounting', () => {
	it('matches hand-worked Green Book values', () => {
		expect(discountFactor(0.035, 0)).toBe(1);
		expect(discountFactor(0.035, 1)).toBeCloseTo(1 / 1.035, 12);
		expect(discountFactor(0.035, 10)).toBeCloseTo(0.70891881, 8);
		expect(discountFactor(0.015, 5)).toBeCloseTo(0.92826033, 8);
		// 100 a year for three years at 3.5%: 100 + 96.61836 + 93.35107.
		expect(presentValue([100, 100, 100], 0.035)).toBeCloseTo(289.96943, 4);
	});
});

describe('the model', () => {
	it('works out one year of one option by hand', () => {
		const result = evaluateScenario({
			area,
			horizonYears: 1,
			options: [
				{
					kind: 'specialist-teams',
					params: {
						wte: 10,
						rampYears: 1,
						salary: 40_000,
						onCost: 0.25,
						trainingCost: 1_000,
						caseload: 20,
						uptake: 1,
						otherCostPerWoman: 100,
						recoveryTreated: 0.6
					}
				}
			],
			economics: { recoveryUntreated: 0.3, nhsCostAvoidedPerRecovery: 2_000, widerSavingPerRecovery: 500, qalyPerRecovery: 0.1, valuePerQaly: 60_000 }
		});
		const [year] = result.years;
		// 10 WTE x 20 women = 200 reached (severe unmet is 3,480 - 3,300 = 180, so 180); recoveries 180 x 0.3 = 54.
		expect(result.totals.unmetNeedSevere).toBe(180);
		expect(year.womenReached).toBe(180);
		expect(year.recoveries).toBeCloseTo(54, 9);
		expect(year.costs).toBeCloseTo(10 * 40_000 * 1.25 + 10 * 1_000 + 180 * 100, 6);
		expect(year.nhsSavings).toBeCloseTo(54 * 2_000, 6);
		expect(result.totals.qualityOfLifeValue).toBeCloseTo(54 * 0.1 * 60_000, 6);
		expect(result.totals.netEconomicBenefit).toBeCloseTo(54 * 2_000 + 54 * 500 + 54 * 6_000 - 528_000, 6);
		// -69,000 of net benefit on 528,000 of costs; 5.4 QALYs.
		expect(result.totals.returnOnInvestment).toBeCloseTo(-69_000 / 528_000, 9);
		// NHS cash: 108,000 saved less 528,000 spent, per pound spent.
		expect(result.totals.nhsReturnOnInvestment).toBeCloseTo((54 * 2_000 - 528_000) / 528_000, 9);
		expect(result.totals.costPerQaly).toBeCloseTo(528_000 / 5.4, 6);
		expect(result.totals.breakEvenYear).toBeNull();
		expect(result.totals.nhsBreakEvenYear).toBeNull();
	});

	it('finds the break-even year from cumulative discounted net benefit', () => {
		const team: Scenario = {
			area,
			horizonYears: 5,
			options: [
				{
					kind: 'specialist-teams',
					params: { wte: 4, rampYears: 2, salary: 10_000, onCost: 0, trainingCost: 20_000, caseload: 20, uptake: 1, otherCostPerWoman: 0, recoveryTreated: 0.6 }
				}
			],
			economics: { recoveryUntreated: 0.3, nhsCostAvoidedPerRecovery: 2_000, widerSavingPerRecovery: 0, qalyPerRecovery: 0, discountRate: 0 }
		};
		// Year 1: 2 WTE, 40 women, 12 recoveries: 24,000 saved, 20,000 + 40,000 spent = -36,000.
		// Year 2: 4 WTE, 80 women, 24 recoveries: 48,000 saved, 40,000 + 40,000 spent = -32,000; cumulative -68,000.
		// Then 48,000 - 40,000 = +8,000 a year: not back within five years, positive at the end of year 11.
		const five = evaluateScenario(team);
		expect(five.years.map((y) => y.pvNetEconomicBenefit)).toEqual([-36_000, -32_000, 8_000, 8_000, 8_000]);
		expect(five.totals.breakEvenYear).toBeNull();
		const twelve = evaluateScenario({ ...team, horizonYears: 12 });
		expect(twelve.totals.breakEvenYear).toBe(11);
		expect(twelve.totals.nhsBreakEvenYear).toBe(11);
	});

	it('counts break-even only from the year the running total turns positive and stays so', () => {
		// Running totals 5, -5, -2, 2: positive in year 1 but not for good; break-even in year 4.
		expect(breakEvenYearOf([5, -10, 3, 4])).toBe(4);
		expect(breakEvenYearOf([5, -1])).toBe(1);
		// -1, 1, -4: positive for a year, then ends below zero.
		expect(breakEvenYearOf([-1, 2, -5])).toBeNull();
		expect(breakEvenYearOf([0, 0])).toBeNull();
		expect(breakEvenYearOf([])).toBeNull();
	});

	it('never shows a break-even year for a scenario whose net benefit over the horizon is not positive', () => {
		// England with specialist teams and peer support: the case that showed "year 1" beside a negative total.
		for (const options of [
			[
				{ kind: 'specialist-teams' as const, params: {} },
				{ kind: 'peer-support' as const, params: {} }
			],
			[{ kind: 'peer-support' as const, params: {} }],
			[{ kind: 'specialist-teams' as const, params: { wte: 2_000 } }]
		]) {
			for (const horizonYears of [1, 3, 10]) {
				const { totals } = evaluateScenario({ area, horizonYears, options, economics: {} });
				if (totals.netEconomicBenefit <= 0) expect(totals.breakEvenYear).toBeNull();
				if (totals.nhsNet <= 0) expect(totals.nhsBreakEvenYear).toBeNull();
			}
		}
	});

	it('never reaches more women than the unmet need each option targets, alone or together', () => {
		for (const kind of OPTION_KINDS) {
			const result = evaluateScenario(scenario([{ kind, params: { wte: 50_000 } }]));
			result.years.forEach((y, i) => expect(y.womenReached).toBeLessThanOrEqual(result.unmetByYear[i] + 1e-9));
		}
		const all = evaluateScenario(scenario(OPTION_KINDS.map((kind) => ({ kind, params: { wte: 50_000, uptake: 1 } }))));
		all.years.forEach((y, i) => expect(y.womenReached).toBeLessThanOrEqual(all.unmetByYear[i] + 1e-6));
		const severe = evaluateScenario(scenario([{ kind: 'specialist-teams', params: { wte: 50_000, uptake: 1 } }]));
		expect(severe.years[5].womenReached).toBeCloseTo(severe.totals.unmetNeedSevere, 6);
	});

	it("lets specialist teams reach the area's shortfall against its share of the 66,000 commitment, when the inputs carry it", () => {
		const teams = [{ kind: 'specialist-teams' as const, params: { wte: 1_000, uptake: 1, rampYears: 1 } }];
		// Share 3,900 less 3,300 reached = 600 women, whatever the severe need estimate says.
		const withShare = evaluateScenario({ ...scenario(teams), area: { ...area, commitmentShare: 3_900 } });
		expect(withShare.totals.unmetNeedSevere).toBeCloseTo(600, 9);
		expect(withShare.years[0].womenReached).toBeCloseTo(600, 9);
		// An area already past its share: the specialist pool is empty, and the page says why.
		expect(evaluateScenario({ ...scenario(teams), area: { ...area, commitmentShare: 3_000 } }).years[0].womenReached).toBe(0);
		// Never more than all unmet need.
		const huge = evaluateScenario({ ...scenario(teams), area: { ...area, commitmentShare: 30_000 } });
		expect(huge.totals.unmetNeedSevere).toBeCloseTo(8_700 - 3_300, 9);
	});

	it("sizes staff defaults to the area's share of England's need, and keeps England-sized defaults for inputs without a share", async () => {
		const { optionParameters } = await import('../../../src/lib/model/area-scale');
		const { withDefaults } = await import('../../../src/lib/model/scenario');
		const small = { ...area, englandShare: 0.0081 };
		const scaled = withDefaults({
			...scenario([
				{ kind: 'practitioners', params: {} },
				{ kind: 'trained-staff', params: {} }
			]),
			area: small
		});
		expect(scaled.options[0].params.wte).toBe(4.1); // 500 x 0.81%, to 0.1 WTE
		expect(scaled.options[1].params.wte).toBe(203); // 25,000 x 0.81%, whole people
		const definition = optionParameters('practitioners', 0.0081).find((p) => p.id === 'wte')!;
		expect([definition.low, definition.high]).toEqual([2, 6.1]);
		expect(definition.source).toContain("scaled to this area's 0.81% of England's estimated need: 4.1 here (500 for England)");
		// An explicit value always wins; a saved version without a share keeps 500.
		expect(withDefaults({ ...scenario([{ kind: 'practitioners', params: { wte: 12 } }]), area: small }).options[0].params.wte).toBe(12);
		expect(withDefaults(scenario([{ kind: 'practitioners', params: {} }])).options[0].params.wte).toBe(500);
	});

	it('gives zero cost and zero effect with zero staff', () => {
		for (const kind of OPTION_KINDS) {
			const { totals } = evaluateScenario(scenario([{ kind, params: { wte: 0 } }]));
			expect([totals.costs, totals.womenReached, totals.recoveries, totals.nhsSavings, totals.qualityOfLifeValue, totals.netEconomicBenefit]).toEqual([
				0, 0, 0, 0, 0, 0
			]);
		}
	});

	it('never reaches fewer women with more staff', () => {
		for (const kind of OPTION_KINDS) {
			let previous = -1;
			for (const wte of [0, 1, 5, 20, 50, 100, 500, 1_000, 5_000, 20_000]) {
				const reached = evaluateScenario(scenario([{ kind, params: { wte } }])).totals.womenReached;
				expect(reached).toBeGreaterThanOrEqual(previous);
				previous = reached;
			}
		}
	});

	it('adds up: the scenario is the sum of its options, and NHS net is savings less costs', () => {
		const result = evaluateScenario(
			scenario([
				{ kind: 'practitioners', params: { wte: 20 } },
				{ kind: 'peer-support', params: {} }
			])
		);
		const sum = (key: 'costs' | 'netEconomicBenefit' | 'womenReached') => result.options.reduce((s, o) => s + o.totals[key], 0);
		expect(result.totals.costs).toBeCloseTo(sum('costs'), 6);
		expect(result.totals.netEconomicBenefit).toBeCloseTo(sum('netEconomicBenefit'), 6);
		expect(result.totals.womenReached).toBeCloseTo(sum('womenReached'), 6);
		expect(result.totals.nhsNet).toBeCloseTo(result.totals.nhsSavings - result.totals.costs, 6);
	});

	it('reproduces the LSE (2022) headline: £490m net economic benefit = about £52m NHS + £437m quality of life', () => {
		const { totals } = evaluateScenario(PRESETS['lse-2022'].scenario);
		within(totals.netEconomicBenefit, 490e6, 0.05);
		within(totals.nhsNet, 52e6, 0.1);
		within(totals.qualityOfLifeValue, 437e6, 0.05);
		expect(totals.widerSavings).toBe(0);
		expect(PRESETS['lse-2022'].note).toContain('NHS share is about £52m');
	});

	it('reproduces the Integrate (2025) headline: 172,000 need, 57,000 reached, 115,000 unmet, about 500 practitioners', () => {
		const preset = PRESETS['integrate-2025'].scenario;
		expect(preset.area.needTotal).toBe(172_000);
		expect(preset.area.reached).toBe(57_000);
		const { totals } = evaluateScenario(preset);
		within(totals.unmetNeed, 115_000, 0.03);
		within(totals.practitionersNeeded!, 500, 0.1);
		// What its note says: at uptake 0.8 the 500 reach about 92,000 a year once fully staffed; at uptake 1, the report's 115,000.
		const fullYear = evaluateScenario(preset).years[2].womenReached;
		within(fullYear, 92_000, 0.01);
		expect(PRESETS['integrate-2025'].note).toContain('reach about 92,000 a year');
		const atOne = evaluateScenario({ ...preset, options: [{ kind: 'practitioners', params: { uptake: 1 } }] }).years[2].womenReached;
		within(atOne, 115_000, 0.01);
	});

	it('documents every parameter with a unit, a range around its default and a source', () => {
		for (const { parameters } of Object.values(OPTIONS)) {
			for (const p of parameters) {
				expect(p.low).toBeLessThanOrEqual(p.value);
				expect(p.high).toBeGreaterThanOrEqual(p.value);
				expect(p.min).toBeLessThanOrEqual(p.low);
				expect(p.max).toBeGreaterThanOrEqual(p.high);
				expect(p.source.length).toBeGreaterThan(10);
			}
		}
	});
});

describe('uncertainty', () => {
	const s = scenario([
		{ kind: 'practitioners', params: { wte: 30 } },
		{ kind: 'peer-support', params: {} }
	]);

	it('is reproducible for a seed, with ordered percentiles', () => {
		const a = runMonteCarlo(s, { draws: 1_000, seed: 42 });
		expect(runMonteCarlo(s, { draws: 1_000, seed: 42 })).toEqual(a);
		expect(runMonteCarlo(s, { draws: 1_000, seed: 43 })).not.toEqual(a);
		expect(a.cumulativeNetBenefit).toHaveLength(10);
		for (const band of a.cumulativeNetBenefit) {
			expect(band.p5).toBeLessThanOrEqual(band.p50);
			expect(band.p50).toBeLessThanOrEqual(band.p95);
		}
		expect(a.netEconomicBenefit.p5).toBeLessThan(a.netEconomicBenefit.p95);
	});

	it('reports progress and can be cancelled', () => {
		const progress: number[] = [];
		runMonteCarlo(s, { draws: 200, onProgress: (p) => progress.push(p) });
		expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
		let calls = 0;
		expect(() => runMonteCarlo(s, { draws: 1_000, isCancelled: () => ++calls > 10 })).toThrow('cancelled');
	});

	it('computes percentiles the standard way', () => {
		expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
		expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(percentile([10, 20], 0.05)).toBeCloseTo(10.5, 9);
	});

	it('ranks parameters by how much they swing net economic benefit', () => {
		const { base, bars } = runTornado(s);
		expect(base).toBeCloseTo(evaluateScenario(s).totals.netEconomicBenefit, 6);
		for (let i = 1; i < bars.length; i++) expect(bars[i - 1].swing).toBeGreaterThanOrEqual(bars[i].swing);
		const qaly = bars.find((b) => b.label === 'Value of a quality-adjusted life year')!;
		expect(qaly.atHigh).toBeCloseTo(base, 6);
		expect(qaly.atLow).toBeLessThan(base);
	});
});

describe('validating a scenario request', () => {
	it('accepts a good request and fills defaults', () => {
		const result = validateScenarioRequest({ area: 'e54000057', options: [{ kind: 'practitioners', params: { wte: 40 } }] });
		expect(result).toEqual({
			ok: true,
			request: { area: 'E54000057', horizonYears: 10, options: [{ kind: 'practitioners', params: { wte: 40 } }], economics: {} }
		});
	});

	it('says what is wrong with each field', () => {
		const result = validateScenarioRequest({
			area: 'nowhere',
			horizonYears: 0,
			options: [{ kind: 'practitioners', params: { salary: -5, caseload: 0, colour: 3 } }, { kind: 'magic' }],
			economics: { discountRate: 'high' }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
		expect(byPath.area).toMatch(/not an area code/);
		expect(byPath.horizonYears).toMatch(/1 to 30/);
		expect(byPath['options[0].params.salary']).toMatch(/at least 0 \(got -5\)/);
		expect(byPath['options[0].params.caseload']).toMatch(/at least 0.01 \(got 0\)/);
		expect(byPath['options[0].params.colour']).toMatch(/unknown parameter/);
		expect(byPath['options[1].kind']).toMatch(/must be one of/);
		expect(byPath['economics.discountRate']).toMatch(/must be a number/);
	});

	it('refuses no options and more than four', () => {
		expect(validateScenarioRequest({ area: 'E92000001', options: [] }).ok).toBe(false);
		expect(validateScenarioRequest({ area: 'E92000001', options: Array(5).fill({ kind: 'peer-support' }) }).ok).toBe(false);
	});
});

describe('parameter units', () => {
	it('give every planner input a unit, in its label or beside it', async () => {
		const { toUnitText } = await import('../../../src/lib/model/parameter-units');
		const { ECONOMIC_PARAMETERS } = await import('../../../src/lib/model/economics');
		const all = [...Object.values(OPTIONS).flatMap((o) => o.parameters), ...ECONOMIC_PARAMETERS];
		for (const p of all) {
			const unit = toUnitText(p);
			if (unit === '') expect(p.label, p.id).toMatch(/whole-time|headcount|per year|years/i);
			else expect(unit.length, p.id).toBeGreaterThan(0);
		}
		expect(toUnitText({ id: 'salary', unit: 'gbp', label: 'Salary per WTE' })).toBe('£ a year');
		expect(toUnitText({ id: 'uptake', unit: 'share', label: 'Share' })).toContain('0.8 = 80%');
	});
});

describe('peer support evidence', () => {
	it('labels every peer-support effect an assumption and credits the qualitative study with no effect size', () => {
		const option = OPTIONS['peer-support'];
		expect(option.description).toContain('reports no effect size');
		for (const id of ['recoveryTreated', 'referralRate', 'referralRecoveryGain']) {
			const p = option.parameters.find((q) => q.id === id)!;
			expect(p.assumption, id).toBe(true);
			expect(p.source, id).toMatch(/^Assumption/);
			// A range wide enough to matter: the high end at least 1.5 times the low end.
			expect(p.high / p.low, id).toBeGreaterThanOrEqual(1.5);
		}
	});

	it('lets the tornado show how much the peer-support assumptions matter', () => {
		const { bars } = runTornado({ area, horizonYears: 10, options: [{ kind: 'peer-support', params: {} }], economics: {} });
		const peer = bars.filter((b) => /Recovery within a year with the option|helped into formal treatment/.test(b.label));
		expect(peer.length).toBe(2);
		for (const b of peer) expect(b.swing).toBeGreaterThan(0);
	});
});
