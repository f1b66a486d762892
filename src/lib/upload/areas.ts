import type { AreaType } from '../contract/vocabulary';

/** An area as the dataset's `areas` table holds it (the subset the importer needs). */
export interface KnownArea {
	areaCode: string;
	odsCode: string | null;
	name: string;
	areaType: AreaType;
	parentCode: string | null;
	formerCodes: string | null;
}

export type AreaMatch =
	| { kind: 'known'; area: KnownArea; via: 'code' | 'former code' | 'ODS code' | 'name' }
	/** Not in the reference, but the file names it and its parent: kept as a local area, and listed as such. */
	| { kind: 'new'; areaCode: string; name: string; parentCode: string | null; parentName: string }
	| { kind: 'unknown'; message: string; fix: string };

/** "NHS GREATER MANCHESTER INTEGRATED CARE BOARD - QOP" and "NHS Greater Manchester ICB" both become "GREATER MANCHESTER". */
export function normaliseAreaName(name: string): string {
	return name
		.toUpperCase()
		.replace(/\s+-\s+[A-Z0-9]{3,5}$/, '')
		.replace(/\bINTEGRATED CARE BOARD\b|\bICB\b|\bCOMMISSIONING REGION\b/g, ' ')
		.replace(/^NHS\s+/, '')
		.replace(/&/g, ' AND ')
		.replace(/[^A-Z0-9]+/g, ' ')
		.trim();
}

/** Former codes, ODS codes and names of the reference areas, for matching the ways files identify areas. */
export function createAreaMatcher(areas: KnownArea[]) {
	const byCode = new Map<string, KnownArea>();
	const byFormer = new Map<string, KnownArea>();
	const byOds = new Map<string, KnownArea>();
	const byName = new Map<string, KnownArea>();
	for (const area of areas) {
		byCode.set(area.areaCode, area);
		if (area.odsCode) byOds.set(area.odsCode.toUpperCase(), area);
		for (const former of (area.formerCodes ?? '').split(';').filter(Boolean)) byFormer.set(former, area);
		byName.set(normaliseAreaName(area.name), area);
	}
	return function matchArea(codeText: string, nameText = '', parent: { code?: string; name?: string } = {}): AreaMatch {
		const code = codeText.trim().toUpperCase();
		const name = nameText.trim();
		const known = byCode.get(code);
		if (known) return { kind: 'known', area: known, via: 'code' };
		const former = byFormer.get(code);
		if (former) return { kind: 'known', area: former, via: 'former code' };
		const ods = byOds.get(code);
		if (ods) return { kind: 'known', area: ods, via: 'ODS code' };
		const named = name ? byName.get(normaliseAreaName(name)) : undefined;
		if (named && (!code || !/^E\d{8}$/.test(code))) return { kind: 'known', area: named, via: 'name' };
		if (/^E\d{8}$/.test(code) && name && (parent.code || parent.name)) {
			const parentArea = parent.code ? (byCode.get(parent.code.trim().toUpperCase()) ?? byFormer.get(parent.code.trim().toUpperCase())) : undefined;
			return {
				kind: 'new',
				areaCode: code,
				name: name.replace(/\s+-\s+[A-Z0-9]{3,5}$/, ''),
				parentCode: parentArea?.areaCode ?? null,
				parentName: parent.name?.trim() ?? ''
			};
		}
		if (!code && !name) return { kind: 'unknown', message: 'no area code or name', fix: 'Give every row an area code (ONS E-code or ODS code).' };
		return {
			kind: 'unknown',
			message: `area "${codeText.trim() || name}" is not a current or former ONS code, an ODS code or an area name this dataset knows`,
			fix: 'Use the area’s ONS code (E54… for an ICB, E40… for a region). An area outside the reference is accepted when the file also gives its name and its parent area.'
		};
	};
}

export type AreaMatcher = ReturnType<typeof createAreaMatcher>;
