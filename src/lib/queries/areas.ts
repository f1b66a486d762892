import type { AreaType } from '../contract/vocabulary';
import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';

export interface Area {
	areaCode: string;
	odsCode: string | null;
	name: string;
	shortName: string;
	areaType: AreaType;
	parentCode: string | null;
	formerCodes: string | null;
	tileCol: number | null;
	tileRow: number | null;
}

const AREA_COLUMNS = `area_code AS "areaCode", ods_code AS "odsCode", name, short_name AS "shortName", area_type AS "areaType",
	parent_code AS "parentCode", former_codes AS "formerCodes", tile_col AS "tileCol", tile_row AS "tileRow"`;

/** Areas of the given types (all by default), ordered by type then name. */
export async function queryAreas(engine: Engine, { areaTypes }: { areaTypes?: AreaType[] } = {}): Promise<Area[]> {
	const params = new Params();
	const where = areaTypes ? `WHERE area_type IN ${params.bindList(areaTypes)}` : '';
	return engine.query<Area & Record<string, string | number | null>>(
		`SELECT ${AREA_COLUMNS} FROM areas ${where}
		ORDER BY CASE area_type WHEN 'england' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, short_name`,
		params.values
	);
}

/**
 * Finds an area by its current ONS code, or by a former code it replaced (e.g. E54000007 finds Greater
 * Manchester, E54000057). Undefined when no area has that code.
 */
export async function findArea(engine: Engine, code: string): Promise<Area | undefined> {
	const params = new Params();
	const bound = params.bind(code);
	const [area] = await engine.query<Area & Record<string, string | number | null>>(
		`SELECT ${AREA_COLUMNS} FROM areas
		WHERE area_code = ${bound} OR list_contains(string_split(coalesce(former_codes, ''), ';'), ${bound})
		ORDER BY area_code = ${bound} DESC LIMIT 1`,
		params.values
	);
	return area;
}
