import { summariseCached, type InequalitySummary, type SummaryCache } from '$lib/inequalities/summarise';
import { BREAKDOWNS, type Breakdown } from '$lib/inequalities/breakdowns';
import { benchmarkAccess } from '$lib/benchmarks/area-benchmarks';
import { createAccessTrendChart } from '$lib/charts/access-trend-chart';
import { createCompareAreasChart } from '$lib/charts/compare-areas-chart';
import { createGroupRatesChart } from '$lib/charts/group-rates-chart';
import { createSpineChart } from '$lib/charts/spine-chart';
import { ENGLAND, isAreaCode } from '$lib/contract/vocabulary';
import { queryPeriodRows, querySeriesRows, toAreaView, type AreaView } from '$lib/explorer/area-view';
import { toAreaTables, toInequalityTable } from '$lib/explorer/area-tables';
import { needUnderPrevalence, queryPrevalenceSeries } from '$lib/explorer/prevalence';
import { toAreaViewSearch, type AreaViewChoices } from '$lib/explorer/url-state';
import { describeInequalities } from '$lib/inequalities/describe';
import { queryAccessTrend } from '$lib/metrics/access-trend';
import { queryHeadline, queryHeadlines } from '$lib/metrics/headline';
import { findArea, queryAreas, type Area } from '$lib/queries/areas';
import { queryOtherIndicators } from '$lib/queries/other-indicators';
import { renderToMarkup } from '../charts/render-svg';
import type { ServerDataset } from '../datasets';

export type AreaLookup = { kind: 'found'; area: Area } | { kind: 'moved'; areaCode: string } | { kind: 'england' } | { kind: 'missing'; message: string };

/** Finds the area a path names: its current code, a former code or another spelling of it (moved), or a specific message. */
export async function lookUpArea(dataset: ServerDataset, rawCode: string): Promise<AreaLookup> {
	const code = rawCode.trim().toUpperCase();
	if (!isAreaCode(code))
		return {
			kind: 'missing',
			message: `"${rawCode.slice(0, 40)}" is not an area code. Area codes are ONS codes: E92 for England, E40 for a region or E54 for an ICB, then six digits (for example E54000057).`
		};
	const area = await dataset.memo(`area:${code}`, () => findArea(dataset.engine, code));
	if (!area) return { kind: 'missing', message: `unknown area code: ${code}. No region or ICB in the demonstration dataset has this code, now or formerly.` };
	if (area.areaType === 'england') return { kind: 'england' };
	if (area.areaCode !== rawCode) return { kind: 'moved', areaCode: area.areaCode };
	return { kind: 'found', area };
}

/** Everything `/areas/[code]` shows, its API and its CSVs: computed once per area and choices, then shared. */
export function loadAreaPage(dataset: ServerDataset, area: Area, choices: AreaViewChoices) {
	const search = toAreaViewSearch(choices, dataset.manifest);
	return dataset.memo(`area-page:${area.areaCode}${search}`, () => buildAreaPage(dataset, area, choices));
}

async function buildAreaPage(dataset: ServerDataset, area: Area, choices: AreaViewChoices) {
	const { engine, manifest } = dataset;
	const { period } = choices;
	const areas = await dataset.memo('areas', () => queryAreas(engine));
	const parent = area.parentCode && area.parentCode !== ENGLAND ? (areas.find((a) => a.areaCode === area.parentCode) ?? null) : null;
	const trendAreas = [area.areaCode, ...(parent ? [parent.areaCode] : []), ENGLAND];
	const [headlines, trendPoints, periodRows, series, others, survey] = await Promise.all([
		queryHeadlines(engine, { areas: [area.areaCode, ENGLAND], period }),
		queryAccessTrend(engine, { areas: trendAreas }),
		// The period's rows are the same for every area: queried once per period, not once per area.
		dataset.memo(`period-rows:${period}`, () => queryPeriodRows(engine, { period })),
		dataset.memo(`series-rows:${area.areaCode}`, () => querySeriesRows(engine, { areaCode: area.areaCode })),
		dataset.memo(`other-indicators:${area.areaCode}`, () => queryOtherIndicators(engine, { areaCode: area.areaCode, periods: manifest.periods })),
		dataset.memo('prevalence-series', () => queryPrevalenceSeries(engine))
	]);
	const need = needUnderPrevalence(series, survey);
	const rows = { period: periodRows, series };
	const [headline, england] = [headlines.get(area.areaCode)!, headlines.get(ENGLAND)!];
	const summaries = await dataset.memo(`inequality-summaries:${period}`, (): SummaryCache => new Map());
	const view: AreaView = toAreaView({ area, region: parent, areas, rows, ...choices, summaries });
	const names: Record<string, string> = { [area.areaCode]: area.shortName, [ENGLAND]: 'England' };
	if (parent) names[parent.areaCode] = parent.shortName;
	const points = trendAreas.flatMap((code) => trendPoints.filter((p) => p.areaCode === code));
	const englandRate = england.find((f) => f.metric.id === 'access_rate')?.value ?? null;
	const trend = { points, names, svg: renderToMarkup((document) => createAccessTrendChart({ points, names, document })) };
	return {
		area,
		parent,
		areas,
		choices,
		periods: manifest.periods.filter((p) => rows.series.some((r) => r.period === p)),
		latestPeriod: manifest.latestPeriod,
		headline,
		england,
		englandRate,
		trend,
		view,
		sentences: {
			imd_quintile: describeInequalities(view.inequalities.imd_quintile, area.shortName),
			ethnic_group: describeInequalities(view.inequalities.ethnic_group, area.shortName)
		},
		svgs: {
			spine: renderToMarkup((document) => createSpineChart({ rows: view.spine, areaName: area.shortName, period, document })),
			groups: renderToMarkup((document) => createGroupRatesChart({ summary: view.inequalities[view.breakdown], areaName: area.shortName, document })),
			compare: renderToMarkup((document) =>
				createCompareAreasChart({
					rows: view.compare.rows,
					indicator: view.indicator,
					areaCode: area.areaCode,
					scopeName: view.compare.scopeName,
					period,
					englandValue: englandRate,
					document
				})
			)
		},
		others,
		need,
		tables: toAreaTables({ areaName: area.shortName, headline, england, trend, view, need, others }),
		dataset: { version: dataset.provenance.datasetVersion, synthetic: manifest.synthetic }
	};
}

export type AreaPageData = Awaited<ReturnType<typeof buildAreaPage>>;

/**
 * England's own figures for a period, for a board report on England: the headline, the recent trend, and access by
 * deprivation and ethnic group with their summaries. England is the benchmark every area is compared with, so it
 * has no comparisons of its own. Memoised per period, like the area pages.
 */
export function loadEnglandProfile(dataset: ServerDataset, period: string) {
	return dataset.memo(`england-profile:${period}`, async () => {
		const { engine } = dataset;
		const [headline, rows, series] = await Promise.all([
			queryHeadline(engine, { area: ENGLAND, period }),
			dataset.memo(`period-rows:${period}`, () => queryPeriodRows(engine, { period })),
			dataset.memo(`series-rows:${ENGLAND}`, () => querySeriesRows(engine, { areaCode: ENGLAND }))
		]);
		const access = benchmarkAccess({ areaCode: ENGLAND, period, rows, series, comparators: [] });
		const summaries = await dataset.memo(`inequality-summaries:${period}`, (): SummaryCache => new Map());
		const byBreakdown = <T>(of: (summary: InequalitySummary) => T) =>
			Object.fromEntries(BREAKDOWNS.map((breakdown) => [breakdown, of(summariseCached(summaries, rows, { areaCode: ENGLAND, period, breakdown }))])) as Record<
				Breakdown,
				T
			>;
		return {
			headline,
			trend: access.trend.text,
			summaries: byBreakdown((s) => s),
			sentences: byBreakdown((s) => describeInequalities(s, 'England')),
			svgs: byBreakdown((summary) => renderToMarkup((document) => createGroupRatesChart({ summary, areaName: 'England', document }))),
			tables: byBreakdown((summary) => toInequalityTable({ summary, areaName: 'England', period }))
		};
	});
}
