import type { Engine } from '../engine/engine';
import { accessRate } from './access-rate';
import { ambitionPath } from './ambition';
import { queryMetric } from './query-metric';

export interface AccessTrendPoint {
	areaCode: string;
	period: string;
	accessRate: number | null;
	lower: number | null;
	upper: number | null;
	ambition: number | null;
}

/** Access rate (with 95% interval) and the Long Term Plan ambition for each period, for each area asked for. */
export async function queryAccessTrend(engine: Engine, { areas }: { areas: string[] }): Promise<AccessTrendPoint[]> {
	const [rates, ambitions] = await Promise.all([queryMetric(engine, accessRate, { areas }), queryMetric(engine, ambitionPath, { areas })]);
	const ambitionByKey = new Map(ambitions.map((r) => [`${r.areaCode} ${r.period}`, r.value]));
	return rates.map((r) => ({
		areaCode: r.areaCode,
		period: r.period,
		accessRate: r.value,
		lower: r.lower,
		upper: r.upper,
		ambition: ambitionByKey.get(`${r.areaCode} ${r.period}`) ?? null
	}));
}
