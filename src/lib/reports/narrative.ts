import { formatEstimate, formatMoney, formatPerPound, formatValue } from '../format/number';
import type { ReportSnapshot } from './snapshot';
import { ENGLAND } from '../contract/vocabulary';

const figure = (s: ReportSnapshot, id: string) => s.figures.find((f) => f.id === id);
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const yearWord = (year: number | null, horizon: number) => (year === null ? `does not break even within ${horizon} years` : `breaks even in year ${year}`);

export interface Narrative {
	need: string;
	access: string;
	gaps: string[];
	ask: string;
	return: string;
	uncertainty: string;
	drivers: string;
}

/**
 * The report's one page of plain English, written from the snapshot's numbers only, so the words and the tables
 * can never disagree. Money is present value over the horizon, as the planner shows it.
 */
export function writeNarrative(s: ReportSnapshot): Narrative {
	const { area, totals } = s;
	const maternities = figure(s, 'maternities');
	const need = figure(s, 'need_total');
	const severe = figure(s, 'need_severe');
	const reached = figure(s, 'reached');
	const rate = figure(s, 'access_rate');
	const horizon = s.scenario.horizonYears;
	// "500 WTE psychological practitioners ...", "25,000 midwives and health visitors trained ..." (a headcount needs no unit word).
	const staff = s.options.map(
		(o) =>
			`${o.staff.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${o.staffLabel === 'WTE' ? 'WTE ' : ''}${o.label.charAt(0).toLowerCase()}${o.label.slice(1)}`
	);
	return {
		need: `In ${area.period} about ${formatValue(maternities?.value ?? null, 'count')} women gave birth in ${area.name}. An estimated ${formatEstimate(need?.value)} of them had a perinatal mental health difficulty (1 in 4), ${formatEstimate(severe?.value)} of them complex or severe.`,
		access:
			`Specialist perinatal mental health services reached ${formatValue(reached?.value ?? null, 'count')} women, ${formatValue(rate?.value ?? null, 'percent')} of maternities${area.code === ENGLAND ? '' : ` (England ${formatValue(rate?.england ?? null, 'percent')})`}. ${s.benchmarks.length ? `The access rate is ${list(s.benchmarks)}.` : ''}${s.trend ? ` Recent trend: ${s.trend.replace(/\.$/, '')}.` : ''}`.trim(),
		gaps: [...s.inequalities.deprivation, ...s.inequalities.ethnicity],
		ask: `The ask: ${list(staff)}, costing ${formatMoney(totals.costs)} over ${horizon} years (present value). Before any of it, ${formatEstimate(totals.unmetNeed)} women a year with estimated need are not reached.`,
		return: `The return: ${formatEstimate(totals.womenReached)} women reached over ${horizon} years. The NHS saves ${formatMoney(totals.nhsSavings)}, so its net position is ${formatMoney(totals.nhsNet)} (each £1 spent saves the NHS ${formatPerPound(totals.costs > 0 ? totals.nhsSavings / totals.costs : null)}, a net ${formatPerPound(totals.nhsReturnOnInvestment)}; it ${yearWord(totals.nhsBreakEvenYear, horizon)}). Other public services save ${formatMoney(totals.widerSavings)} and better quality of life is worth ${formatMoney(totals.qualityOfLifeValue)}, so the net economic benefit is ${formatMoney(totals.netEconomicBenefit)} (a net ${formatPerPound(totals.returnOnInvestment)} per £1 spent, including the value of quality of life); the economic case ${yearWord(totals.breakEvenYear, horizon)}.`,
		uncertainty: `Across ${formatValue(s.uncertainty.draws, 'count')} simulations that vary every uncertain input over its range, the net economic benefit lies between ${formatMoney(s.uncertainty.p5)} and ${formatMoney(s.uncertainty.p95)} (5th to 95th percentile; median ${formatMoney(s.uncertainty.p50)}).`,
		drivers: s.drivers.length
			? `What drives it most: ${list(s.drivers.map((d) => `${d.label.toLowerCase()} (from ${formatMoney(d.atLow)} to ${formatMoney(d.atHigh)} over its range)`))}.`
			: 'No input was varied.'
	};
}
