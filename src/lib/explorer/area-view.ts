import { benchmarkAccess, type Comparator, type RateBenchmark } from '../benchmarks/area-benchmarks';
import { compareAreas, type CompareRow } from '../benchmarks/compare-areas';
import { COMPARE_INDICATORS, type CompareIndicatorId } from '../benchmarks/compare-indicators';
import { nearestPeers, toAreaProfiles, type AreaProfile, type Peer } from '../benchmarks/peers';
import { toSpine, type SpineRow } from '../benchmarks/spine';
import { ENGLAND } from '../contract/vocabulary';
import type { Engine } from '../engine/engine';
import { BREAKDOWNS, type Breakdown } from '../inequalities/breakdowns';
import { summariseCached, summariseValuesCached, type InequalitySummary, type SummaryCache } from '../inequalities/summarise';
import { queryGroupMeasures, type GroupMeasures } from '../metrics/group-measures';
import type { Area } from '../queries/areas';

export type CompareScope = 'region' | 'england';

/** Everything the explorer shows beyond the headline figures, for one area, period and set of choices. */
export interface AreaView {
	areaCode: string;
	period: string;
	breakdown: Breakdown;
	scope: CompareScope;
	indicator: CompareIndicatorId;
	access: RateBenchmark;
	/** Inequalities by both breakdowns, so the summary can speak of both; `breakdown` is the one charted. */
	inequalities: Record<Breakdown, InequalitySummary>;
	peers: (Peer & AreaProfile & { shortName: string })[];
	/** The area profile: each indicator against the range across ICBs and England (depends on the period only). */
	spine: SpineRow[];
	compare: { scope: CompareScope; scopeName: string; rows: (CompareRow & { shortName: string })[] };
}

/** The rows an area view is computed from: one period's rows for every area, by every breakdown, and the area's series. */
export interface AreaViewRows {
	period: GroupMeasures[];
	series: GroupMeasures[];
}

/** One period's rows for every area, all persons and both breakdowns: the same for every area's view. */
export async function queryPeriodRows(engine: Engine, { period }: { period: string }): Promise<GroupMeasures[]> {
	const byBreakdown = await Promise.all(
		(['', 'imd_quintile', 'ethnic_group'] as const).map((categoryType) => queryGroupMeasures(engine, { periods: [period], categoryType }))
	);
	return byBreakdown.flat();
}

/** The area's all-persons rows for every period, for its trend. */
export function querySeriesRows(engine: Engine, { areaCode }: { areaCode: string }): Promise<GroupMeasures[]> {
	return queryGroupMeasures(engine, { areas: [areaCode], categoryType: '' });
}

export async function queryAreaViewRows(engine: Engine, { areaCode, period }: { areaCode: string; period: string }): Promise<AreaViewRows> {
	const [periodRows, series] = await Promise.all([queryPeriodRows(engine, { period }), querySeriesRows(engine, { areaCode })]);
	return { period: periodRows, series };
}

/**
 * Computes the explorer's figures from the rows (pure, so the browser and the server give the same numbers
 * from the same rows). Peers are the nearest ICBs by deprivation, ethnic mix and size; a region is
 * compared with England only.
 */
export function toAreaView({
	area,
	region,
	areas,
	rows,
	period,
	breakdown,
	scope,
	indicator,
	summaries = new Map(),
	spine
}: {
	area: Area;
	region: Area | null;
	/** Every area in the dataset, for names and for the ICBs of a scope. */
	areas: readonly Area[];
	rows: AreaViewRows;
	period: string;
	breakdown: Breakdown;
	scope: CompareScope;
	indicator: CompareIndicatorId;
	/** Inequality summaries computed before for the same rows, reused (keyed by area, period and breakdown). */
	summaries?: SummaryCache;
	/** A spine already computed for this area and period, reused (it does not depend on the other choices). */
	spine?: SpineRow[];
}): AreaView {
	const nameOf = new Map(areas.map((a) => [a.areaCode, a.shortName]));
	const icbs = areas.filter((a) => a.areaType === 'icb');
	const isIcb = area.areaType === 'icb';
	const profiles = toAreaProfiles(rows.period.filter((r) => icbs.some((i) => i.areaCode === r.areaCode)));
	const peers = isIcb
		? nearestPeers(profiles, area.areaCode).map((p) => ({
				...p,
				...profiles.find((q) => q.areaCode === p.areaCode)!,
				shortName: nameOf.get(p.areaCode) ?? p.areaCode
			}))
		: [];
	const comparators: Comparator[] = [{ kind: 'england', name: 'England', areaCodes: [ENGLAND] }];
	if (region) comparators.push({ kind: 'region', name: region.shortName, areaCodes: [region.areaCode] });
	if (peers.length) comparators.push({ kind: 'peers', name: `${peers.length} similar ICBs`, areaCodes: peers.map((p) => p.areaCode) });
	const access = benchmarkAccess({ areaCode: area.areaCode, period, rows: rows.period, series: rows.series, comparators });
	const inequalities = Object.fromEntries(
		BREAKDOWNS.map((b) => [b, summariseCached(summaries, rows.period, { areaCode: area.areaCode, period, breakdown: b })])
	) as Record<Breakdown, InequalitySummary>;
	const summaryOf = (areaCode: string) => ({
		imd: summariseValuesCached(summaries, rows.period, { areaCode, period, breakdown: 'imd_quintile' }),
		ethnic: summariseValuesCached(summaries, rows.period, { areaCode, period, breakdown: 'ethnic_group' })
	});
	const profile = spine ?? toSpine({ areaCode: area.areaCode, icbCodes: icbs.map((i) => i.areaCode), englandCode: ENGLAND, rows: rows.period, summaryOf });
	const scopeRegion = area.areaType === 'region' ? area : region;
	const effectiveScope: CompareScope = scope === 'region' && scopeRegion ? 'region' : 'england';
	const scopeCodes = icbs.filter((i) => effectiveScope === 'england' || i.parentCode === scopeRegion!.areaCode).map((i) => i.areaCode);
	const needed = COMPARE_INDICATORS[indicator].breakdown;
	const compareRows = compareAreas({
		indicator,
		areaCodes: scopeCodes,
		period,
		rows: rows.period.filter((r) => r.categoryType === '' || r.categoryType === needed),
		englandCode: ENGLAND,
		summaries
	});
	return {
		areaCode: area.areaCode,
		period,
		breakdown,
		scope: effectiveScope,
		indicator,
		access,
		inequalities,
		peers,
		spine: profile,
		compare: {
			scope: effectiveScope,
			scopeName: effectiveScope === 'region' ? scopeRegion!.shortName : 'England',
			rows: compareRows.map((r) => ({ ...r, shortName: nameOf.get(r.areaCode) ?? r.areaCode }))
		}
	};
}
