import { ECONOMIC_PARAMETERS } from '../model/economics';
import { optionParameters, scaleOf } from '../model/area-scale';
import type { ScenarioResult, Totals } from '../model/evaluate';
import { OPTIONS } from '../model/options';
import type { ParameterDefinition } from '../model/parameter';
import { toUnitText } from '../model/parameter-units';
import type { Scenario } from '../model/scenario';
import type { MonteCarloResult, TornadoBar } from '../model/uncertainty';
import { toPlannerTables } from '../planner/tables';
import type { Table } from '../tables/table';

/** One model input as the report's assumptions table shows it. */
export interface AssumptionRow {
	group: string;
	label: string;
	value: number;
	unit: string;
	/** The default the planner offered, and whether the commissioner changed it. */
	defaultValue: number;
	changed: boolean;
	range: [number, number];
	source: string;
	assumption: boolean;
}

/** An area figure the report quotes, as the explorer showed it. */
export interface AreaFigure {
	id: string;
	label: string;
	value: number | null;
	lower: number | null;
	upper: number | null;
	unit: string;
	england: number | null;
	/** As the explorer shows them: estimates to 3 significant figures, gaps as "560 short". */
	text: string;
	englandText: string;
	/** The explorer's words for a gap ("Short of its share of the 66,000 commitment by 6 women"), if any. */
	words: string | null;
}

/**
 * Everything a board report shows, fixed when it is created: the report never recomputes, so it can never change.
 * Figures are the planner's and the explorer's for the same saved inputs and dataset version.
 */
export interface ReportSnapshot {
	schema: 1;
	title: string;
	createdAt: string;
	createdBy: string;
	area: { code: string; name: string; period: string };
	dataset: { datasetId: string; version: number; label: string; synthetic: boolean };
	/** `inputsFrom`: the dataset version the scenario's staffing baseline was read from when saved (absent in reports made before it was recorded; null when the scenario did not record it). */
	scenario: { id: string; version: number; title: string; horizonYears: number; inputsFrom?: string | null };
	/** The area's figures for the scenario's baseline year, from the explorer. */
	figures: AreaFigure[];
	/** The access rate against England, the region and peers, in words (the explorer's). */
	benchmarks: string[];
	trend: string | null;
	/** The explorer's plain-English summaries of the gaps by deprivation and by ethnic group. */
	inequalities: { deprivation: string[]; ethnicity: string[] };
	/** The staffing options chosen: what they are, how many staff ('WTE' whole-time equivalents, or people), what they reach and cost. */
	options: { label: string; staff: number; staffLabel: string; totals: Totals }[];
	totals: Totals;
	/** Cumulative net economic benefit at the horizon across 1,000 Monte Carlo draws. */
	uncertainty: { draws: number; p5: number; p50: number; p95: number };
	drivers: { label: string; atLow: number; atHigh: number; swing: number }[];
	assumptions: AssumptionRow[];
	/** Chart markup drawn at creation (server-side SVG), so the charts never change either. */
	charts: { netBenefit: string; reach: string; inequality: string };
	/** Each chart's data as a table (its text alternative and CSV), and the assumptions as one. */
	tables: Record<ReportTableName, Table>;
}

/** The report's tables, as in their CSV addresses (`/reports/<id>/export/years.csv`). */
export const REPORT_TABLES = ['years', 'uncertainty', 'options', 'inequalities', 'assumptions'] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

function assumptionsTable(rows: AssumptionRow[]): Table {
	return {
		name: 'Assumptions: every input with its value, default, range and source',
		columns: ['Option', 'Input', 'Value', 'Unit', 'Default', 'Changed', 'Range low', 'Range high', 'Assumption', 'Source'],
		rows: rows.map((a) => [
			a.group,
			a.label,
			a.value,
			a.unit,
			a.defaultValue,
			a.changed ? 'yes' : 'no',
			a.range[0],
			a.range[1],
			a.assumption ? 'yes' : 'no',
			a.source
		])
	};
}

/** The first decision parameter of an option is its staffing level (WTE or people). */
function staffOf(kind: keyof typeof OPTIONS, params: Record<string, number>, scale: number) {
	const definition = optionParameters(kind, scale).find((d) => d.decision)!;
	return { staff: params[definition.id] ?? definition.value, staffLabel: definition.unit === 'wte' ? 'WTE' : 'people' };
}

/** Every parameter of the scenario with its value, default, range and source: the report's assumptions table. */
export function toAssumptions(scenario: Scenario): AssumptionRow[] {
	const scale = scaleOf(scenario.area);
	const rows: AssumptionRow[] = [];
	const row = (group: string, d: ParameterDefinition, given: number | undefined): AssumptionRow => {
		const value = given ?? d.value;
		const { label, value: defaultValue, low, high, source, assumption } = d;
		return { group, label, value, unit: toUnitText(d), defaultValue, changed: value !== defaultValue, range: [low, high], source, assumption };
	};
	for (const option of scenario.options)
		for (const d of optionParameters(option.kind, scale)) rows.push(row(OPTIONS[option.kind].label, d, option.params[d.id]));
	for (const d of ECONOMIC_PARAMETERS) rows.push(row('Economic values', d, scenario.economics[d.id]));
	return rows;
}

export interface SnapshotInput {
	title: string;
	createdAt: Date;
	createdBy: string;
	scenario: Scenario;
	scenarioRef: { id: string; version: number; title: string; inputsFrom: string | null };
	result: ScenarioResult;
	monteCarlo: MonteCarloResult;
	tornado: { base: number; bars: TornadoBar[] };
	dataset: ReportSnapshot['dataset'];
	figures: AreaFigure[];
	benchmarks: string[];
	trend: string | null;
	inequalities: ReportSnapshot['inequalities'];
	charts: ReportSnapshot['charts'];
	/** The explorer's table of access by deprivation, for the inequality chart (absent for England). */
	inequalityTable: Table | null;
}

export function buildReportSnapshot(input: SnapshotInput): ReportSnapshot {
	const { scenario, result } = input;
	const scale = scaleOf(scenario.area);
	const assumptions = toAssumptions(scenario);
	const planner = toPlannerTables(result, input.tornado, input.monteCarlo);
	return {
		schema: 1,
		title: input.title,
		createdAt: input.createdAt.toISOString(),
		createdBy: input.createdBy,
		area: { code: scenario.area.areaCode, name: scenario.area.areaName, period: scenario.area.period },
		dataset: input.dataset,
		scenario: { ...input.scenarioRef, horizonYears: scenario.horizonYears },
		figures: input.figures,
		benchmarks: input.benchmarks,
		trend: input.trend,
		inequalities: input.inequalities,
		options: result.options.map((o, i) => ({ label: o.label, ...staffOf(o.kind, scenario.options[i].params, scale), totals: o.totals })),
		totals: result.totals,
		uncertainty: { draws: input.monteCarlo.draws, ...input.monteCarlo.netEconomicBenefit },
		drivers: input.tornado.bars.slice(0, 3).map(({ label, atLow, atHigh, swing }) => ({ label, atLow, atHigh, swing })),
		assumptions,
		charts: input.charts,
		tables: {
			years: planner.years,
			uncertainty: planner.uncertainty,
			options: planner.options,
			inequalities: input.inequalityTable ?? { name: 'Access by deprivation: not shown for England', columns: [], rows: [] },
			assumptions: assumptionsTable(assumptions)
		}
	};
}
