import { BYAR_MINIMUM, exactPoissonInterval } from '../stats/byar';
import { Z95 } from '../stats/normal';

/**
 * 95% interval for a count of events as SQL expressions, the same bounds as `countInterval` in
 * stats/byar.ts: exact Poisson limits below 10 (constants computed here), Byar's approximation from 10.
 * Null when the count is null or negative.
 */
export function toByarSql(x: string): { lower: string; upper: string } {
	const exact = Array.from({ length: BYAR_MINIMUM }, (_, k) => exactPoissonInterval(k));
	const small = (bound: 'lower' | 'upper') => `CASE CAST(round(${x}) AS INTEGER) ${exact.map((e, k) => `WHEN ${k} THEN ${e[bound]}`).join(' ')} END`;
	const v = `CAST(${x} AS DOUBLE)`;
	const lower = `${v} * pow(1 - 1 / (9 * ${v}) - ${Z95} / (3 * sqrt(${v})), 3)`;
	const upper = `(${v} + 1) * pow(1 - 1 / (9 * (${v} + 1)) + ${Z95} / (3 * sqrt(${v} + 1)), 3)`;
	const pick = (bound: 'lower' | 'upper', byar: string) =>
		`CASE WHEN ${x} IS NULL OR ${x} < 0 THEN NULL WHEN ${x} < ${BYAR_MINIMUM} THEN ${small(bound)} ELSE ${byar} END`;
	return { lower: pick('lower', lower), upper: pick('upper', upper) };
}
