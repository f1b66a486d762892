import { INDICATOR } from '../contract/indicators';
import { ENGLAND } from '../contract/vocabulary';
import type { Params } from '../engine/params';
import { toWhereSql, type MetricFilter } from './filter';

/** Columns of the `measures` relation, one per input indicator; null where suppressed or missing. */
export const MEASURE_COLUMNS = {
	maternities: INDICATOR.maternities,
	need_total: INDICATOR.needTotal,
	need_severe: INDICATOR.needSevere,
	need_mild_moderate: INDICATOR.needMildModerate,
	reached: INDICATOR.specialistAccess
} as const;

export type MeasureColumn = keyof typeof MEASURE_COLUMNS | 'ambition_percent' | 'england_maternities' | 'commitment_women';

/**
 * A `WITH measures AS (...)` clause: observations pivoted to one row per area, period and category with a
 * column per input indicator, plus the national Long Term Plan ambition for the period, England's
 * maternities in the period (all persons) and the latest Long Term Plan commitment (a number of women) at
 * or before the period. Suppressed values are null, so anything computed from them is null ("not
 * available"), never zero.
 */
export function toMeasuresSql(filter: MetricFilter, params: Params): string {
	const pivots = Object.entries(MEASURE_COLUMNS).map(
		([column, indicator]) => `max(CASE WHEN o.indicator_id = ${params.bind(indicator)} AND NOT o.suppressed THEN o.value END) AS ${column}`
	);
	return `WITH pivoted AS (
		SELECT o.area_code, o.period, o.category_type, o.category, ${pivots.join(', ')}
		FROM observations o
		WHERE ${toWhereSql(filter, params)} AND o.indicator_id IN ${params.bindList(Object.values(MEASURE_COLUMNS))}
		GROUP BY ALL
	),
	ambition AS (
		SELECT period, value AS ambition_percent FROM observations
		WHERE indicator_id = ${params.bind(INDICATOR.ambitionRate)} AND area_code = ${params.bind(ENGLAND)} AND category_type = ''
	),
	england AS (
		SELECT period, max(value) AS england_maternities FROM observations
		WHERE indicator_id = ${params.bind(INDICATOR.maternities)} AND area_code = ${params.bind(ENGLAND)} AND category_type = '' AND NOT suppressed
		GROUP BY period
	),
	commitment AS (
		SELECT e.period, arg_max(c.value, c.period) AS commitment_women
		FROM england e JOIN observations c
			ON c.indicator_id = ${params.bind(INDICATOR.accessCommitment)} AND c.area_code = ${params.bind(ENGLAND)} AND c.category_type = '' AND c.period <= e.period
		GROUP BY e.period
	),
	measures AS (
		SELECT pivoted.*, ambition.ambition_percent, england.england_maternities, commitment.commitment_women
		FROM pivoted LEFT JOIN ambition USING (period) LEFT JOIN england USING (period) LEFT JOIN commitment USING (period)
	)`;
}
