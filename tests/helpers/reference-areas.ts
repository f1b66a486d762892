import { csvParse } from 'd3-dsv';
import { readFileSync } from 'node:fs';
import type { AreaType } from '../../src/lib/contract/vocabulary';
import type { KnownArea } from '../../src/lib/upload/areas';

/** The reference areas (data/reference/areas.csv) as the importer matches them, read straight from the file. */
export const referenceAreas: KnownArea[] = csvParse(readFileSync('data/reference/areas.csv', 'utf8')).map((r) => ({
	areaCode: r.area_code!,
	odsCode: r.ods_code || null,
	name: r.name!,
	areaType: r.area_type as AreaType,
	parentCode: r.parent_code || null,
	formerCodes: r.former_codes || null
}));
