import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { datasetFor } from '$lib/server/datasets';
import { loadMethods, METHODS_TABLES, type MethodsTableName } from '$lib/server/explorer/methods-page';
import { toCsv } from '$lib/tables/table';
import type { RequestHandler } from './$types';

/** CSV of one of the methods page's tables: /about/methods/export/survey.csv, /about/methods/export/need.csv */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireRole(locals, url, 'demo');
	const name = params.table.replace(/\.csv$/, '');
	if (!(METHODS_TABLES as readonly string[]).includes(name)) error(404, `no table "${name.slice(0, 40)}"; use ${METHODS_TABLES.join(', ')}`);
	const dataset = await datasetFor(url);
	const page = await loadMethods(dataset);
	return new Response(toCsv(page.tables[name as MethodsTableName], dataset.provenance), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="methods-${name}.csv"` }
	});
};
