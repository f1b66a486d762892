import { error } from '@sveltejs/kit';
import { REPORT_TABLES, type ReportTableName } from '$lib/reports/snapshot';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { loadReport } from '$lib/server/reports/store';
import { toCsv } from '$lib/tables/table';
import type { RequestHandler } from './$types';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One of a report's tables as CSV, from its snapshot: /reports/<id>/export/years.csv */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	requireRole(locals, url, 'viewer');
	const name = params.table.replace(/\.csv$/, '');
	if (!(REPORT_TABLES as readonly string[]).includes(name)) error(404, `no table "${name.slice(0, 40)}"; use ${REPORT_TABLES.join(', ')}`);
	if (!ID.test(params.id)) error(404, `"${params.id.slice(0, 40)}" is not a report id`);
	const report = await loadReport((await database()).db, params.id);
	if (!report?.snapshot.tables) error(404, `no report ${params.id} with tables; /reports lists them`);
	const { dataset } = report.snapshot;
	return new Response(toCsv(report.snapshot.tables[name as ReportTableName], { datasetVersion: dataset.label, synthetic: dataset.synthetic }), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="report-${report.id.slice(0, 8)}-${name}.csv"` }
	});
};
