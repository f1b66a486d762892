import type { Params } from '../engine/params';
import type { AreaType, CategoryType } from '../contract/vocabulary';

/** Which rows a metric is computed for. Omitted fields mean "all". */
export interface MetricFilter {
	areas?: readonly string[];
	areaType?: AreaType;
	periods?: readonly string[];
	/** The breakdown: '' (all persons, the default), 'imd_quintile' or 'ethnic_group'. */
	categoryType?: CategoryType;
}

/** SQL conditions on the observations table `o` (and areas `a`) for a filter. */
export function toWhereSql(filter: MetricFilter, params: Params): string {
	const { areas, areaType, periods, categoryType = '' } = filter;
	const conditions = [`o.category_type = ${params.bind(categoryType)}`];
	if (areas) conditions.push(`o.area_code IN ${params.bindList(areas)}`);
	if (periods) conditions.push(`o.period IN ${params.bindList(periods)}`);
	if (areaType) conditions.push(`o.area_code IN (SELECT area_code FROM areas WHERE area_type = ${params.bind(areaType)})`);
	return conditions.join(' AND ');
}
