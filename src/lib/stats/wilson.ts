import { zOf, type Confidence } from './normal';
import type { Interval } from './interval';

/**
 * Wilson score interval for a proportion x / n (Newcombe 1998, method 3), as proportions in [0, 1]; the
 * method Fingertips uses for proportions. The SQL version (metrics/wilson-sql.ts) gives the same bounds.
 */
export function wilsonInterval(x: number, n: number, confidence: Confidence = 0.95): Interval {
	if (!(n > 0) || !(x >= 0) || x > n) return { lower: null, upper: null };
	const z = zOf(confidence);
	const centre = x + (z * z) / 2;
	const half = z * Math.sqrt((x * (n - x)) / n + (z * z) / 4);
	return { lower: (centre - half) / (n + z * z), upper: (centre + half) / (n + z * z) };
}
