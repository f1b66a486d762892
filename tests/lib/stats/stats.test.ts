import { describe, expect, it } from 'vitest';
import { compareWith, describeComparison } from '../../../src/lib/stats/benchmark';
import { countInterval, exactPoissonInterval } from '../../../src/lib/stats/byar';
import { rateRatio } from '../../../src/lib/stats/rate-ratio';
import { relativeRanks, slopeIndex, slopeIndexValue, toProportionGroup } from '../../../src/lib/stats/slope-index';
import { describeTrend, linearTrend, recentTrend } from '../../../src/lib/stats/trend';
import { wilsonInterval } from '../../../src/lib/stats/wilson';

describe('Wilson score interval', () => {
	it('matches the published worked value (10 of 100: 5.52% to 17.44%)', () => {
		const { lower, upper } = wilsonInterval(10, 100);
		expect(lower! * 100).toBeCloseTo(5.52, 2);
		expect(upper! * 100).toBeCloseTo(17.44, 2);
	});
	it('is wider at 99.8% and null without a denominator', () => {
		const a = wilsonInterval(65, 1000);
		const b = wilsonInterval(65, 1000, 0.998);
		expect(b.lower!).toBeLessThan(a.lower!);
		expect(b.upper!).toBeGreaterThan(a.upper!);
		expect(wilsonInterval(1, 0)).toEqual({ lower: null, upper: null });
		expect(wilsonInterval(5, 4)).toEqual({ lower: null, upper: null });
	});
});

describe("Byar's method and exact Poisson limits", () => {
	it('gives the exact (Garwood) limits for small counts, as published tables do', () => {
		// Standard 95% Poisson limits: 0 -> 0-3.689, 1 -> 0.0253-5.572, 5 -> 1.6235-11.6683, 9 -> 4.1153-17.0848.
		const table: [number, number, number][] = [
			[0, 0, 3.6889],
			[1, 0.0253, 5.5716],
			[5, 1.6235, 11.6683],
			[9, 4.1153, 17.0848]
		];
		for (const [x, lower, upper] of table) {
			const got = countInterval(x);
			expect(got.lower!).toBeCloseTo(lower, 3);
			expect(got.upper!).toBeCloseTo(upper, 3);
		}
	});
	it("uses Byar's formula from 10 events, close to the exact limits (65 events: about 50.2 to 82.9)", () => {
		const x = 65;
		const z = 1.959963984540054;
		const got = countInterval(x);
		// Breslow and Day's formula, written out independently.
		expect(got.lower!).toBeCloseTo(x * Math.pow(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)), 3), 9);
		expect(got.upper!).toBeCloseTo((x + 1) * Math.pow(1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1)), 3), 9);
		const exact = exactPoissonInterval(x);
		expect(Math.abs(got.lower! - exact.lower!)).toBeLessThan(0.05);
		expect(Math.abs(got.upper! - exact.upper!)).toBeLessThan(0.05);
		expect(got.lower!).toBeCloseTo(50.2, 1);
		expect(got.upper!).toBeCloseTo(82.9, 0);
	});
	it('refuses negative or non-finite counts', () => {
		expect(countInterval(-1)).toEqual({ lower: null, upper: null });
		expect(countInterval(Number.NaN)).toEqual({ lower: null, upper: null });
	});
});

describe('benchmarking', () => {
	it('is similar when the comparator lies inside the interval, otherwise worded by polarity', () => {
		const interval = { lower: 9, upper: 11 };
		expect(compareWith({ value: 10, interval, comparator: 10.5, polarity: 'higher_is_better' })).toBe('similar');
		expect(compareWith({ value: 10, interval, comparator: 8, polarity: 'higher_is_better' })).toBe('better');
		expect(compareWith({ value: 10, interval, comparator: 12, polarity: 'higher_is_better' })).toBe('worse');
		expect(compareWith({ value: 10, interval, comparator: 8, polarity: 'lower_is_better' })).toBe('worse');
		expect(compareWith({ value: 10, interval, comparator: 8, polarity: 'none' })).toBe('higher');
		expect(compareWith({ value: 10, interval, comparator: 12, polarity: 'none' })).toBe('lower');
		expect(compareWith({ value: 10, interval: { lower: null, upper: null }, comparator: 8, polarity: 'none' })).toBe('not compared');
		expect(describeComparison('worse', 'England')).toBe('worse than England');
	});
});

describe('rate ratio', () => {
	it('has a log-scale (Katz) interval', () => {
		const r = rateRatio({ x1: 30, n1: 1000, x0: 60, n0: 1000 });
		expect(r.ratio).toBeCloseTo(0.5, 12);
		const se = Math.sqrt(1 / 30 - 1 / 1000 + 1 / 60 - 1 / 1000);
		expect(r.lower).toBeCloseTo(0.5 * Math.exp(-1.959963984540054 * se), 12);
		expect(r.upper).toBeCloseTo(0.5 * Math.exp(1.959963984540054 * se), 12);
		expect(rateRatio({ x1: 0, n1: 10, x0: 5, n0: 10 }).ratio).toBeNull();
	});
});

/** Ordinary least squares of y*sqrt(a) on sqrt(a) and b*sqrt(a) without intercept, as `phe_sii` calls lm(): 2x2 normal equations. */
function pheRegression(populations: number[], values: number[]) {
	const total = populations.reduce((s, v) => s + v, 0);
	let cum = 0;
	const rows = populations.map((p, i) => {
		const a = p / total;
		const b = cum + a / 2;
		cum += a;
		return { u: Math.sqrt(a), v: b * Math.sqrt(a), y: values[i] * Math.sqrt(a) };
	});
	const suu = rows.reduce((s, r) => s + r.u * r.u, 0);
	const suv = rows.reduce((s, r) => s + r.u * r.v, 0);
	const svv = rows.reduce((s, r) => s + r.v * r.v, 0);
	const suy = rows.reduce((s, r) => s + r.u * r.y, 0);
	const svy = rows.reduce((s, r) => s + r.v * r.y, 0);
	const det = suu * svv - suv * suv;
	const intercept = (svv * suy - suv * svy) / det;
	const slope = (suu * svy - suv * suy) / det;
	return { sii: slope, rii: (intercept + slope) / intercept };
}

describe('slope and relative index of inequality (PHE method)', () => {
	// The worked example in PHEindicatormethods' phe_sii documentation (Area1: deciles, populations, values, 95% limits).
	const population = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534];
	const value = [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3];
	const lower = [72.7, 75.3, 80.9, 80.2, 77.1, 78, 79, 81.4, 75.8, 83.2];
	const upper = [79.1, 81.4, 86.8, 87.1, 83.8, 84.2, 84.4, 86.9, 85.4, 89.4];
	const groups = population.map((p, i) => ({ population: p, value: value[i], se: (upper[i] - lower[i]) / 1.959963984540054 / 2 }));

	it('places groups at the midpoints of cumulative population share', () => {
		expect(relativeRanks([12, 10, 78])).toEqual([0.06, 0.17, 0.61].map((v) => expect.closeTo(v, 12)));
	});
	it("gives the documented example's SII and RII as phe_sii's regression does", () => {
		const got = slopeIndex(groups)!;
		const want = pheRegression(population, value);
		expect(got.sii).toBeCloseTo(want.sii, 9);
		expect(got.rii).toBeCloseTo(want.rii, 9);
		// Values rise from the most to the least deprived decile: a positive slope of several years.
		expect(got.sii).toBeGreaterThan(4);
		expect(got.sii).toBeLessThan(10);
	});
	it('has simulated intervals around the estimate, wider at 99.8%, the same for the same seed', () => {
		const got = slopeIndex(groups)!;
		const [l95, u95] = got.intervals[0.95].sii;
		const [l998, u998] = got.intervals[0.998].sii;
		expect(l95).toBeLessThan(got.sii);
		expect(u95).toBeGreaterThan(got.sii);
		expect(l998).toBeLessThan(l95);
		expect(u998).toBeGreaterThan(u95);
		// The interval's half-width is close to the analytic standard error of a weighted slope.
		const ranks = relativeRanks(population);
		const w = population.map((p) => p / population.reduce((s, v) => s + v, 0));
		const bBar = ranks.reduce((s, b, i) => s + w[i] * b, 0);
		const sxx = ranks.reduce((s, b, i) => s + w[i] * (b - bBar) ** 2, 0);
		const analytic = Math.sqrt(ranks.reduce((s, b, i) => s + (w[i] * (b - bBar)) ** 2 * groups[i].se ** 2, 0)) / sxx;
		expect((u95 - l95) / 2 / 1.96).toBeCloseTo(analytic, 1);
		expect(slopeIndex(groups)).toEqual(got);
		expect(slopeIndex(groups, { seed: 7 })!.intervals[0.95].sii).not.toEqual(got.intervals[0.95].sii);
	});
	it('works on proportions on the logit scale, and refuses groups it cannot use', () => {
		const counts = [
			{ count: 70, population: 1000 },
			{ count: 90, population: 1000 },
			{ count: 100, population: 1000 },
			{ count: 105, population: 1000 },
			{ count: 110, population: 1000 }
		];
		const got = slopeIndex(counts.map(toProportionGroup), { transform: 'logit' })!;
		const want = pheRegression(
			counts.map((c) => c.population),
			counts.map((c) => c.count / c.population)
		);
		expect(got.sii).toBeCloseTo(want.sii, 12);
		expect(got.rii).toBeCloseTo(want.rii, 12);
		expect(got.intervals[0.95].rii[0]).toBeGreaterThan(1);
		// Without intervals: the same values, and the same refusals.
		expect(slopeIndexValue(counts.map(toProportionGroup), { transform: 'logit' })).toEqual({ sii: got.sii, rii: got.rii });
		expect(slopeIndexValue(counts.slice(0, 4).map(toProportionGroup))).toBeNull();
		expect(slopeIndex(counts.slice(0, 4).map(toProportionGroup))).toBeNull();
		expect(slopeIndex([{ count: 0, population: 1000 }, ...counts.slice(1)].map(toProportionGroup), { transform: 'logit' })).toBeNull();
	});
});

describe('recent trend', () => {
	const series = (counts: number[], n = 10_000) => counts.map((count) => ({ count, denominator: n }));

	it('finds a steady rise significant at 99.8% and words it by polarity', () => {
		const t = recentTrend(series([500, 600, 700, 800, 900]), 'higher_is_better');
		expect(t.direction).toBe('increasing');
		expect(describeTrend(t)).toBe('increasing and getting better');
		expect(describeTrend(recentTrend(series([900, 800, 700, 600, 500]), 'higher_is_better'))).toBe('decreasing and getting worse');
		expect(describeTrend(recentTrend(series([500, 600, 700, 800, 900]), 'none'))).toBe('increasing');
	});
	it('computes the Cochran-Armitage chi-squared', () => {
		const counts = [500, 520, 560, 540, 600];
		const n = 10_000;
		const t = recentTrend(series(counts, n), 'higher_is_better');
		const pBar = counts.reduce((a, b) => a + b, 0) / (5 * n);
		const num = counts.reduce((s, x, i) => s + (x - n * pBar) * (i - 2), 0);
		const chi = (num * num) / (pBar * (1 - pBar) * n * 10);
		expect(t.chiSquared).toBeCloseTo(chi, 9);
	});
	it("gives R's prop.trend.test result for the worked example in Dalgaard, Introductory Statistics with R (caesarean section by shoe size)", () => {
		const caesarean = [5, 7, 6, 7, 8, 10];
		const none = [17, 28, 36, 41, 46, 140];
		const { chiSquared } = linearTrend(caesarean.map((count, i) => ({ count, denominator: count + none[i] })));
		// Printed there as X-squared = 8.0237, df = 1, p-value = 0.004617.
		expect(chiSquared).toBeCloseTo(8.0237, 4);
	});
	it('reports no significant change for noise, or when leaving out one point flips the direction', () => {
		expect(recentTrend(series([500, 505, 498, 502, 501]), 'higher_is_better').direction).toBe('no significant change');
		// A single jump at the end: significant overall, but not without the last point.
		expect(recentTrend(series([500, 500, 499, 499, 900]), 'higher_is_better').direction).toBe('no significant change');
	});
	it('needs five points with data', () => {
		expect(recentTrend(series([1, 2, 3, 4]), 'none').direction).toBe('not enough data');
		expect(recentTrend([...series([1, 2, 3, 4]), null], 'none').direction).toBe('not enough data');
	});
});
