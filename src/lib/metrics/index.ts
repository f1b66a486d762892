import { accessRate } from './access-rate';
import { ambitionGap, ambitionPath } from './ambition';
import { maternities, needMildModerate, needSevere, needTotal, reached } from './counts';
import type { Metric } from './metric';
import { unmetNeed } from './unmet-need';
import { commitmentGap, commitmentShare } from './commitment';

export { accessRate, ambitionGap, ambitionPath, commitmentGap, commitmentShare, maternities, needMildModerate, needSevere, needTotal, reached, unmetNeed };
export { createAmbitionGap, DEFAULT_AMBITION_RATE } from './ambition';
export type { Metric, MetricRow } from './metric';
export type { MetricFilter } from './filter';
export { queryMetric, queryMetrics, toMetricSql } from './query-metric';

/** Every metric by id, in the order they are offered to users. */
export const METRICS: Record<string, Metric> = Object.fromEntries(
	[accessRate, unmetNeed, commitmentGap, ambitionGap, commitmentShare, needTotal, needSevere, needMildModerate, reached, maternities, ambitionPath].map((m) => [
		m.id,
		m
	])
);
