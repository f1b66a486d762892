import type { Metric } from './metric';

/** Estimated need less women reached, never below zero. */
export const unmetNeed: Metric = {
	id: 'unmet_need',
	label: 'Women not reached',
	unit: 'count',
	polarity: 'lower_is_better',
	description: 'Estimated women with perinatal mental health difficulties, less those reached by specialist services.',
	value: () => 'greatest(CAST(need_total AS DOUBLE) - reached, 0)'
};

/** Estimated severe/complex need less women reached, never below zero. */
export const unmetNeedSevere: Metric = {
	id: 'unmet_need_severe',
	label: 'Severe/complex need not reached',
	unit: 'count',
	polarity: 'lower_is_better',
	description: 'Estimated women with severe or complex difficulties, less those reached by specialist services.',
	value: () => 'greatest(CAST(need_severe AS DOUBLE) - reached, 0)'
};
