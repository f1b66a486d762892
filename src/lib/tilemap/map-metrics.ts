import { compareAreas } from '../benchmarks/compare-areas';
import { COMPARE_INDICATORS } from '../benchmarks/compare-indicators';
import { ENGLAND } from '../contract/vocabulary';
import type { DisplayUnit } from '../format/number';
import type { Engine } from '../engine/engine';
import { METRICS, queryMetric } from '../metrics';
import { queryGroupMeasures } from '../metrics/group-measures';
import type { SummaryCache } from '../inequalities/summarise';

/** Measures the overview's tile map can be coloured by, first is the default: metrics, then inequality measures. */
export const MAP_METRIC_IDS = [
	'access_rate',
	'unmet_need',
	'commitment_gap',
	'ambition_gap',
	'need_total',
	'reached',
	'maternities',
	'sii_imd',
	'women_missing_imd',
	'women_missing_ethnic'
] as const;

export type MapMetricId = (typeof MAP_METRIC_IDS)[number];

const INEQUALITY_IDS = ['sii_imd', 'women_missing_imd', 'women_missing_ethnic'] as const;
type InequalityId = (typeof INEQUALITY_IDS)[number];
const isInequality = (id: MapMetricId): id is InequalityId => (INEQUALITY_IDS as readonly string[]).includes(id);

/** Reads a map metric id from untrusted input (a query string), falling back to the default. */
export function maybeMapMetricId(value: string | null | undefined): MapMetricId {
	return (MAP_METRIC_IDS as readonly string[]).includes(value ?? '') ? (value as MapMetricId) : MAP_METRIC_IDS[0];
}

/** The label and unit the legend shows for a map measure. */
export function toMapMetric(id: MapMetricId): { label: string; unit: DisplayUnit } {
	if (isInequality(id)) return COMPARE_INDICATORS[id];
	return METRICS[id];
}

/**
 * The chosen measure for every ICB in a period, keyed by area code; null where not available. `summaries`
 * keeps inequality summaries between calls. The map shows values only, so the slope index's intervals are not simulated.
 */
export async function queryTileValues(
	engine: Engine,
	{ metricId, period, summaries }: { metricId: MapMetricId; period: string; summaries?: SummaryCache }
): Promise<Record<string, number | null>> {
	if (isInequality(metricId)) {
		const breakdown = COMPARE_INDICATORS[metricId].breakdown!;
		const [all, groups] = await Promise.all([
			queryGroupMeasures(engine, { periods: [period], categoryType: '' }),
			queryGroupMeasures(engine, { areaType: 'icb', periods: [period], categoryType: breakdown })
		]);
		const icbs = [...new Set(groups.map((r) => r.areaCode))];
		const rows = compareAreas({ indicator: metricId, areaCodes: icbs, period, rows: [...all, ...groups], englandCode: ENGLAND, summaries, intervals: false });
		return Object.fromEntries(rows.map((r) => [r.areaCode, r.value]));
	}
	const rows = await queryMetric(engine, METRICS[metricId], { areaType: 'icb', periods: [period] });
	return Object.fromEntries(rows.map((r) => [r.areaCode, r.value]));
}
