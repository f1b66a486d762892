import type { Polarity } from '../contract/vocabulary';
import { Z998 } from './normal';

export interface TrendPoint {
	count: number;
	denominator: number;
}

export type TrendDirection = 'increasing' | 'decreasing' | 'no significant change' | 'not enough data';

export interface RecentTrend {
	direction: TrendDirection;
	/** 'better' or 'worse' by the indicator's polarity; null when there is no significant trend or no polarity. */
	assessment: 'better' | 'worse' | null;
	/** Chi-squared for linear trend, 1 degree of freedom; null with fewer than 5 points. */
	chiSquared: number | null;
	/** Fitted change in the proportion per period. */
	slope: number | null;
	points: number;
}

export const TREND_POINTS = 5;
const CRITICAL = Z998 * Z998;

/**
 * Slope of the proportion on time, weighted by denominators, and the chi-squared for linear trend (Cochran-Armitage,
 * scores 0, 1, 2, ...: the statistic R's `prop.trend.test` gives, which does not depend on where the scores start).
 */
export function linearTrend(points: readonly TrendPoint[]): { slope: number; chiSquared: number } {
	const n = points.reduce((s, p) => s + p.denominator, 0);
	const x = points.reduce((s, p) => s + p.count, 0);
	const pBar = x / n;
	const tBar = points.reduce((s, p, t) => s + p.denominator * t, 0) / n;
	let sxy = 0;
	let sxx = 0;
	points.forEach((p, t) => {
		sxy += (p.count - p.denominator * pBar) * (t - tBar);
		sxx += p.denominator * (t - tBar) ** 2;
	});
	const variance = pBar * (1 - pBar) * sxx;
	return { slope: sxy / sxx, chiSquared: variance > 0 ? (sxy * sxy) / variance : 0 };
}

/**
 * Recent trend as Fingertips reports it: over the last five points, a chi-squared test for linear trend in
 * the proportion (weighted by each point's denominator), significant at 99.8%, and reported as a direction
 * only when the slope keeps its sign with any one point left out.
 */
export function recentTrend(series: readonly (TrendPoint | null)[], polarity: Polarity): RecentTrend {
	const last = series.slice(-TREND_POINTS);
	if (last.length < TREND_POINTS || last.some((p) => !p || !(p.denominator > 0) || !(p.count >= 0))) {
		return { direction: 'not enough data', assessment: null, chiSquared: null, slope: null, points: last.filter(Boolean).length };
	}
	const points = last as TrendPoint[];
	const { slope, chiSquared } = linearTrend(points);
	const stable = points.every((_, i) => Math.sign(linearTrend(points.filter((__, j) => j !== i)).slope) === Math.sign(slope));
	if (!(chiSquared > CRITICAL) || !stable || slope === 0)
		return { direction: 'no significant change', assessment: null, chiSquared, slope, points: TREND_POINTS };
	const direction = slope > 0 ? 'increasing' : 'decreasing';
	const assessment = polarity === 'none' ? null : slope > 0 === (polarity === 'higher_is_better') ? 'better' : 'worse';
	return { direction, assessment, chiSquared, slope, points: TREND_POINTS };
}

/** "increasing and getting better", "no significant change", ... */
export function describeTrend({ direction, assessment }: Pick<RecentTrend, 'direction' | 'assessment'>): string {
	if (direction === 'not enough data') return 'not enough data for a trend (five periods needed)';
	if (direction === 'no significant change') return 'no significant change';
	return assessment ? `${direction} and getting ${assessment}` : direction;
}
