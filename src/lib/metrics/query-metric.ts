import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';
import type { MetricFilter } from './filter';
import { toMeasuresSql } from './measures';
import type { Metric, MetricRow } from './metric';

/**
 * The SQL selecting metrics over the filtered rows, one `measures` pass, ordered by area, period and category:
 * each metric's value and interval under the column names `alias` gives it.
 */
function toMetricsSql(
	metrics: readonly Metric[],
	filter: MetricFilter,
	alias: (i: number) => { value: string; lower: string; upper: string }
): { sql: string; params: Params } {
	const params = new Params();
	const measures = toMeasuresSql(filter, params);
	const columns = metrics.map((metric, i) => {
		const interval = metric.interval?.(params);
		const name = alias(i);
		return `CAST(${metric.value(params)} AS DOUBLE) AS ${name.value},
		CAST(${interval?.lower ?? 'NULL'} AS DOUBLE) AS ${name.lower},
		CAST(${interval?.upper ?? 'NULL'} AS DOUBLE) AS ${name.upper}`;
	});
	const sql = `${measures}
	SELECT area_code AS "areaCode", period, category_type AS "categoryType", category,
		${columns.join(',\n\t\t')}
	FROM measures
	ORDER BY area_code, period, category_type, category`;
	return { sql, params };
}

/** Builds the SQL and parameters for one metric over the filtered rows, ordered by area, period and category. */
export function toMetricSql(metric: Metric, filter: MetricFilter = {}): { sql: string; params: Params } {
	return toMetricsSql([metric], filter, () => ({ value: 'value', lower: 'lower', upper: 'upper' }));
}

/** Runs one metric on an engine. The same call gives the same rows on the browser and server engines. */
export async function queryMetric(engine: Engine, metric: Metric, filter: MetricFilter = {}): Promise<MetricRow[]> {
	const { sql, params } = toMetricSql(metric, filter);
	return engine.query<MetricRow & Record<string, string | number | null>>(sql, params.values);
}

/** A metric's value and interval, without the row's keys. */
export type MetricValue = Omit<MetricRow, 'areaCode' | 'period' | 'categoryType' | 'category'>;

/**
 * Several metrics in one query over the same filtered rows: one `measures` pass instead of one per metric
 * (each round trip to DuckDB-wasm costs milliseconds). Row by area, period and category, a value and
 * interval per metric in the order given; the same numbers as `queryMetric` for each.
 */
export async function queryMetrics(
	engine: Engine,
	metrics: readonly Metric[],
	filter: MetricFilter = {}
): Promise<{ areaCode: string; period: string; categoryType: string; category: string; metrics: MetricValue[] }[]> {
	const { sql, params } = toMetricsSql(metrics, filter, (i) => ({ value: `v${i}`, lower: `l${i}`, upper: `u${i}` }));
	const rows = await engine.query<Record<string, string | number | null>>(sql, params.values);
	const num = (v: string | number | null | undefined) => (typeof v === 'number' ? v : null);
	return rows.map((row) => ({
		areaCode: String(row.areaCode),
		period: String(row.period),
		categoryType: String(row.categoryType),
		category: String(row.category),
		metrics: metrics.map((_, i) => ({ value: num(row[`v${i}`]), lower: num(row[`l${i}`]), upper: num(row[`u${i}`]) }))
	}));
}
