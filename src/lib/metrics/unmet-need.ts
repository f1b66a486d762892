import type { Metric } from './metric';

// DuckDB's greatest() skips nulls, so a suppressed input would read as 0; keep it null instead.
const nonNegativeDifference = (minuend: string, subtrahend: string) =>
	`CASE WHEN ${minuend} IS NOT NULL AND ${subtrahend} IS NOT NULL THEN greatest(CAST(${minuend} AS DOUBLE) - ${subtrahend}, 0) END`;

/** Estimated need less women reached, never below zero. */
export const unmetNeed: Metric = {
	id: 'unmet_need',
	label: 'Women not reached',
	unit: 'count',
	polarity: 'lower_is_better',
	description: 'Estimated women with perinatal mental health difficulties, less those reached by specialist services.',
	value: () => nonNegativeDifference('need_total', 'reached')
};

/** Estimated severe/complex need less women reached, never below zero. */
export const unmetNeedSevere: Metric = {
	id: 'unmet_need_severe',
	label: 'Severe/complex need not reached',
	unit: 'count',
	polarity: 'lower_is_better',
	description: 'Estimated women with severe or complex difficulties, less those reached by specialist services.',
	value: () => nonNegativeDifference('need_severe', 'reached')
};
