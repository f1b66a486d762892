import type { Interval } from './interval';
import type { Confidence } from './normal';
import { wilsonInterval } from './wilson';

/** A proportion x / n as a percentage with its Wilson interval; all null when either count is missing or n is 0. */
export function percentRate(x: number | null | undefined, n: number | null | undefined, confidence: Confidence = 0.95): Interval & { value: number | null } {
	if (x === null || x === undefined || !n) return { value: null, lower: null, upper: null };
	const { lower, upper } = wilsonInterval(x, n, confidence);
	return { value: (100 * x) / n, lower: lower === null ? null : 100 * lower, upper: upper === null ? null : 100 * upper };
}
