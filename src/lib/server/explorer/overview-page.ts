import { createAccessTrendChart } from '$lib/charts/access-trend-chart';
import { ENGLAND } from '$lib/contract/vocabulary';
import { toHeadlineTable, toTrendTable } from '$lib/explorer/area-tables';
import { queryAccessTrend } from '$lib/metrics/access-trend';
import { queryAreas } from '$lib/queries/areas';
import type { Table } from '$lib/tables/table';
import { MAP_METRIC_IDS, queryTileValues, toMapMetric, type MapMetricId } from '$lib/tilemap/map-metrics';
import { renderToMarkup } from '../charts/render-svg';
import type { ServerDataset } from '../datasets';
import { loadEnglandProfile } from './area-page';

export const OVERVIEW_TABLES = ['headline', 'trend', 'deprivation', 'ethnicity', 'map'] as const;
export type OverviewTableName = (typeof OVERVIEW_TABLES)[number];

/** What `/` shows for a map measure, and the same figures as tables for its CSVs: computed once per measure. */
export function loadOverview(dataset: ServerDataset, metricId: MapMetricId) {
	return dataset.memo(`overview:${metricId}`, () => buildOverview(dataset, metricId));
}

async function buildOverview(dataset: ServerDataset, metricId: MapMetricId) {
	const { engine, manifest } = dataset;
	const period = manifest.latestPeriod;
	const [profile, trend, icbs, values] = await Promise.all([
		loadEnglandProfile(dataset, period),
		queryAccessTrend(engine, { areas: [ENGLAND] }),
		queryAreas(engine, { areaTypes: ['icb'] }),
		queryTileValues(engine, { metricId, period })
	]);
	const { headline } = profile;
	const names = { [ENGLAND]: 'England' };
	const measure = toMapMetric(metricId);
	const tables: Record<OverviewTableName, Table> = {
		headline: toHeadlineTable({ name: `Headline figures, England, ${period}`, headline, england: headline }),
		trend: toTrendTable({ points: trend, names }),
		deprivation: profile.tables.imd_quintile,
		ethnicity: profile.tables.ethnic_group,
		map: {
			name: `${measure.label} by integrated care board, ${period}`,
			columns: [
				'ICB',
				'ONS code',
				`${measure.label} (${measure.unit === 'percent' ? '%' : measure.unit === 'percentage_points' ? 'percentage points' : 'women'})`
			],
			rows: icbs.map((i) => [
				i.shortName,
				i.areaCode,
				values[i.areaCode] === null || values[i.areaCode] === undefined ? null : Number(values[i.areaCode]!.toFixed(2))
			])
		}
	};
	return {
		period,
		headline,
		trend: { points: trend, names, svg: renderToMarkup((document) => createAccessTrendChart({ points: trend, names, document })) },
		// England's gaps by deprivation and ethnic group (the same figures a board report on England carries).
		inequalities: { summaries: profile.summaries, sentences: profile.sentences, svgs: profile.svgs },
		tables,
		map: {
			metricId,
			values,
			tiles: icbs.map(({ areaCode, name, shortName, tileCol, tileRow }) => ({ areaCode, name, shortName, tileCol: tileCol ?? 0, tileRow: tileRow ?? 0 })),
			options: MAP_METRIC_IDS.map((id) => ({ id, label: toMapMetric(id).label, unit: toMapMetric(id).unit }))
		}
	};
}
