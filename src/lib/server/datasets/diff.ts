import { observationKey } from '$lib/upload/observations';
import type { ServerDataset } from './server-dataset';

export interface VersionDiffRow {
	change: 'added' | 'removed' | 'changed';
	indicatorId: string;
	areaCode: string;
	period: string;
	categoryType: string;
	category: string;
	before: number | null;
	after: number | null;
}

export interface VersionDiff {
	added: number;
	removed: number;
	changed: number;
	unchanged: number;
	/** New areas and indicators in the later version. */
	newAreas: string[];
	newIndicators: string[];
	/** The first differences (at most `limit`), ordered by indicator, area, period. */
	rows: VersionDiffRow[];
}

type Obs = { indicator_id: string; area_code: string; period: string; category_type: string; category: string; value: number | null; suppressed: boolean };

const keyOf = (r: Obs) =>
	observationKey({ indicatorId: r.indicator_id, areaCode: r.area_code, period: r.period, categoryType: r.category_type, category: r.category });

async function observations({ engine }: ServerDataset): Promise<Map<string, Obs>> {
	const rows = await engine.query<Obs>(
		'SELECT indicator_id, area_code, period, category_type, category, value, suppressed FROM observations ORDER BY indicator_id, area_code, period, category_type, category'
	);
	return new Map(rows.map((r) => [keyOf(r), r]));
}

/** Observation by observation, what changed from one version to another (a value, or whether it is suppressed). */
export async function diffVersions(from: ServerDataset, to: ServerDataset, { limit = 200 } = {}): Promise<VersionDiff> {
	const [before, after] = await Promise.all([observations(from), observations(to)]);
	const diff: VersionDiff = { added: 0, removed: 0, changed: 0, unchanged: 0, newAreas: [], newIndicators: [], rows: [] };
	const note = (change: VersionDiffRow['change'], r: Obs, b: Obs | undefined, a: Obs | undefined) => {
		diff[change] += 1;
		if (diff.rows.length < limit)
			diff.rows.push({
				change,
				indicatorId: r.indicator_id,
				areaCode: r.area_code,
				period: r.period,
				categoryType: r.category_type,
				category: r.category,
				before: b?.value ?? null,
				after: a?.value ?? null
			});
	};
	for (const [key, a] of after) {
		const b = before.get(key);
		if (!b) note('added', a, undefined, a);
		else if (b.value !== a.value || b.suppressed !== a.suppressed) note('changed', a, b, a);
		else diff.unchanged += 1;
	}
	for (const [key, b] of before) if (!after.has(key)) note('removed', b, b, undefined);
	const names = async ({ engine }: ServerDataset, sql: string) => new Set((await engine.query<{ id: string }>(sql)).map((r) => r.id));
	const [areasBefore, areasAfter, indicatorsBefore, indicatorsAfter] = await Promise.all([
		names(from, 'SELECT area_code AS id FROM areas'),
		names(to, 'SELECT area_code AS id FROM areas'),
		names(from, 'SELECT indicator_id AS id FROM indicators'),
		names(to, 'SELECT indicator_id AS id FROM indicators')
	]);
	diff.newAreas = [...areasAfter].filter((a) => !areasBefore.has(a)).sort();
	diff.newIndicators = [...indicatorsAfter].filter((i) => !indicatorsBefore.has(i)).sort();
	return diff;
}
