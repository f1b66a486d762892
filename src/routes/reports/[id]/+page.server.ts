import { error, fail, redirect } from '@sveltejs/kit';
import { hasRole } from '$lib/auth/roles';
import { writeNarrative } from '$lib/reports/narrative';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { createReport } from '$lib/server/reports/create';
import { loadReport } from '$lib/server/reports/store';
import { sourceAddressOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A board report, as created: read from its snapshot, never recomputed. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const user = requireRole(locals, url, 'viewer');
	if (!ID.test(params.id)) error(404, `"${params.id.slice(0, 40)}" is not a report id; /reports lists them`);
	const report = await loadReport((await database()).db, params.id);
	if (!report) error(404, `no report ${params.id}; /reports lists them`);
	return { report, narrative: writeNarrative(report.snapshot), canSupersede: hasRole(user.role, 'commissioner') };
};

export const actions: Actions = {
	/** A new report from the scenario's latest version and the current data; this one stays readable. */
	supersede: async (event) => {
		const user = requireRole(event.locals, event.url, 'commissioner');
		if (!ID.test(event.params.id)) error(404, 'not a report id');
		const { db } = await database();
		const old = await loadReport(db, event.params.id);
		if (!old) error(404, `no report ${event.params.id}`);
		const created = await createReport(
			db,
			{ scenarioId: old.snapshot.scenario.id, dataset: new URLSearchParams(), title: old.title, supersedes: old.id },
			{ id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) }
		);
		if (!created.ok) return fail(400, { supersedeError: `No new report was created: ${created.message}` });
		redirect(303, `/reports/${created.id}`);
	}
};
