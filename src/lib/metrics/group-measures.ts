import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';
import type { MetricFilter } from './filter';
import { toMeasuresSql } from './measures';

/** The input counts for one area, period and category; null where suppressed or missing. */
export interface GroupMeasures {
	areaCode: string;
	period: string;
	categoryType: string;
	category: string;
	maternities: number | null;
	reached: number | null;
	needTotal: number | null;
	needSevere: number | null;
}

/**
 * The counts behind every derived measure, one row per area, period and category, for measures that need
 * more than a per-row expression (rate ratios, slope indices, trends, peers): they are computed from these
 * rows by pure functions, so the browser and server engines give the same results from the same rows.
 */
export async function queryGroupMeasures(engine: Engine, filter: MetricFilter): Promise<GroupMeasures[]> {
	const params = new Params();
	const sql = `${toMeasuresSql(filter, params)}
	SELECT area_code AS "areaCode", period, category_type AS "categoryType", category,
		CAST(maternities AS DOUBLE) AS maternities, CAST(reached AS DOUBLE) AS reached,
		CAST(need_total AS DOUBLE) AS "needTotal", CAST(need_severe AS DOUBLE) AS "needSevere"
	FROM measures
	ORDER BY area_code, period, category_type, category`;
	return engine.query<GroupMeasures & Record<string, string | number | null>>(sql, params.values);
}
