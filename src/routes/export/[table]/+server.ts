import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { datasetFor } from '$lib/server/datasets';
import { loadOverview, OVERVIEW_TABLES, type OverviewTableName } from '$lib/server/explorer/overview-page';
import { toCsv } from '$lib/tables/table';
import { maybeMapMetricId } from '$lib/tilemap/map-metrics';
import type { RequestHandler } from './$types';

/** CSV of one of the England overview's tables: /export/headline.csv, /export/trend.csv, /export/map.csv?measure=sii_imd */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireRole(locals, url, 'demo');
	const name = params.table.replace(/\.csv$/, '');
	if (!(OVERVIEW_TABLES as readonly string[]).includes(name)) error(404, `no table "${name.slice(0, 40)}"; use ${OVERVIEW_TABLES.join(', ')}`);
	const dataset = await datasetFor(url);
	const metricId = maybeMapMetricId(url.searchParams.get('measure'));
	const page = await loadOverview(dataset, metricId);
	return new Response(toCsv(page.tables[name as OverviewTableName], dataset.provenance), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="england-${name}${name === 'map' ? `-${metricId}` : ''}.csv"`
		}
	});
};
