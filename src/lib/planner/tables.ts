import type { Table } from '../tables/table';
import { OPTIONS } from '../model/options';
import type { ScenarioResult } from '../model/evaluate';
import type { MonteCarloResult, TornadoBar } from '../model/uncertainty';

const round = (value: number | null, digits = 0) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));

/** The names of the planner's tables, as in their CSV addresses (`/scenarios/export/options.csv`). */
export const PLANNER_TABLES = ['options', 'years', 'uncertainty', 'tornado'] as const;
export type PlannerTableName = (typeof PLANNER_TABLES)[number];

/** The planner's results as plain tables: what the page shows as text alternatives and offers as CSV. */
export function toPlannerTables(
	result: ScenarioResult,
	tornado: { base: number; bars: TornadoBar[] },
	monteCarlo: MonteCarloResult | null
): Record<PlannerTableName, Table> {
	const byOption = [...result.options, { kind: 'all', label: 'All options together', totals: result.totals }];
	return {
		options: {
			name: 'Options compared (present values over the horizon, pounds)',
			columns: [
				'Option',
				'Women reached',
				'Additional recoveries',
				'Costs',
				'NHS savings',
				'NHS net position',
				'Other public-sector savings',
				'Quality-of-life value',
				'Net economic benefit',
				'Economic return per £1 (includes quality of life; not cash)',
				'NHS cash return per £1 (NHS savings less costs)',
				'Economic break-even year (all value less costs)',
				'NHS cash break-even year (NHS savings less costs)',
				'Cost per QALY (gross costs, savings not netted)'
			],
			rows: byOption.map((o) => [
				o.kind === 'all' ? o.label : OPTIONS[o.kind as keyof typeof OPTIONS].label,
				round(o.totals.womenReached),
				round(o.totals.recoveries),
				round(o.totals.costs),
				round(o.totals.nhsSavings),
				round(o.totals.nhsNet),
				round(o.totals.widerSavings),
				round(o.totals.qualityOfLifeValue),
				round(o.totals.netEconomicBenefit),
				round(o.totals.returnOnInvestment, 2),
				round(o.totals.nhsReturnOnInvestment, 2),
				o.totals.breakEvenYear,
				o.totals.nhsBreakEvenYear,
				round(o.totals.costPerQaly)
			])
		},
		years: {
			name: 'All options by year',
			columns: [
				'Year',
				'Staff (WTE or people)',
				'Women reached',
				'Unmet need before the options',
				'Additional recoveries',
				'Costs',
				'NHS savings',
				'Net economic benefit (present value)'
			],
			rows: result.years.map((y, i) => [
				y.year,
				round(y.staff, 1),
				round(y.womenReached),
				round(result.unmetByYear[i]),
				round(y.recoveries, 1),
				round(y.costs),
				round(y.nhsSavings),
				round(y.pvNetEconomicBenefit)
			])
		},
		uncertainty: {
			name: 'Cumulative net economic benefit with 90% uncertainty range (present value, pounds)',
			columns: ['Year', 'Central estimate', '5th percentile', 'Median of draws', '95th percentile'],
			rows: result.years.map((y, i) => {
				const central = result.years.slice(0, i + 1).reduce((s, r) => s + r.pvNetEconomicBenefit, 0);
				const band = monteCarlo?.cumulativeNetBenefit[i];
				return [y.year, round(central), round(band?.p5 ?? null), round(band?.p50 ?? null), round(band?.p95 ?? null)];
			})
		},
		tornado: {
			name: 'One-way sensitivity of net economic benefit (pounds)',
			columns: ['Parameter', 'Low value', 'High value', 'Net benefit at low', 'Net benefit at high', 'Swing'],
			rows: tornado.bars.map((b) => [b.label, b.low, b.high, round(b.atLow), round(b.atHigh), round(b.swing)])
		}
	};
}
