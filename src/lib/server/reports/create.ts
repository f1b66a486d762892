import { ENGLAND } from '$lib/contract/vocabulary';
import { formatFigure, describeGap } from '$lib/format/headline-value';
import type { HeadlineFigure } from '$lib/metrics/headline';
import { findArea } from '$lib/queries/areas';
import { buildReportSnapshot, type AreaFigure } from '$lib/reports/snapshot';
import type { Table } from '$lib/tables/table';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { lookUpDataset } from '../datasets';
import { loadAreaPage, loadEnglandProfile } from '../explorer/area-page';
import { renderPlannerCharts } from '../planner/analyse';
import { planFromSavedVersion } from '../planner/saved-plan';
import { insertReport } from './store';

const REPORT_FIGURES = ['maternities', 'need_total', 'need_severe', 'reached', 'access_rate', 'commitment_gap', 'unmet_need'];

export type CreateReportResult = { ok: true; id: string } | { ok: false; message: string };

/**
 * A board report from a saved scenario version: the planner's results for its stored inputs, and the explorer's
 * figures for its area and baseline year from a dataset version (the default, or the one named), fixed together.
 */
export async function createReport(
	db: Db,
	{
		scenarioId,
		scenarioVersion,
		dataset,
		title,
		supersedes
	}: { scenarioId: string; scenarioVersion?: number; dataset: URLSearchParams; title?: string; supersedes?: string },
	actor: Actor
): Promise<CreateReportResult> {
	const plan = await planFromSavedVersion(db, scenarioId, scenarioVersion);
	if (!plan) return { ok: false, message: `There is no saved scenario ${scenarioId}${scenarioVersion ? ` version ${scenarioVersion}` : ''}.` };
	const found = await lookUpDataset(dataset);
	if (!found.ok) return { ok: false, message: found.message };
	const { engine, ref, manifest, provenance } = found.dataset;
	const inputs = plan.scenario.area;
	if (!manifest.periods.includes(inputs.period))
		return { ok: false, message: `The dataset version has no ${inputs.period}, the year this scenario was saved for; choose another dataset version.` };
	const area = await findArea(engine, inputs.areaCode);
	if (!area) return { ok: false, message: `Area ${inputs.areaCode} is not in ${ref?.datasetId} version ${ref?.version}.` };

	let figures: AreaFigure[];
	let benchmarks: string[] = [];
	let trend: string | null = null;
	let inequalities = { deprivation: [] as string[], ethnicity: [] as string[] };
	let inequalityChart = '';
	let inequalityTable: Table | null = null;
	if (area.areaCode === ENGLAND) {
		const england = await loadEnglandProfile(found.dataset, inputs.period);
		figures = england.headline.filter((f) => REPORT_FIGURES.includes(f.metric.id)).map((f) => toFigure(f, f));
		trend = england.trend;
		inequalities = { deprivation: england.sentences.imd_quintile, ethnicity: england.sentences.ethnic_group };
		inequalityChart = england.svgs.imd_quintile;
		inequalityTable = england.tables.imd_quintile;
	} else {
		const page = await loadAreaPage(found.dataset, area, { period: inputs.period, breakdown: 'imd_quintile', scope: 'region', indicator: 'access_rate' });
		figures = page.headline
			.filter((f) => REPORT_FIGURES.includes(f.metric.id))
			.map((f) =>
				toFigure(
					f,
					page.england.find((e) => e.metric.id === f.metric.id)
				)
			);
		benchmarks = page.view.access.benchmarks.map((b) => b.phrase);
		trend = page.view.access.trend.text;
		inequalities = { deprivation: page.sentences.imd_quintile, ethnicity: page.sentences.ethnic_group };
		inequalityChart = page.svgs.groups;
		inequalityTable = page.tables.inequalities;
	}
	const svgs = renderPlannerCharts(plan);
	const snapshot = buildReportSnapshot({
		title: title?.trim() || `${plan.saved.title}: board report`,
		createdAt: new Date(),
		createdBy: actor.email ?? 'unknown',
		scenario: plan.scenario,
		scenarioRef: { id: plan.saved.id, version: plan.saved.version, title: plan.saved.title, inputsFrom: plan.saved.dataset?.label ?? null },
		result: plan.result,
		monteCarlo: plan.monteCarlo,
		tornado: plan.tornado,
		dataset: { datasetId: ref!.datasetId, version: ref!.version, label: provenance.datasetVersion, synthetic: manifest.synthetic },
		figures,
		benchmarks,
		trend,
		inequalities,
		charts: { netBenefit: svgs.netBenefit, reach: svgs.reach, inequality: inequalityChart },
		inequalityTable
	});
	return { ok: true, id: await insertReport(db, snapshot, { scenarioId, supersedes }, actor) };
}

/** A headline figure as the report keeps it, with the explorer's own formatting and words. */
function toFigure(f: HeadlineFigure, england: HeadlineFigure | undefined): AreaFigure {
	return {
		id: f.metric.id,
		label: f.metric.label,
		value: f.value,
		lower: f.lower,
		upper: f.upper,
		unit: f.metric.unit,
		england: england?.value ?? null,
		text: formatFigure(f),
		englandText: england ? formatFigure(england) : '',
		words: describeGap(f)
	};
}
