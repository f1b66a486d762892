import { error, redirect } from '@sveltejs/kit';
import { AREA_TABLES, type AreaTableName } from '$lib/explorer/area-tables';
import { toAreaViewSearch } from '$lib/explorer/url-state';
import { requireRole } from '$lib/server/auth/access';
import { loadAreaPage } from '$lib/server/explorer/area-page';
import { readAreaRequest } from '$lib/server/explorer/area-request';
import { toCsv } from '$lib/tables/table';
import type { RequestHandler } from './$types';

/** CSV of one of the explorer's tables, for the same choices as the page: /areas/E54000057/export/inequalities.csv?breakdown=ethnic_group */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	requireRole(locals, url, 'demo');
	const name = params.table.replace(/\.csv$/, '');
	if (!(AREA_TABLES as readonly string[]).includes(name)) error(404, `no table "${name.slice(0, 40)}"; use ${AREA_TABLES.join(', ')}`);
	const request = await readAreaRequest(params.code, url, { pathAfterCode: `/export/${params.table}` });
	if (!request.ok) {
		if ('location' in request) redirect(request.status === 307 ? 307 : 301, request.location);
		error(request.status, request.message);
	}
	const page = await loadAreaPage(request.dataset, request.area, request.choices);
	const suffix = toAreaViewSearch(request.choices, request.dataset.manifest)
		.replace(/[^\w]+/g, '-')
		.replace(/^-|-$/g, '');
	return new Response(toCsv(page.tables[name as AreaTableName], request.dataset.provenance), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${request.area.areaCode}-${name}${suffix ? `-${suffix}` : ''}.csv"`
		}
	});
};
