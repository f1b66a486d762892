import { error, fail, redirect } from '@sveltejs/kit';
import { hasRole } from '$lib/auth/roles';
import { OPTIONS } from '$lib/model/options';
import { toSearchParams } from '$lib/model/url-state';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { renderPlannerCharts } from '$lib/server/planner/analyse';
import { planFromSavedVersion } from '$lib/server/planner/saved-plan';
import { readForm } from '$lib/server/http/body';
import { createReport } from '$lib/server/reports/create';
import { DEFAULT_DATASET_ID } from '$lib/server/datasets';
import { listVersions } from '$lib/server/datasets/registry';
import { sourceAddressOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

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
	// The dataset versions a report's area figures can come from: the latest of each dataset.
	const latest = new Map<string, { datasetId: string; version: number; title: string }>();
	const versions = await listVersions(db);
	for (const v of versions)
		if (!v.withdrawn && !latest.has(v.datasetId)) latest.set(v.datasetId, { datasetId: v.datasetId, version: v.version, title: v.title });
	// Where the version's inputs came from, and whether that dataset version can still be opened.
	const from = saved.dataset;
	const fromVersion = from && versions.find((v) => v.datasetId === from.datasetId && v.version === from.version);
	const inputsFrom = from && {
		...from,
		available: Boolean(fromVersion && !fromVersion.withdrawn),
		query: from.datasetId === DEFAULT_DATASET_ID ? '' : `dataset=${encodeURIComponent(from.datasetId)}&version=${from.version}`
	};
	return {
		inputsFrom,
		reportDatasets: [...latest.values()].sort((a, b) =>
			a.datasetId === DEFAULT_DATASET_ID ? -1 : b.datasetId === DEFAULT_DATASET_ID ? 1 : a.datasetId.localeCompare(b.datasetId)
		),
		saved,
		scenario,
		result,
		tornado,
		monteCarlo,
		query,
		// The planner opens on the dataset version the inputs came from, while it can be opened.
		plannerQuery: [toSearchParams(saved.request).toString(), inputsFrom?.available ? inputsFrom.query : ''].filter(Boolean).join('&'),
		canEdit: hasRole(user.role, 'commissioner'),
		optionLabels: Object.fromEntries(Object.values(OPTIONS).map((o) => [o.kind, o.label])),
		svgs: renderPlannerCharts(plan)
	};
};

export const actions: Actions = {
	/** Creates a board report from a saved version (commissioners): an immutable snapshot, then its page. */
	report: async (event) => {
		const user = requireRole(event.locals, event.url, 'commissioner');
		if (!/^[0-9a-f-]{36}$/.test(event.params.id)) error(404, `"${event.params.id}" is not a scenario id`);
		const form = await readForm(event.request);
		const versionText = String(form.get('scenarioVersion') ?? '');
		if (!/^[1-9]\d{0,5}$/.test(versionText)) return fail(400, { reportError: 'Choose a saved version to make the report from.' });
		// The dataset version for the area figures, as "id@version" (the default when none was chosen).
		const dataset = new URLSearchParams();
		const chosen = form.get('dataset');
		if (typeof chosen === 'string' && chosen) {
			const match = /^([a-z][a-z0-9-]{1,39})@([1-9]\d{0,5})$/.exec(chosen);
			if (!match) return fail(400, { reportError: `"${chosen.slice(0, 50)}" is not a dataset version; choose one from the list.` });
			dataset.set('dataset', match[1]);
			dataset.set('version', match[2]);
		}
		const { db } = await database();
		const created = await createReport(
			db,
			{ scenarioId: event.params.id, scenarioVersion: Number(versionText), dataset },
			{ id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) }
		);
		if (!created.ok) return fail(400, { reportError: `The report was not created: ${created.message}` });
		redirect(303, `/reports/${created.id}`);
	}
};
