import type { GroupMeasures } from '../metrics/group-measures';
import { summariseCached, summariseValuesCached, type SummaryCache } from '../inequalities/summarise';
import { compareWith, type Comparison } from '../stats/benchmark';
import { percentRate } from '../stats/percent-rate';
import { COMPARE_INDICATORS, type CompareIndicatorId } from './compare-indicators';

export interface CompareRow {
	areaCode: string;
	value: number | null;
	lower: number | null;
	upper: number | null;
	/** Against England's value (access rate) or against no gap (slope index); counts are not compared. */
	comparison: Comparison;
	rank: number | null;
}

/**
 * One indicator for each of the areas given, sorted highest first (not available last), with 95% intervals
 * where the indicator has them. `rows` holds the period's rows for the areas (and England, for the access
 * rate's benchmark) for the breakdown the indicator needs.
 */
export function compareAreas({
	indicator,
	areaCodes,
	period,
	rows,
	englandCode,
	summaries = new Map(),
	intervals = true
}: {
	indicator: CompareIndicatorId;
	areaCodes: readonly string[];
	period: string;
	rows: readonly GroupMeasures[];
	englandCode: string;
	/** Summaries already computed, by area, period and breakdown (the slope index's simulation is the slow part). */
	summaries?: SummaryCache;
	/** False for the values alone (the map): the slope index then has no interval and is not compared. */
	intervals?: boolean;
}): CompareRow[] {
	const definition = COMPARE_INDICATORS[indicator];
	const england = rows.find((r) => r.areaCode === englandCode && r.period === period && r.categoryType === '');
	const englandRate = percentRate(england?.reached, england?.maternities).value;
	const computed = areaCodes.map((areaCode): Omit<CompareRow, 'rank'> => {
		if (indicator === 'access_rate') {
			const row = rows.find((r) => r.areaCode === areaCode && r.period === period && r.categoryType === '');
			const { value, ...interval } = percentRate(row?.reached, row?.maternities);
			return { areaCode, value, ...interval, comparison: compareWith({ value, interval, comparator: englandRate, polarity: definition.polarity }) };
		}
		const options = { areaCode, period, breakdown: definition.breakdown! };
		if (indicator === 'sii_imd' && !intervals) {
			return { areaCode, value: summariseValuesCached(summaries, rows, options).sii?.value ?? null, lower: null, upper: null, comparison: 'not compared' };
		}
		if (indicator === 'sii_imd') {
			const s = summariseCached(summaries, rows, options).sii;
			const interval = { lower: s?.lower95 ?? null, upper: s?.upper95 ?? null };
			return {
				areaCode,
				value: s?.value ?? null,
				...interval,
				comparison: compareWith({ value: s?.value ?? null, interval, comparator: 0, polarity: definition.polarity })
			};
		}
		return { areaCode, value: summariseValuesCached(summaries, rows, options).womenMissing, lower: null, upper: null, comparison: 'not compared' };
	});
	const sorted = computed.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || (a.areaCode < b.areaCode ? -1 : 1));
	return sorted.map((r, i) => ({ ...r, rank: r.value === null ? null : i + 1 }));
}
