import type { Polarity } from '../contract/vocabulary';
import type { GroupMeasures } from '../metrics/group-measures';
import { compareWith, describeComparison, type Comparison } from '../stats/benchmark';
import { describeTrend, recentTrend, type RecentTrend } from '../stats/trend';
import { percentRate } from '../stats/percent-rate';

export type ComparatorKind = 'england' | 'region' | 'peers';

export interface Benchmark {
	comparator: ComparatorKind;
	name: string;
	/** The comparator's access rate: for peers, their women reached over their maternities, pooled. */
	value: number | null;
	at95: Comparison;
	at998: Comparison;
	/** e.g. "worse than England (95% and 99.8% intervals)". */
	phrase: string;
}

export interface RateBenchmark {
	value: number | null;
	lower95: number | null;
	upper95: number | null;
	lower998: number | null;
	upper998: number | null;
	benchmarks: Benchmark[];
	trend: RecentTrend & { text: string };
}

export interface Comparator {
	kind: ComparatorKind;
	name: string;
	/** The areas whose counts are pooled: one for England or a region, several for peers. */
	areaCodes: string[];
}

const ACCESS_POLARITY: Polarity = 'higher_is_better';

function pooledRate(rows: readonly GroupMeasures[], codes: readonly string[]): number | null {
	const chosen = rows.filter((r) => codes.includes(r.areaCode) && r.categoryType === '');
	if (chosen.length !== codes.length || chosen.some((r) => r.reached === null || !r.maternities)) return null;
	return (100 * chosen.reduce((s, r) => s + r.reached!, 0)) / chosen.reduce((s, r) => s + r.maternities!, 0);
}

/**
 * The access rate of one area in one period compared with England, its region and its peers, as Fingertips
 * does: similar when the comparator's value lies in the area's interval (95%, and 99.8%), else better or
 * worse; and the recent trend over the last five periods. `rows` holds the all-persons rows of the period
 * for the area and every comparator area; `series` the area's all-persons rows for every period.
 */
export function benchmarkAccess({
	areaCode,
	period,
	rows,
	series,
	comparators
}: {
	areaCode: string;
	period: string;
	rows: readonly GroupMeasures[];
	series: readonly GroupMeasures[];
	comparators: readonly Comparator[];
}): RateBenchmark {
	const own = rows.find((r) => r.areaCode === areaCode && r.period === period && r.categoryType === '');
	const { value, ...interval95 } = percentRate(own?.reached, own?.maternities);
	const { lower, upper } = percentRate(own?.reached, own?.maternities, 0.998);
	const interval998 = { lower, upper };
	const benchmarks = comparators.map((c): Benchmark => {
		const comparator = pooledRate(
			rows.filter((r) => r.period === period),
			c.areaCodes
		);
		const a = compareWith({ value, interval: interval95, comparator, polarity: ACCESS_POLARITY });
		const b = compareWith({ value, interval: interval998, comparator, polarity: ACCESS_POLARITY });
		const phrase =
			a === b
				? `${describeComparison(a, c.name)}${a === 'similar' || a === 'not compared' ? '' : ' (95% and 99.8% intervals)'}`
				: `${describeComparison(a, c.name)} at 95%; ${describeComparison(b, c.name)} at 99.8%`;
		return { comparator: c.kind, name: c.name, value: comparator, at95: a, at998: b, phrase };
	});
	const ordered = [...series]
		.filter((r) => r.areaCode === areaCode && r.categoryType === '' && r.period <= period)
		.sort((p, q) => (p.period < q.period ? -1 : 1));
	const trend = recentTrend(
		ordered.map((r) => (r.reached !== null && r.maternities ? { count: r.reached, denominator: r.maternities } : null)),
		ACCESS_POLARITY
	);
	return {
		value,
		lower95: interval95.lower,
		upper95: interval95.upper,
		lower998: interval998.lower,
		upper998: interval998.upper,
		benchmarks,
		trend: { ...trend, text: describeTrend(trend) }
	};
}
