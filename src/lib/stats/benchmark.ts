import type { Polarity } from '../contract/vocabulary';
import type { Interval } from './interval';

/** How a value compares with a comparator's: words that carry the meaning without colour. */
export type Comparison = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not compared';

/**
 * The Fingertips benchmark: similar when the comparator's value lies inside the area's interval, otherwise
 * better or worse by the indicator's polarity (higher or lower where it has none).
 */
export function compareWith({
	value,
	interval,
	comparator,
	polarity
}: {
	value: number | null;
	interval: Interval;
	comparator: number | null;
	polarity: Polarity;
}): Comparison {
	const { lower, upper } = interval;
	if (value === null || comparator === null || lower === null || upper === null) return 'not compared';
	if (comparator >= lower && comparator <= upper) return 'similar';
	const higher = lower > comparator;
	if (polarity === 'none') return higher ? 'higher' : 'lower';
	return higher === (polarity === 'higher_is_better') ? 'better' : 'worse';
}

/** The comparison as a phrase: "significantly higher than England (better)". */
export function describeComparison(comparison: Comparison, comparatorName: string): string {
	switch (comparison) {
		case 'similar':
			return `similar to ${comparatorName}`;
		case 'better':
			return `better than ${comparatorName}`;
		case 'worse':
			return `worse than ${comparatorName}`;
		case 'higher':
			return `higher than ${comparatorName}`;
		case 'lower':
			return `lower than ${comparatorName}`;
		default:
			return `not compared with ${comparatorName} (a figure is not available)`;
	}
}
