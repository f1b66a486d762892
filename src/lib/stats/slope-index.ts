import { createRandom } from '../random/seeded';
import { normalDraw, Z95, type Confidence } from './normal';
import { quantileSorted } from './quantile';
import { wilsonInterval } from './wilson';

/** One ordered group (an IMD quintile): its population, the indicator's value and the value's standard error. */
export interface OrderedGroup {
	population: number;
	value: number;
	/** Standard error on the scale the simulation draws on (logit for proportions). */
	se: number;
}

export interface SlopeIndex {
	/** Fitted proportion at the least deprived end less that at the most deprived end. */
	sii: number;
	/** Fitted proportion at the least deprived end over that at the most deprived end. */
	rii: number;
	intervals: Record<Confidence, { sii: [number, number]; rii: [number, number] }>;
}

export interface SlopeIndexOptions {
	/** 'logit' for proportions (values in (0, 1), se on the logit scale), 'none' for values drawn as they are. */
	transform?: 'logit' | 'none';
	repetitions?: number;
	seed?: number;
}

/** Weighted least squares of y on x with weights summing to anything positive: intercept and slope. */
function fitLine(x: readonly number[], y: readonly number[], w: readonly number[]): { intercept: number; slope: number } {
	const total = w.reduce((s, v) => s + v, 0);
	const xBar = x.reduce((s, v, i) => s + w[i] * v, 0) / total;
	const yBar = y.reduce((s, v, i) => s + w[i] * v, 0) / total;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < x.length; i++) {
		sxy += w[i] * (x[i] - xBar) * (y[i] - yBar);
		sxx += w[i] * (x[i] - xBar) ** 2;
	}
	const slope = sxy / sxx;
	return { intercept: yBar - slope * xBar, slope };
}

/** The midpoint of each group's range in the cumulative population share, in the groups' order. */
export function relativeRanks(populations: readonly number[]): number[] {
	const total = populations.reduce((s, v) => s + v, 0);
	let cumulative = 0;
	return populations.map((p) => {
		const mid = cumulative + p / total / 2;
		cumulative += p / total;
		return mid;
	});
}

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Slope and relative index of inequality by the PHE method (PHEindicatormethods `phe_sii`, after Low and Low
 * 2004): groups ordered from most to least deprived, each placed at the midpoint of its cumulative population
 * share and weighted by that share; the SII is the slope of the fitted line (the fitted value at the least
 * deprived end less that at the most deprived end), the RII the ratio of those fitted values. Intervals by
 * simulation: each group's value is drawn from a normal distribution with its standard error (on the logit
 * scale for proportions) and the line refitted. Null with fewer than 5 groups or any group without a
 * population, value or standard error.
 */
export function slopeIndex(groups: readonly OrderedGroup[], { transform = 'none', repetitions = 10_000, seed = 20_040_101 }: SlopeIndexOptions = {}): SlopeIndex | null {
	const valid = (g: OrderedGroup) =>
		g.population > 0 && Number.isFinite(g.value) && Number.isFinite(g.se) && g.se >= 0 && (transform === 'none' || (g.value > 0 && g.value < 1));
	if (groups.length < 5 || !groups.every(valid)) return null;
	const populations = groups.map((g) => g.population);
	const ranks = relativeRanks(populations);
	const values = groups.map((g) => g.value);
	const fit = fitLine(ranks, values, populations);
	const random = createRandom(seed);
	const siis: number[] = [];
	const riis: number[] = [];
	for (let r = 0; r < repetitions; r++) {
		const drawn = groups.map((g) => (transform === 'logit' ? expit(logit(g.value) + g.se * normalDraw(random)) : g.value + g.se * normalDraw(random)));
		const line = fitLine(ranks, drawn, populations);
		siis.push(line.slope);
		riis.push((line.intercept + line.slope) / line.intercept);
	}
	siis.sort((a, b) => a - b);
	riis.sort((a, b) => a - b);
	const bounds = (sorted: number[], confidence: Confidence): [number, number] => [
		quantileSorted(sorted, (1 - confidence) / 2),
		quantileSorted(sorted, 1 - (1 - confidence) / 2)
	];
	return {
		sii: fit.slope,
		rii: (fit.intercept + fit.slope) / fit.intercept,
		intervals: {
			0.95: { sii: bounds(siis, 0.95), rii: bounds(riis, 0.95) },
			0.998: { sii: bounds(siis, 0.998), rii: bounds(riis, 0.998) }
		}
	};
}

/** A proportion's group for `slopeIndex`: the value x / n and the logit-scale standard error from its 95% Wilson interval. */
export function toProportionGroup({ count, population }: { count: number; population: number }): OrderedGroup {
	const { lower, upper } = wilsonInterval(count, population);
	const se = lower !== null && upper !== null && lower > 0 && upper < 1 ? (logit(upper) - logit(lower)) / (2 * Z95) : NaN;
	return { population, value: population > 0 ? count / population : NaN, se };
}
