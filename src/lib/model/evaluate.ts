import { discountFactor } from './discount';
import { OPTIONS, type OptionKind, type Target } from './options';
import { withDefaults, type Scenario } from './scenario';

/** One option's effect in one year. Money is in pounds; `pv*` fields are present values. */
export interface YearResult {
	year: number;
	staff: number;
	womenReached: number;
	recoveries: number;
	costs: number;
	nhsSavings: number;
	widerSavings: number;
	qalys: number;
	pvQalys: number;
	pvCosts: number;
	pvNhsSavings: number;
	pvWiderSavings: number;
	pvQualityOfLifeValue: number;
	pvNetEconomicBenefit: number;
}

export interface Totals {
	/** Women reached over the horizon. */
	womenReached: number;
	/**
	 * Unmet need in the first year before any option: estimated need less women already reached; the
	 * specialist part is the shortfall against the area's share of the 66,000 commitment (see AreaInputs).
	 */
	unmetNeed: number;
	unmetNeedSevere: number;
	recoveries: number;
	qalys: number;
	costs: number;
	nhsSavings: number;
	/** NHS savings less costs. */
	nhsNet: number;
	widerSavings: number;
	qualityOfLifeValue: number;
	/** NHS net position plus wider public-sector savings plus quality-of-life value. */
	netEconomicBenefit: number;
	/** Net economic benefit per pound spent: includes the money value of quality of life, so it is not a cash return. */
	returnOnInvestment: number | null;
	/** NHS cash return: NHS net position (NHS savings less costs) per pound spent. */
	nhsReturnOnInvestment: number | null;
	/**
	 * Economic break-even: the first year (1-based) from which cumulative net economic benefit (NHS and wider
	 * savings and quality of life, less costs; present values) is positive and stays positive to the end of the
	 * horizon; null if it never does. A year that is positive only for a while is not a break-even.
	 */
	breakEvenYear: number | null;
	/** NHS cash break-even: the same for the cumulative NHS net position (NHS savings less costs, present values). */
	nhsBreakEvenYear: number | null;
	/** Discounted costs per discounted QALY gained; gross costs, not netted of any savings. */
	costPerQaly: number | null;
	/** Psychological practitioners needed to reach the whole first-year unmet need at their caseload. */
	practitionersNeeded: number | null;
}

export interface OptionResult {
	kind: OptionKind;
	label: string;
	years: YearResult[];
	totals: Totals;
}

export interface ScenarioResult {
	horizonYears: number;
	/** Unmet need each year before any option, for the reached-against-need chart. */
	unmetByYear: number[];
	options: OptionResult[];
	/** All options together, year by year. */
	years: YearResult[];
	totals: Totals;
}

const ORDER: Target[] = ['severe', 'mild', 'any'];

function sumYears(year: number, rows: YearResult[]): YearResult {
	const total: YearResult = {
		year,
		staff: 0,
		womenReached: 0,
		recoveries: 0,
		costs: 0,
		nhsSavings: 0,
		widerSavings: 0,
		qalys: 0,
		pvQalys: 0,
		pvCosts: 0,
		pvNhsSavings: 0,
		pvWiderSavings: 0,
		pvQualityOfLifeValue: 0,
		pvNetEconomicBenefit: 0
	};
	for (const row of rows) for (const key of Object.keys(total) as (keyof YearResult)[]) if (key !== 'year') total[key] += row[key];
	return total;
}

/** The first year (1-based) from which the running total of `values` is positive and stays so; null if it ends at or below zero. */
export function breakEvenYearOf(values: readonly number[]): number | null {
	let cumulative = 0;
	let since: number | null = null;
	for (let i = 0; i < values.length; i++) {
		cumulative += values[i];
		if (cumulative <= 0) since = null;
		else since ??= i + 1;
	}
	return since;
}

function totalsOf(years: YearResult[], unmet: { total: number; severe: number }, practitionersNeeded: number | null): Totals {
	const sum = (key: keyof YearResult) => years.reduce((s, y) => s + y[key], 0);
	const costs = sum('pvCosts');
	const nhsSavings = sum('pvNhsSavings');
	const widerSavings = sum('pvWiderSavings');
	const qualityOfLifeValue = sum('pvQualityOfLifeValue');
	const netEconomicBenefit = nhsSavings - costs + widerSavings + qualityOfLifeValue;
	const pvQalys = sum('pvQalys');
	return {
		womenReached: sum('womenReached'),
		unmetNeed: unmet.total,
		unmetNeedSevere: unmet.severe,
		recoveries: sum('recoveries'),
		qalys: sum('qalys'),
		costs,
		nhsSavings,
		nhsNet: nhsSavings - costs,
		widerSavings,
		qualityOfLifeValue,
		netEconomicBenefit,
		returnOnInvestment: costs > 0 ? netEconomicBenefit / costs : null,
		nhsReturnOnInvestment: costs > 0 ? (nhsSavings - costs) / costs : null,
		breakEvenYear: breakEvenYearOf(years.map((y) => y.pvNetEconomicBenefit)),
		nhsBreakEvenYear: breakEvenYearOf(years.map((y) => y.pvNhsSavings - y.pvCosts)),
		costPerQaly: pvQalys > 0 ? costs / pvQalys : null,
		practitionersNeeded
	};
}

/**
 * Runs a scenario year by year. Options share the unmet need: those for severe need take from it first,
 * then those for mild-to-moderate need, then those that reach either (mild first), so no woman is counted
 * twice and no option reaches more than the unmet need it targets.
 */
export function evaluateScenario(input: Scenario): ScenarioResult {
	const scenario = withDefaults(input);
	const { area, horizonYears, economics: e } = scenario;
	const needRate = area.needTotal / area.maternities;
	// Specialist teams reach women up to the area's share of the Long Term Plan commitment (a defined number);
	// old saved versions without it used severe need, which MHS91 contacts are not a subset of.
	const severeRate = (area.commitmentShare ?? area.needSevere) / area.maternities;
	const reachedRate = area.reached / area.maternities;
	const ordered = scenario.options
		.map((o, index) => ({ ...o, index, definition: OPTIONS[o.kind] }))
		.sort((a, b) => ORDER.indexOf(a.definition.target) - ORDER.indexOf(b.definition.target) || a.index - b.index);
	const perOption = new Map<number, YearResult[]>(ordered.map((o) => [o.index, []]));
	const unmetByYear: number[] = [];
	let firstYearUnmet = { total: 0, severe: 0 };

	for (let year = 0; year < horizonYears; year++) {
		const maternities = area.maternities * (1 + e.maternitiesChange) ** year;
		const reached = reachedRate * maternities;
		const total = Math.max(needRate * maternities - reached, 0);
		const severe = Math.min(Math.max(severeRate * maternities - reached, 0), total);
		const pools = { severe, mild: total - severe };
		unmetByYear.push(total);
		if (year === 0) firstYearUnmet = { total, severe };
		const costFactor = discountFactor(e.discountRate, year);
		const healthFactor = discountFactor(e.healthDiscountRate, year);

		for (const option of ordered) {
			const p = option.params;
			const ramp = (y: number) => Math.min(1, (y + 1) / p.rampYears);
			const staff = p.wte * ramp(year);
			const newStaff = staff - (year === 0 ? 0 : p.wte * ramp(year - 1));
			const target = option.definition.target;
			const available = target === 'severe' ? pools.severe : target === 'mild' ? pools.mild : pools.mild + pools.severe;
			const womenReached = Math.min(staff * p.caseload, p.uptake * available);
			// Take from the pools: severe or mild as targeted; 'any' takes mild first.
			const fromMild = target === 'severe' ? 0 : Math.min(womenReached, pools.mild);
			pools.mild -= fromMild;
			pools.severe -= womenReached - fromMild;
			const referred = womenReached * (p.referralRate ?? 0);
			const recoveries = womenReached * Math.max(p.recoveryTreated - e.recoveryUntreated, 0) + referred * (p.referralRecoveryGain ?? 0);
			const costs =
				staff * p.salary * (1 + (p.onCost ?? 0)) +
				newStaff * (p.trainingCost ?? 0) +
				womenReached * p.otherCostPerWoman +
				referred * (p.referralTreatmentCost ?? 0);
			const nhsSavings = recoveries * e.nhsCostAvoidedPerRecovery;
			const widerSavings = recoveries * e.widerSavingPerRecovery;
			const qalys = recoveries * e.qalyPerRecovery;
			const pvQualityOfLifeValue = qalys * healthFactor * e.valuePerQaly;
			const row: YearResult = {
				year: year + 1,
				staff,
				womenReached,
				recoveries,
				costs,
				nhsSavings,
				widerSavings,
				qalys,
				pvQalys: qalys * healthFactor,
				pvCosts: costs * costFactor,
				pvNhsSavings: nhsSavings * costFactor,
				pvWiderSavings: widerSavings * costFactor,
				pvQualityOfLifeValue,
				pvNetEconomicBenefit: (nhsSavings - costs + widerSavings) * costFactor + pvQualityOfLifeValue
			};
			perOption.get(option.index)!.push(row);
		}
	}

	const options = scenario.options.map((o, index) => {
		const years = perOption.get(index)!;
		const practitionersNeeded = o.kind === 'practitioners' ? firstYearUnmet.total / o.params.caseload : null;
		return { kind: o.kind, label: OPTIONS[o.kind].label, years, totals: totalsOf(years, firstYearUnmet, practitionersNeeded) };
	});
	const years = Array.from({ length: horizonYears }, (_, y) =>
		sumYears(
			y + 1,
			options.map((o) => o.years[y])
		)
	);
	const practitioners = options.find((o) => o.kind === 'practitioners');
	return { horizonYears, unmetByYear, options, years, totals: totalsOf(years, firstYearUnmet, practitioners?.totals.practitionersNeeded ?? null) };
}
