import type { GroupMeasures } from '../metrics/group-measures';
import { rateRatio, type RateRatio } from '../stats/rate-ratio';
import { slopeIndex, slopeIndexValue, toProportionGroup, type OrderedGroup } from '../stats/slope-index';
import { percentRate } from '../stats/percent-rate';
import { BREAKDOWN_DEFINITIONS, type Breakdown } from './breakdowns';

export interface GroupInequality {
	category: string;
	label: string;
	maternities: number | null;
	reached: number | null;
	needTotal: number | null;
	/** Women reached as a percentage of maternities, with a 95% Wilson interval. */
	accessRate: number | null;
	lower: number | null;
	upper: number | null;
	/** Women reached per 100 estimated women with difficulties: not a coverage rate (see the methods page). */
	reachedPerNeed: number | null;
	/** Access rate over the reference group's, with a 95% log-scale interval. */
	rateRatio: RateRatio;
	/** Extra women who would be reached at the reference group's rate; 0 when the group's rate is not lower. */
	missing: number | null;
	isReference: boolean;
	isExcluded: boolean;
}

export interface IndexValue {
	value: number;
}

export interface IndexWithInterval extends IndexValue {
	lower95: number;
	upper95: number;
	lower998: number;
	upper998: number;
}

/** A summary; `InequalityValues` holds the slope and relative index without their intervals. */
export interface InequalitySummary<Index extends IndexValue = IndexWithInterval> {
	areaCode: string;
	period: string;
	breakdown: Breakdown;
	reference: { category: string; label: string };
	groups: GroupInequality[];
	/** Slope index of inequality in the access rate, in percentage points (least less most deprived); IMD only. */
	sii: Index | null;
	/** Relative index: the fitted access rate at the least deprived end over the most deprived end; IMD only. */
	rii: Index | null;
	/** Women missing summed over the compared groups with figures (suppressed groups listed in `suppressed`, left out). */
	womenMissing: number | null;
	/** Categories whose counts are suppressed, so they take no part in the comparisons. */
	suppressed: string[];
}

export type InequalityValues = InequalitySummary<IndexValue>;

const percentOf = (x: number | null, n: number | null) => (x !== null && n !== null && n > 0 ? (100 * x) / n : null);

/**
 * Access by deprivation or ethnic group for one area and period, from the breakdown rows: each group's rate
 * with its interval, the rate ratio to the reference group (least deprived fifth, White women), the women
 * missing at the reference rate, and for deprivation the slope and relative index of inequality.
 */
export function summariseInequalities(rows: readonly GroupMeasures[], options: SummaryOptions): InequalitySummary {
	return summarise(rows, options, (groups) => {
		const index = slopeIndex(groups, { transform: 'logit' });
		if (!index) return null;
		const { intervals: i } = index;
		return {
			sii: {
				value: 100 * index.sii,
				lower95: 100 * i[0.95].sii[0],
				upper95: 100 * i[0.95].sii[1],
				lower998: 100 * i[0.998].sii[0],
				upper998: 100 * i[0.998].sii[1]
			},
			rii: { value: index.rii, lower95: i[0.95].rii[0], upper95: i[0.95].rii[1], lower998: i[0.998].rii[0], upper998: i[0.998].rii[1] }
		};
	});
}

/** `summariseInequalities` without the slope and relative index's simulated intervals: the same values, far less work. */
export function summariseInequalityValues(rows: readonly GroupMeasures[], options: SummaryOptions): InequalityValues {
	return summarise(rows, options, (groups) => {
		const index = slopeIndexValue(groups, { transform: 'logit' });
		return index && { sii: { value: 100 * index.sii }, rii: { value: index.rii } };
	});
}

interface SummaryOptions {
	areaCode: string;
	period: string;
	breakdown: Breakdown;
}

function summarise<Index extends IndexValue>(
	rows: readonly GroupMeasures[],
	{ areaCode, period, breakdown }: SummaryOptions,
	indices: (groups: OrderedGroup[]) => { sii: Index; rii: Index } | null
): InequalitySummary<Index> {
	const definition = BREAKDOWN_DEFINITIONS[breakdown];
	const byCategory = new Map(rows.filter((r) => r.areaCode === areaCode && r.period === period && r.categoryType === breakdown).map((r) => [r.category, r]));
	const reference = byCategory.get(definition.reference);
	const referenceRate = reference && reference.reached !== null && reference.maternities ? reference.reached / reference.maternities : null;
	const groups: GroupInequality[] = definition.categories.map((category) => {
		const row = byCategory.get(category);
		const maternities = row?.maternities ?? null;
		const reached = row?.reached ?? null;
		const rate = percentRate(reached, maternities);
		const isReference = category === definition.reference;
		const isExcluded = definition.excluded.includes(category);
		const comparable = !isReference && !isExcluded && reached !== null && maternities !== null && referenceRate !== null;
		return {
			category,
			label: definition.categoryLabel(category),
			maternities,
			reached,
			needTotal: row?.needTotal ?? null,
			accessRate: rate.value,
			lower: rate.lower,
			upper: rate.upper,
			reachedPerNeed: percentOf(reached, row?.needTotal ?? null),
			rateRatio:
				comparable && reference
					? rateRatio({ x1: reached!, n1: maternities!, x0: reference.reached!, n0: reference.maternities! })
					: { ratio: isReference ? 1 : null, lower: null, upper: null },
			missing: comparable ? Math.max(referenceRate! * maternities! - reached!, 0) : isReference ? 0 : null,
			isReference,
			isExcluded
		};
	});
	const compared = groups.filter((g) => !g.isReference && !g.isExcluded);
	const withFigures = compared.filter((g) => g.missing !== null);
	const womenMissing = referenceRate !== null && withFigures.length ? withFigures.reduce((s, g) => s + g.missing!, 0) : null;
	const index =
		definition.ordered && groups.every((g) => g.reached !== null && g.maternities !== null)
			? indices(groups.map((g) => toProportionGroup({ count: g.reached!, population: g.maternities! })))
			: null;
	return {
		areaCode,
		period,
		breakdown,
		reference: { category: definition.reference, label: definition.categoryLabel(definition.reference) },
		groups,
		sii: index?.sii ?? null,
		rii: index?.rii ?? null,
		womenMissing,
		suppressed: groups.filter((g) => g.reached === null || g.maternities === null).map((g) => g.label)
	};
}

/** Summaries already computed, by area, period and breakdown: with intervals, or the values alone. */
export type SummaryCache = Map<string, { full?: InequalitySummary; values?: InequalityValues }>;

const cacheEntry = (cache: SummaryCache, { areaCode, period, breakdown }: SummaryOptions) => {
	const key = `${areaCode}|${period}|${breakdown}`;
	let entry = cache.get(key);
	if (!entry) cache.set(key, (entry = {}));
	return entry;
};

/** `summariseInequalities`, reusing a summary already in `cache` for the same area, period and breakdown. */
export function summariseCached(cache: SummaryCache, rows: readonly GroupMeasures[], options: SummaryOptions): InequalitySummary {
	const entry = cacheEntry(cache, options);
	return (entry.full ??= summariseInequalities(rows, options));
}

/** `summariseInequalityValues`, reusing a summary in `cache` with or without intervals. */
export function summariseValuesCached(cache: SummaryCache, rows: readonly GroupMeasures[], options: SummaryOptions): InequalityValues {
	const entry = cacheEntry(cache, options);
	return entry.full ?? (entry.values ??= summariseInequalityValues(rows, options));
}
