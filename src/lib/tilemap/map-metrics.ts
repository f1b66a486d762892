import type { Engine } from '../engine/engine';
import { METRICS, queryMetric, type Metric } from '../metrics';

/** Metrics the overview's tile map can be coloured by, first is the default. */
export const MAP_METRIC_IDS = ['access_rate', 'unmet_need', 'commitment_gap', 'ambition_gap', 'need_total', 'reached', 'maternities'] as const;

export type MapMetricId = (typeof MAP_METRIC_IDS)[number];

/** Reads a map metric id from untrusted input (a query string), falling back to the default. */
export function maybeMapMetricId(value: string | null | undefined): MapMetricId {
	return (MAP_METRIC_IDS as readonly string[]).includes(value ?? '') ? (value as MapMetricId) : MAP_METRIC_IDS[0];
}

export function toMapMetric(id: MapMetricId): Metric {
	return METRICS[id];
}

/** The chosen metric for every ICB in a period, keyed by area code; null where not available. */
export async function queryTileValues(engine: Engine, { metricId, period }: { metricId: MapMetricId; period: string }): Promise<Record<string, number | null>> {
	const rows = await queryMetric(engine, toMapMetric(metricId), { areaType: 'icb', periods: [period] });
	return Object.fromEntries(rows.map((r) => [r.areaCode, r.value]));
}
