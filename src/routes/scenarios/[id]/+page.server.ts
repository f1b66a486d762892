import { error } from '@sveltejs/kit';
import { hasRole } from '$lib/auth/roles';
import { createNetBenefitChart } from '$lib/charts/net-benefit-chart';
import { createReachChart } from '$lib/charts/reach-chart';
import { createTornadoChart } from '$lib/charts/tornado-chart';
import { evaluateScenario } from '$lib/model/evaluate';
import { OPTIONS } from '$lib/model/options';
import type { Scenario } from '$lib/model/scenario';
import { runMonteCarlo, runTornado } from '$lib/model/uncertainty';
import { toSearchParams } from '$lib/model/url-state';
import { requireRole } from '$lib/server/auth/access';
import { renderToMarkup } from '$lib/server/charts/render-svg';
import { database } from '$lib/server/db';
import { DRAWS, SEED } from '$lib/server/planner/plan';
import { loadScenario } from '$lib/server/planner/scenario-store';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const user = requireRole(locals, url, 'viewer');
	if (!/^[0-9a-f-]{36}$/.test(params.id)) error(404, `"${params.id}" is not a scenario id`);
	const versionText = url.searchParams.get('version');
	const version = versionText === null ? undefined : Number(versionText);
	if (version !== undefined && !(Number.isInteger(version) && version > 0)) error(404, `"${versionText}" is not a version number`);
	const { db } = await database();
	const saved = await loadScenario(db, params.id, version);
	if (!saved) error(404, version ? `scenario ${params.id} has no version ${version}` : `no saved scenario ${params.id}`);
	// The stored inputs, not today's dataset: a version always gives the same numbers.
	const scenario: Scenario = { area: saved.inputs, horizonYears: saved.request.horizonYears, options: saved.request.options, economics: saved.request.economics };
	const result = evaluateScenario(scenario);
	const tornado = runTornado(scenario);
	const monteCarlo = runMonteCarlo(scenario, { draws: DRAWS, seed: SEED });
	const query = toSearchParams(saved.request).toString();
	return {
		saved,
		scenario,
		result,
		tornado,
		monteCarlo,
		query,
		canEdit: hasRole(user.role, 'commissioner'),
		optionLabels: Object.fromEntries(Object.values(OPTIONS).map((o) => [o.kind, o.label])),
		svgs: {
			netBenefit: renderToMarkup((document) => createNetBenefitChart({ years: result.years, band: monteCarlo.cumulativeNetBenefit, document })),
			tornado: renderToMarkup((document) => createTornadoChart({ ...tornado, document })),
			reach: renderToMarkup((document) => createReachChart({ options: result.options, unmetByYear: result.unmetByYear, document }))
		}
	};
};
