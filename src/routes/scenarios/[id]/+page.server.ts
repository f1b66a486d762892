import { error } from '@sveltejs/kit';
import { hasRole } from '$lib/auth/roles';
import { OPTIONS } from '$lib/model/options';
import { toSearchParams } from '$lib/model/url-state';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { renderPlannerCharts } from '$lib/server/planner/analyse';
import { planFromSavedVersion } from '$lib/server/planner/saved-plan';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const user = requireRole(locals, url, 'viewer');
	if (!/^[0-9a-f-]{36}$/.test(params.id)) error(404, `"${params.id}" is not a scenario id`);
	const versionText = url.searchParams.get('version');
	const version = versionText === null ? undefined : Number(versionText);
	if (version !== undefined && !(Number.isInteger(version) && version > 0)) error(404, `"${versionText}" is not a version number`);
	const { db } = await database();
	// The stored inputs, not today's dataset: a version always gives the same numbers.
	const plan = await planFromSavedVersion(db, params.id, version);
	if (!plan) error(404, version ? `scenario ${params.id} has no version ${version}` : `no saved scenario ${params.id}`);
	const { saved, scenario, result, tornado, monteCarlo } = plan;
	const query = `${toSearchParams(saved.request)}&saved=${saved.id}&version=${saved.version}`;
	return {
		saved,
		scenario,
		result,
		tornado,
		monteCarlo,
		query,
		plannerQuery: toSearchParams(saved.request).toString(),
		canEdit: hasRole(user.role, 'commissioner'),
		optionLabels: Object.fromEntries(Object.values(OPTIONS).map((o) => [o.kind, o.label])),
		svgs: renderPlannerCharts(plan)
	};
};
