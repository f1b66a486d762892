import { error } from '@sveltejs/kit';
import { PLANNER_TABLES, toPlannerTables, type PlannerTableName } from '$lib/planner/tables';
import { toCsv } from '$lib/tables/table';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { datasetFor } from '$lib/server/datasets';
import { planFromSearchParams } from '$lib/server/planner/plan';
import { planFromSavedVersion } from '$lib/server/planner/saved-plan';
import { sourceAddressOf } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** CSV of one planner table for the scenario in the query string, e.g. /scenarios/export/options.csv?area=... */
export const GET: RequestHandler = async (event) => {
	const { params, url, locals } = event;
	requireRole(locals, url, 'demo');
	const name = params.table.replace(/\.csv$/, '');
	if (!(PLANNER_TABLES as readonly string[]).includes(name)) error(404, `no table "${name}"; use ${PLANNER_TABLES.join(', ')}`);
	const savedId = url.searchParams.get('saved');
	let plan;
	const dataset = await datasetFor(savedId ? new URL(url.pathname, url) : url);
	if (savedId) {
		// A saved version's tables come from what was saved, like its page.
		requireRole(locals, url, 'viewer');
		const version = Number(url.searchParams.get('version'));
		if (!/^[0-9a-f-]{36}$/.test(savedId) || !Number.isInteger(version) || version < 1) error(404, 'saved scenario id or version is not valid');
		plan = await planFromSavedVersion((await database()).db, savedId, version);
		if (!plan) error(404, `no saved scenario ${savedId} version ${version}`);
	} else {
		plan = await planFromSearchParams(url.searchParams, { client: sourceAddressOf(event), dataset });
	}
	const table = toPlannerTables(plan.result, plan.tornado, plan.monteCarlo)[name as PlannerTableName];
	return new Response(toCsv(table, dataset.provenance), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="scenario-${plan.scenario.area.areaCode}-${name}.csv"` }
	});
};
