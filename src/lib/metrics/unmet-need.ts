import type { Metric } from './metric';

/**
 * Estimated need less women reached, as published headlines compute "not receiving care" (a year's estimated
 * need less a rolling 12 months of specialist contacts): an estimate of the gap, not a count of women.
 * Not floored: a negative value means more women were in contact than the need estimate.
 */
export const unmetNeed: Metric = {
	id: 'unmet_need',
	estimate: true,
	label: 'Estimated need not reached',
	unit: 'count',
	polarity: 'lower_is_better',
	description:
		'Estimated women with perinatal mental health difficulties (25% of maternities, adjusted for deprivation) less women in contact with specialist services in the 12 months.',
	value: () => 'CAST(need_total AS DOUBLE) - reached'
};
