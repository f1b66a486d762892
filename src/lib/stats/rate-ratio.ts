import { zOf, type Confidence } from './normal';

export interface RateRatio {
	ratio: number | null;
	lower: number | null;
	upper: number | null;
}

/**
 * Ratio of two proportions x1 / n1 over x0 / n0 with a log-scale interval (Katz): the standard error of
 * log(ratio) is sqrt(1/x1 - 1/n1 + 1/x0 - 1/n0). Null when either group has no events.
 */
export function rateRatio({ x1, n1, x0, n0 }: { x1: number; n1: number; x0: number; n0: number }, confidence: Confidence = 0.95): RateRatio {
	if (!(x1 > 0 && n1 > 0 && x0 > 0 && n0 > 0) || x1 > n1 || x0 > n0) return { ratio: null, lower: null, upper: null };
	const ratio = x1 / n1 / (x0 / n0);
	const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
	const z = zOf(confidence);
	return { ratio, lower: ratio * Math.exp(-z * se), upper: ratio * Math.exp(z * se) };
}
