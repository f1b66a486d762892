import type { Polarity } from '../contract/vocabulary';
import type { DisplayUnit } from '../format/number';
import type { InequalityValues } from '../inequalities/summarise';
import type { GroupMeasures } from '../metrics/group-measures';
import { percentRate } from '../stats/percent-rate';
import { quantileSorted } from '../stats/quantile';

export interface SpineRow {
	id: string;
	label: string;
	unit: DisplayUnit;
	polarity: Exclude<Polarity, 'none'>;
	value: number | null;
	england: number | null;
	/** Across the ICBs with a value: worst and best by polarity; q25 the quartile on the worse side, q75 on the better. */
	worst: number | null;
	q25: number | null;
	q75: number | null;
	best: number | null;
	/** ICBs with a value. */
	areas: number;
}

interface SpineIndicator {
	id: string;
	label: string;
	unit: DisplayUnit;
	polarity: Exclude<Polarity, 'none'>;
	of: (row: GroupMeasures | undefined, summaries: { imd: InequalityValues; ethnic: InequalityValues } | undefined) => number | null;
}

const perThousand = (x: number | null | undefined, n: number | null | undefined) => (x !== null && x !== undefined && n ? (1000 * x) / n : null);

/** The indicators of the area profile, each a rate so areas of any size compare. */
export const SPINE_INDICATORS: SpineIndicator[] = [
	{
		id: 'access_rate',
		label: 'Access rate (% of maternities)',
		unit: 'percent',
		polarity: 'higher_is_better',
		of: (r) => percentRate(r?.reached, r?.maternities).value
	},
	{
		id: 'access_most_deprived',
		label: 'Access rate, most deprived fifth (%)',
		unit: 'percent',
		polarity: 'higher_is_better',
		of: (_, s) => s?.imd.groups.find((g) => g.category === '1')?.accessRate ?? null
	},
	{
		id: 'reached_per_need',
		label: 'Women reached per 100 estimated need',
		unit: 'count',
		polarity: 'higher_is_better',
		of: (r) => (r?.reached != null && r.needTotal ? (100 * r.reached) / r.needTotal : null)
	},
	{
		id: 'sii_imd',
		label: 'Deprivation gap in access (slope index, percentage points)',
		unit: 'percentage_points',
		polarity: 'lower_is_better',
		of: (_, s) => s?.imd.sii?.value ?? null
	},
	{
		id: 'missing_imd_per_1000',
		label: 'Women missing by deprivation, per 1,000 maternities',
		unit: 'count',
		polarity: 'lower_is_better',
		of: (r, s) => perThousand(s?.imd.womenMissing, r?.maternities)
	},
	{
		id: 'missing_ethnic_per_1000',
		label: 'Women missing by ethnicity, per 1,000 maternities',
		unit: 'count',
		polarity: 'lower_is_better',
		of: (r, s) => perThousand(s?.ethnic.womenMissing, r?.maternities)
	}
];

/**
 * The area profile (Fingertips' spine chart): each indicator for the area against the range across ICBs
 * (worst, 25th and 75th percentiles, best) and England's value. `summaryOf` gives an area's inequality
 * summaries (cached by the caller); England's inequality figures are its own, from England's breakdown rows.
 */
export function toSpine({
	areaCode,
	icbCodes,
	englandCode,
	rows,
	summaryOf
}: {
	areaCode: string;
	icbCodes: readonly string[];
	englandCode: string;
	rows: readonly GroupMeasures[];
	summaryOf: (areaCode: string) => { imd: InequalityValues; ethnic: InequalityValues };
}): SpineRow[] {
	const allPersons = (code: string) => rows.find((r) => r.areaCode === code && r.categoryType === '');
	return SPINE_INDICATORS.map((indicator) => {
		const values = icbCodes.map((c) => indicator.of(allPersons(c), summaryOf(c))).filter((v): v is number => v !== null && Number.isFinite(v));
		const sorted = [...values].sort((a, b) => a - b);
		const higherBetter = indicator.polarity === 'higher_is_better';
		const has = sorted.length > 0;
		return {
			id: indicator.id,
			label: indicator.label,
			unit: indicator.unit,
			polarity: indicator.polarity,
			value: indicator.of(allPersons(areaCode), summaryOf(areaCode)),
			england: indicator.of(allPersons(englandCode), summaryOf(englandCode)),
			worst: has ? (higherBetter ? sorted[0] : sorted[sorted.length - 1]) : null,
			q25: has ? quantileSorted(sorted, higherBetter ? 0.25 : 0.75) : null,
			q75: has ? quantileSorted(sorted, higherBetter ? 0.75 : 0.25) : null,
			best: has ? (higherBetter ? sorted[sorted.length - 1] : sorted[0]) : null,
			areas: sorted.length
		};
	});
}
