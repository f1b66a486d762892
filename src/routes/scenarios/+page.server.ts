import { createNetBenefitChart } from '$lib/charts/net-benefit-chart';
import { createReachChart } from '$lib/charts/reach-chart';
import { createTornadoChart } from '$lib/charts/tornado-chart';
import { ECONOMIC_PARAMETERS } from '$lib/model/economics';
import { evaluateScenario } from '$lib/model/evaluate';
import { PRESETS } from '$lib/model/presets';
import { OPTION_KINDS, OPTIONS } from '$lib/model/options';
import { toFieldErrors } from '$lib/planner/field-errors';
import { queryAreas } from '$lib/queries/areas';
import { renderToMarkup } from '$lib/server/charts/render-svg';
import { demoDataset } from '$lib/server/demo-dataset';
import { planFromSearchParams } from '$lib/server/planner/plan';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { engine } = await demoDataset();
	const [plan, areas] = await Promise.all([planFromSearchParams(url.searchParams), queryAreas(engine)]);
	const sentKinds = url.searchParams.getAll('option');
	return {
		...plan,
		fieldErrors: toFieldErrors(plan.errors, sentKinds.length ? sentKinds : ['practitioners']),
		areas: areas.map((a) => ({ areaCode: a.areaCode, name: a.areaType === 'icb' ? a.shortName : a.name, areaType: a.areaType })),
		definitions: { options: OPTION_KINDS.map((k) => OPTIONS[k]), economics: ECONOMIC_PARAMETERS },
		presets: Object.values(PRESETS).map((p) => ({ id: p.id, label: p.label, note: p.note, totals: evaluateScenario(p.scenario).totals })),
		svgs: {
			netBenefit: renderToMarkup((document) => createNetBenefitChart({ years: plan.result.years, band: plan.monteCarlo.cumulativeNetBenefit, document })),
			tornado: renderToMarkup((document) => createTornadoChart({ ...plan.tornado, document })),
			reach: renderToMarkup((document) => createReachChart({ options: plan.result.options, unmetByYear: plan.result.unmetByYear, document }))
		}
	};
};
