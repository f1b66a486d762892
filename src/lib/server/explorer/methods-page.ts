import { createPrevalenceChart } from '$lib/charts/prevalence-chart';
import { ENGLAND } from '$lib/contract/vocabulary';
import { toNeedTable } from '$lib/explorer/area-tables';
import { needUnderPrevalence, queryPrevalenceSeries } from '$lib/explorer/prevalence';
import { queryHeadline } from '$lib/metrics/headline';
import { queryGroupMeasures } from '$lib/metrics/group-measures';
import { evaluateScenario } from '$lib/model/evaluate';
import { PRESETS } from '$lib/model/presets';
import type { Table } from '$lib/tables/table';
import { renderToMarkup } from '../charts/render-svg';
import type { ServerDataset } from '../datasets';

export const METHODS_TABLES = ['survey', 'need'] as const;
export type MethodsTableName = (typeof METHODS_TABLES)[number];

/**
 * What `/about/methods` shows: the product's own England figures beside every published headline, computed from
 * the dataset (not typed in), and the prevalence series with need under both assumptions. Its tables are the
 * page's and its CSVs'. Memoised per dataset version.
 */
export function loadMethods(dataset: ServerDataset) {
	return dataset.memo('about-methods', async () => {
		const { engine } = dataset;
		const [figures, survey, england] = await Promise.all([
			queryHeadline(engine, { area: ENGLAND, period: '2023/24' }),
			queryPrevalenceSeries(engine),
			queryGroupMeasures(engine, { areas: [ENGLAND], categoryType: '' })
		]);
		const value = (id: string) => figures.find((f) => f.metric.id === id)?.value ?? null;
		const lse = evaluateScenario(PRESETS['lse-2022'].scenario).totals;
		const tables: Record<MethodsTableName, Table> = {
			survey: {
				name: 'Postnatal depression (EPDS 13 or more), England, National Maternity Surveys',
				columns: ['Survey year', 'Prevalence (%)', 'Survey and size'],
				rows: survey.map((s) => [String(s.year), s.percent, s.note])
			},
			need: toNeedTable({ areaName: 'England', rows: needUnderPrevalence(england, survey) })
		};
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
			surveySvg: renderToMarkup((document) => createPrevalenceChart({ points: survey, document })),
			tables
		};
	});
}
