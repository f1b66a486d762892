import { ECONOMIC_PARAMETERS } from '$lib/model/economics';
import { evaluateScenario } from '$lib/model/evaluate';
import { PRESETS } from '$lib/model/presets';
import { optionParameters, scaleOf } from '$lib/model/area-scale';
import { OPTION_KINDS, OPTIONS } from '$lib/model/options';
import { toFieldErrors } from '$lib/planner/field-errors';
import { queryAreas } from '$lib/queries/areas';
import { datasetFor, lookUpDataset } from '$lib/server/datasets';
import { planFromSearchParams } from '$lib/server/planner/plan';
import { fail, redirect } from '@sveltejs/kit';
import { hasRole } from '$lib/auth/roles';
import { fromSearchParams } from '$lib/model/url-state';
import { validateScenarioRequest } from '$lib/model/validate';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { renderPlannerCharts } from '$lib/server/planner/analyse';
import { resolveScenario } from '$lib/server/planner/resolve-scenario';
import { listScenarios, loadScenario, saveScenario } from '$lib/server/planner/scenario-store';
import { parseForm } from '$lib/server/forms/parse-form';
import { saveScenarioForm } from '$lib/server/forms/schemas';
import { readForm } from '$lib/server/http/body';
import { sourceAddressOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

let presets: { id: string; label: string; note: string; totals: ReturnType<typeof evaluateScenario>['totals'] }[] | undefined;
const presetSummaries = () =>
	(presets ??= Object.values(PRESETS).map((p) => ({ id: p.id, label: p.label, note: p.note, totals: evaluateScenario(p.scenario).totals })));

export const load: PageServerLoad = async (event) => {
	const { url, locals } = event;
	requireRole(locals, url, 'demo');
	const dataset = await datasetFor(url);
	const { engine, memo } = dataset;
	const canSave = locals.user !== null && hasRole(locals.user.role, 'commissioner');
	const { db } = await database();
	const from = url.searchParams.get('from');
	const basedOn = from && /^[0-9a-f-]{36}$/.test(from) && locals.user ? await loadScenario(db, from) : undefined;
	const [plan, areas] = await Promise.all([
		planFromSearchParams(url.searchParams, { client: sourceAddressOf(event), dataset }),
		memo('areas:all', () => queryAreas(engine))
	]);
	const sentKinds = url.searchParams.getAll('option');
	return {
		...plan,
		fieldErrors: toFieldErrors(plan.errors, sentKinds.length ? sentKinds : ['practitioners']),
		areas: areas.map((a) => ({ areaCode: a.areaCode, name: a.areaType === 'icb' ? a.shortName : a.name, areaType: a.areaType })),
		// Staff numbers are sized for the chosen area (its share of England's estimated need); the rest as defined.
		definitions: {
			options: OPTION_KINDS.map((k) => ({ ...OPTIONS[k], parameters: optionParameters(k, scaleOf(plan.scenario.area)) })),
			economics: ECONOMIC_PARAMETERS
		},
		canSave,
		// The dataset version chosen in the address ('' for the default), kept by every change the page makes.
		datasetQuery: dataset.query,
		signedIn: locals.user !== null,
		basedOn: basedOn ? { id: basedOn.id, title: basedOn.title, version: basedOn.version } : null,
		saved: locals.user ? await listScenarios(db, { limit: 20 }) : [],
		presets: presetSummaries(),
		svgs: renderPlannerCharts(plan)
	};
};

export const actions: Actions = {
	/** Saves the scenario in `query` as a new scenario, or as the next version of `scenarioId`. Commissioners and above. */
	save: async (event) => {
		const user = requireRole(event.locals, event.url, 'commissioner');
		const parsed = parseForm(saveScenarioForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { saveError: Object.values(parsed.errors)[0] });
		const { title, query } = parsed.value;
		const scenarioId = parsed.value.scenarioId || undefined;
		const params = new URLSearchParams(query);
		const validated = validateScenarioRequest(fromSearchParams(params));
		if (!validated.ok)
			return fail(400, { saveError: `The scenario has problems, so it was not saved: ${validated.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` });
		const found = await lookUpDataset(params);
		if (!found.ok) return fail(400, { saveError: `The scenario was not saved: ${found.message}` });
		const resolved = await resolveScenario(validated.request, found.dataset);
		if (!resolved.ok) return fail(400, { saveError: resolved.errors.map((e) => e.message).join('; ') });
		const { db } = await database();
		if (scenarioId && !(await loadScenario(db, scenarioId)))
			return fail(400, { saveError: 'The scenario to add a version to no longer exists; save it as a new scenario.' });
		const saved = await saveScenario(
			db,
			{
				scenarioId,
				title,
				request: validated.request,
				inputs: resolved.scenario.area,
				dataset: found.dataset.ref ? { ...found.dataset.ref, label: found.dataset.provenance.datasetVersion } : null
			},
			{ id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) }
		);
		redirect(303, `/scenarios/${saved.id}?version=${saved.version}`);
	}
};
