import { createAccessTrendChart } from '$lib/charts/access-trend-chart';
import { ENGLAND } from '$lib/contract/vocabulary';
import { queryAccessTrend } from '$lib/metrics/access-trend';
import { queryHeadline } from '$lib/metrics/headline';
import { queryAreas } from '$lib/queries/areas';
import { renderToMarkup } from '$lib/server/charts/render-svg';
import { requireRole } from '$lib/server/auth/access';
import { demoDataset, type ServerDataset } from '$lib/server/demo-dataset';
import { MAP_METRIC_IDS, maybeMapMetricId, queryTileValues, toMapMetric, type MapMetricId } from '$lib/tilemap/map-metrics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	requireRole(locals, url, 'demo');
	const dataset = await demoDataset();
	const metricId = maybeMapMetricId(url.searchParams.get('measure'));
	return dataset.memo(`overview:${metricId}`, () => overview(dataset, metricId));
};

async function overview({ engine, manifest }: ServerDataset, metricId: MapMetricId) {
	const period = manifest.latestPeriod;
	const [headline, trend, icbs, values] = await Promise.all([
		queryHeadline(engine, { area: ENGLAND, period }),
		queryAccessTrend(engine, { areas: [ENGLAND] }),
		queryAreas(engine, { areaTypes: ['icb'] }),
		queryTileValues(engine, { metricId, period })
	]);
	const names = { [ENGLAND]: 'England' };
	return {
		period,
		headline,
		trend: { points: trend, names, svg: renderToMarkup((document) => createAccessTrendChart({ points: trend, names, document })) },
		map: {
			metricId,
			values,
			tiles: icbs.map(({ areaCode, name, shortName, tileCol, tileRow }) => ({ areaCode, name, shortName, tileCol: tileCol ?? 0, tileRow: tileRow ?? 0 })),
			options: MAP_METRIC_IDS.map((id) => ({ id, label: toMapMetric(id).label, unit: toMapMetric(id).unit }))
		}
	};
}
