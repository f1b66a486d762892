import { Z95 } from '../stats/normal';

/**
 * Wilson score interval for a proportion x / n, as SQL expressions (Newcombe 1998, method 3; the method
 * Fingertips uses for proportions). Bounds are proportions in [0, 1]; null when n is null or 0.
 */
export function toWilsonSql(x: string, n: string): { lower: string; upper: string } {
	const z2 = `${Z95} * ${Z95}`;
	const centre = `(CAST(${x} AS DOUBLE) + ${z2} / 2)`;
	const half = `${Z95} * sqrt(CAST(${x} AS DOUBLE) * (CAST(${n} AS DOUBLE) - ${x}) / ${n} + ${z2} / 4)`;
	const denominator = `(CAST(${n} AS DOUBLE) + ${z2})`;
	const guard = (expression: string) => `CASE WHEN ${n} > 0 AND ${x} >= 0 AND ${x} <= ${n} THEN ${expression} END`;
	return {
		lower: guard(`(${centre} - ${half}) / ${denominator}`),
		upper: guard(`(${centre} + ${half}) / ${denominator}`)
	};
}
