import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';
import type { MetricFilter } from './filter';
import { toMeasuresSql } from './measures';
import type { Metric, MetricRow } from './metric';

/** Builds the SQL and parameters for one metric over the filtered rows, ordered by area, period and category. */
export function toMetricSql(metric: Metric, filter: MetricFilter = {}): { sql: string; params: Params } {
	const params = new Params();
	const measures = toMeasuresSql(filter, params);
	const value = metric.value(params);
	const interval = metric.interval?.(params);
	const sql = `${measures}
	SELECT area_code AS "areaCode", period, category_type AS "categoryType", category,
		CAST(${value} AS DOUBLE) AS value,
		CAST(${interval?.lower ?? 'NULL'} AS DOUBLE) AS lower,
		CAST(${interval?.upper ?? 'NULL'} AS DOUBLE) AS upper
	FROM measures
	ORDER BY area_code, period, category_type, category`;
	return { sql, params };
}

/** Runs one metric on an engine. The same call gives the same rows on the browser and server engines. */
export async function queryMetric(engine: Engine, metric: Metric, filter: MetricFilter = {}): Promise<MetricRow[]> {
	const { sql, params } = toMetricSql(metric, filter);
	return engine.query<MetricRow & Record<string, string | number | null>>(sql, params.values);
}
