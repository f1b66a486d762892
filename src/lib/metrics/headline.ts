import type { Engine } from '../engine/engine';
import { accessRate } from './access-rate';
import { ambitionGap } from './ambition';
import { maternities, needSevere, needTotal, reached } from './counts';
import type { Metric, MetricRow } from './metric';
import { queryMetric } from './query-metric';
import { unmetNeed } from './unmet-need';
import { commitmentGap } from './commitment';

/** The headline metrics shown for an area, in reading order. */
export const HEADLINE_METRICS = [maternities, needTotal, needSevere, reached, accessRate, unmetNeed, commitmentGap, ambitionGap] as const;

export interface HeadlineFigure {
	metric: Pick<Metric, 'id' | 'label' | 'unit' | 'polarity' | 'description' | 'estimate'>;
	value: number | null;
	lower: number | null;
	upper: number | null;
}

/** Headline figures for one area and period, all persons. */
export async function queryHeadline(engine: Engine, { area, period }: { area: string; period: string }): Promise<HeadlineFigure[]> {
	const results = await Promise.all(HEADLINE_METRICS.map((metric) => queryMetric(engine, metric, { areas: [area], periods: [period] })));
	return HEADLINE_METRICS.map((metric, i) => {
		const row: MetricRow | undefined = results[i][0];
		const { id, label, unit, polarity, description } = metric;
		const estimate = 'estimate' in metric && metric.estimate === true;
		return { metric: { id, label, unit, polarity, description, estimate }, value: row?.value ?? null, lower: row?.lower ?? null, upper: row?.upper ?? null };
	});
}
