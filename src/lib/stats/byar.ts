import { zOf, type Confidence } from './normal';
import type { Interval } from './interval';

/** Fingertips uses exact Poisson limits below this many events and Byar's approximation from it up. */
export const BYAR_MINIMUM = 10;

/**
 * Confidence interval for a count of events: Byar's approximation to the Poisson limits (Breslow and Day
 * 1987), exact Poisson limits for fewer than 10 events. Divide by the denominator for a rate's interval.
 */
export function countInterval(x: number, confidence: Confidence = 0.95): Interval {
	if (!(x >= 0) || !Number.isFinite(x)) return { lower: null, upper: null };
	if (x < BYAR_MINIMUM) return exactPoissonInterval(x, confidence);
	const z = zOf(confidence);
	const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
	const upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3;
	return { lower, upper };
}

/** P(X <= k) for X ~ Poisson(mean). */
function poissonCdf(k: number, mean: number): number {
	let term = Math.exp(-mean);
	let sum = term;
	for (let i = 1; i <= k; i++) {
		term *= mean / i;
		sum += term;
	}
	return sum;
}

/** The mean at which `f` (decreasing in the mean) equals `target`, by bisection. */
function solveDecreasing(f: (mean: number) => number, target: number, high: number): number {
	let lo = 0;
	let hi = high;
	for (let i = 0; i < 200; i++) {
		const mid = (lo + hi) / 2;
		if (f(mid) > target) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/**
 * Exact (Garwood) Poisson limits for a whole number of events: the means at which seeing at least x, or at
 * most x, events has probability (1 - confidence) / 2.
 */
export function exactPoissonInterval(x: number, confidence: Confidence = 0.95): Interval {
	const k = Math.round(x);
	const tail = (1 - confidence) / 2;
	const high = 10 * (k + 10);
	const lower = k === 0 ? 0 : solveDecreasing((m) => poissonCdf(k - 1, m), 1 - tail, high);
	const upper = solveDecreasing((m) => poissonCdf(k, m), tail, high);
	return { lower, upper };
}
