import type { Engine } from '../engine/engine';
import { accessRate } from './access-rate';
import { ambitionGap } from './ambition';
import { maternities, needSevere, needTotal, reached } from './counts';
import type { Metric } from './metric';
import { queryMetrics } from './query-metric';
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
	return (await queryHeadlines(engine, { areas: [area], period })).get(area)!;
}

/** Headline figures for several areas in one period (one query), by area code; every area asked for has figures, null where not available. */
export async function queryHeadlines(engine: Engine, { areas, period }: { areas: readonly string[]; period: string }): Promise<Map<string, HeadlineFigure[]>> {
	const rows = await queryMetrics(engine, HEADLINE_METRICS, { areas, periods: [period] });
	return new Map(
		areas.map((area) => {
			const row = rows.find((r) => r.areaCode === area);
			return [
				area,
				HEADLINE_METRICS.map((metric, i) => {
					const { id, label, unit, polarity, description } = metric;
					const estimate = 'estimate' in metric && metric.estimate === true;
					const { value = null, lower = null, upper = null } = row?.metrics[i] ?? {};
					return { metric: { id, label, unit, polarity, description, estimate }, value, lower, upper };
				})
			];
		})
	);
}
