import { createPrevalenceChart } from '$lib/charts/prevalence-chart';
import { ENGLAND } from '$lib/contract/vocabulary';
import { renderToMarkup } from '$lib/server/charts/render-svg';
import { INDICATOR } from '$lib/contract/indicators';
import { needFollowingSeries, type PrevalencePoint } from '$lib/explorer/prevalence';
import { queryHeadline } from '$lib/metrics/headline';
import { queryGroupMeasures } from '$lib/metrics/group-measures';
import { evaluateScenario } from '$lib/model/evaluate';
import { PRESETS } from '$lib/model/presets';
import { Params } from '$lib/engine/params';
import { requireRole } from '$lib/server/auth/access';
import { datasetFor } from '$lib/server/datasets';
import type { PageServerLoad } from './$types';

/** The product's own England figures beside every published headline, computed from the dataset, not typed in. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'demo');
	const dataset = await datasetFor(url);
	return dataset.memo('about-methods', async () => {
		const { engine } = dataset;
		const figures = await queryHeadline(engine, { area: ENGLAND, period: '2023/24' });
		const value = (id: string) => figures.find((f) => f.metric.id === id)?.value ?? null;
		const params = new Params();
		const survey = await engine.query<{ period: string; value: number; note: string | null } & Record<string, string | number | null>>(
			`SELECT period, value, note FROM observations WHERE indicator_id = ${params.bind(INDICATOR.postnatalDepression)} AND area_code = ${params.bind(ENGLAND)} ORDER BY period`,
			params.values
		);
		const series: PrevalencePoint[] = survey.map((s) => ({ year: Number(s.period), percent: s.value }));
		const england = await queryGroupMeasures(engine, { areas: [ENGLAND], categoryType: '' });
		const lse = evaluateScenario(PRESETS['lse-2022'].scenario).totals;
		return {
			england2023: {
				maternities: value('maternities'),
				needTotal: value('need_total'),
				needSevere: value('need_severe'),
				reached: value('reached'),
				accessRate: value('access_rate'),
				unmetNeed: value('unmet_need'),
				commitmentGap: value('commitment_gap'),
				ambitionGap: value('ambition_gap')
			},
			lse: { netEconomicBenefit: lse.netEconomicBenefit, nhsNet: lse.nhsNet, qualityOfLife: lse.qualityOfLifeValue },
			survey,
			surveySvg: renderToMarkup((document) =>
				createPrevalenceChart({ points: survey.map((s) => ({ year: Number(s.period), percent: s.value, note: s.note })), document })
			),
			prevalence: england.map((r) => ({
				period: r.period,
				maternities: r.maternities,
				flat: r.needTotal,
				following: r.maternities === null ? null : needFollowingSeries({ period: r.period, maternities: r.maternities, flatShare: 0.25, series })
			}))
		};
	});
};
