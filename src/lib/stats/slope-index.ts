import { createRandom } from '../random/seeded';
import { createNormalSource, Z95, type Confidence } from './normal';
import { quantilesOf } from './quantile';

/** The tails of 99.8% and 95% intervals. */
const TAILS = [0.001, 0.025, 0.975, 0.999];
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

/**
 * Weighted least squares of y on fixed x and weights: the x side is worked out once, so refitting for each
 * simulated set of values costs two passes over the groups.
 */
function createLineFitter(x: readonly number[], w: readonly number[]): (y: ArrayLike<number>) => { intercept: number; slope: number } {
	const total = w.reduce((s, v) => s + v, 0);
	const xBar = x.reduce((s, v, i) => s + w[i] * v, 0) / total;
	const centred = x.map((v, i) => w[i] * (v - xBar));
	const sxx = x.reduce((s, v, i) => s + centred[i] * (v - xBar), 0);
	return (y) => {
		let sxy = 0;
		let yBar = 0;
		for (let i = 0; i < y.length; i++) {
			sxy += centred[i] * y[i];
			yBar += w[i] * y[i];
		}
		const slope = sxy / sxx;
		return { intercept: yBar / total - slope * xBar, slope };
	};
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

function fitSlope(groups: readonly OrderedGroup[], transform: SlopeIndexOptions['transform']) {
	const valid = (g: OrderedGroup) =>
		g.population > 0 && Number.isFinite(g.value) && Number.isFinite(g.se) && g.se >= 0 && (transform === 'none' || (g.value > 0 && g.value < 1));
	if (groups.length < 5 || !groups.every(valid)) return null;
	const populations = groups.map((g) => g.population);
	const fitLine = createLineFitter(relativeRanks(populations), populations);
	return { fit: fitLine(groups.map((g) => g.value)), fitLine };
}

const pointOf = (line: { intercept: number; slope: number }) => ({ sii: line.slope, rii: (line.intercept + line.slope) / line.intercept });

/**
 * The slope and relative index alone, without the simulated intervals (which are nearly all the work): the same
 * values as `slopeIndex`, for figures that show no interval (the area profile's range across ICBs).
 */
export function slopeIndexValue(
	groups: readonly OrderedGroup[],
	{ transform = 'none' }: Pick<SlopeIndexOptions, 'transform'> = {}
): { sii: number; rii: number } | null {
	const fitted = fitSlope(groups, transform);
	return fitted && pointOf(fitted.fit);
}

/**
 * Slope and relative index of inequality by the PHE method (PHEindicatormethods `phe_sii`, after Low and Low
 * 2004): groups ordered from most to least deprived, each placed at the midpoint of its cumulative population
 * share and weighted by that share; the SII is the slope of the fitted line (the fitted value at the least
 * deprived end less that at the most deprived end), the RII the ratio of those fitted values. Intervals by
 * simulation: each group's value is drawn from a normal distribution with its standard error (on the logit
 * scale for proportions) and the line refitted. Null with fewer than 5 groups or any group without a
 * population, value or standard error.
 */
export function slopeIndex(
	groups: readonly OrderedGroup[],
	{ transform = 'none', repetitions = 10_000, seed = 20_040_101 }: SlopeIndexOptions = {}
): SlopeIndex | null {
	const fitted = fitSlope(groups, transform);
	if (!fitted) return null;
	const { fit, fitLine } = fitted;
	const draw = createNormalSource(createRandom(seed));
	const centres = groups.map((g) => (transform === 'logit' ? logit(g.value) : g.value));
	const spreads = groups.map((g) => g.se);
	const drawn = new Float64Array(groups.length);
	const logitScale = transform === 'logit';
	const siis = new Float64Array(repetitions);
	const riis = new Float64Array(repetitions);
	for (let r = 0; r < repetitions; r++) {
		for (let i = 0; i < drawn.length; i++) {
			const v = centres[i] + spreads[i] * draw();
			drawn[i] = logitScale ? 1 / (1 + Math.exp(-v)) : v;
		}
		const line = fitLine(drawn);
		siis[r] = line.slope;
		riis[r] = (line.intercept + line.slope) / line.intercept;
	}
	const [s1, s25, s975, s999] = quantilesOf(siis, TAILS);
	const [r1, r25, r975, r999] = quantilesOf(riis, TAILS);
	return {
		...pointOf(fit),
		intervals: {
			0.95: { sii: [s25, s975], rii: [r25, r975] },
			0.998: { sii: [s1, s999], rii: [r1, r999] }
		}
	};
}

/** A proportion's group for `slopeIndex`: the value x / n and the logit-scale standard error from its 95% Wilson interval. */
export function toProportionGroup({ count, population }: { count: number; population: number }): OrderedGroup {
	const { lower, upper } = wilsonInterval(count, population);
	const se = lower !== null && upper !== null && lower > 0 && upper < 1 ? (logit(upper) - logit(lower)) / (2 * Z95) : NaN;
	return { population, value: population > 0 ? count / population : NaN, se };
}
