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

/**
 * Several metrics in one query over the same filtered rows: one `measures` pass instead of one per metric
 * (each round trip to DuckDB-wasm costs milliseconds). Row by area, period and category, a value and
 * interval per metric in the order given; the same numbers as `queryMetric` for each.
 */
export async function queryMetrics(
	engine: Engine,
	metrics: readonly Metric[],
	filter: MetricFilter = {}
): Promise<
	{
		areaCode: string;
		period: string;
		categoryType: string;
		category: string;
		metrics: Omit<MetricRow, 'areaCode' | 'period' | 'categoryType' | 'category'>[];
	}[]
> {
	const params = new Params();
	const measures = toMeasuresSql(filter, params);
	const columns = metrics.map((metric, i) => {
		const interval = metric.interval?.(params);
		return `CAST(${metric.value(params)} AS DOUBLE) AS v${i},
		CAST(${interval?.lower ?? 'NULL'} AS DOUBLE) AS l${i},
		CAST(${interval?.upper ?? 'NULL'} AS DOUBLE) AS u${i}`;
	});
	const sql = `${measures}
	SELECT area_code AS "areaCode", period, category_type AS "categoryType", category, ${columns.join(',\n\t\t')}
	FROM measures
	ORDER BY area_code, period, category_type, category`;
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
