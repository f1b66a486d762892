import { error } from '@sveltejs/kit';
import { toCsv, toPlannerTables } from '$lib/planner/tables';
import { planFromSearchParams } from '$lib/server/planner/plan';
import type { RequestHandler } from './$types';

/** CSV of one planner table for the scenario in the query string, e.g. /scenarios/export/options.csv?area=... */
export const GET: RequestHandler = async ({ params, url }) => {
	const name = params.table.replace(/\.csv$/, '');
	const plan = await planFromSearchParams(url.searchParams);
	const table = toPlannerTables(plan.result, plan.tornado, plan.monteCarlo)[name];
	if (!table) error(404, `no table "${name}"; use options, years, uncertainty or tornado`);
	return new Response(toCsv(table), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="scenario-${plan.scenario.area.areaCode}-${name}.csv"` }
	});
};
