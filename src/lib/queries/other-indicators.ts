import { INDICATOR } from '../contract/indicators';
import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';
import type { MetricRow } from '../metrics/metric';

/** A value of an indicator the explorer's own figures do not use: what an analyst uploaded (a Fingertips indicator, a local measure). */
export interface OtherIndicatorRow extends Omit<MetricRow, 'areaCode'> {
	indicatorId: string;
	name: string;
	unit: string;
	source: string;
	count: number | null;
	denominator: number | null;
	suppressed: boolean;
}

/**
 * Every observation of an area that the explorer's figures do not use, by indicator, period and breakdown: indicators
 * outside the explorer's own, and the explorer's own indicators for periods that are not its financial years (an
 * MHSDS file's rolling 12 months to each month, a quarter).
 */
export async function queryOtherIndicators(
	engine: Engine,
	{ areaCode, periods }: { areaCode: string; /** The explorer's periods (the manifest's financial years). */ periods: readonly string[] }
): Promise<OtherIndicatorRow[]> {
	const params = new Params();
	return engine.query<OtherIndicatorRow & Record<string, string | number | boolean | null>>(
		`SELECT o.indicator_id AS "indicatorId", i.name, i.unit, i.source, o.period, o.category_type AS "categoryType", o.category,
			o.value, o.lower_ci95 AS lower, o.upper_ci95 AS upper, o.count, o.denominator, o.suppressed
		FROM observations o JOIN indicators i USING (indicator_id)
		WHERE o.area_code = ${params.bind(areaCode)}
			AND (o.indicator_id NOT IN ${params.bindList(Object.values(INDICATOR))} OR o.period NOT IN ${params.bindList(periods.length ? periods : [''])})
		ORDER BY i.name, o.period_start, o.period, o.category_type, o.category`,
		params.values
	);
}
