import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';
import { observationKey, type UploadObservation } from './observations';

export interface ComparedRow {
	indicatorId: string;
	areaCode: string;
	period: string;
	category: string;
	published: number | null;
	uploaded: number | null;
}

export interface Comparison {
	/** Rows whose value or suppression differs from the published row with the same key. */
	changed: number;
	same: number;
	/** Rows with no published counterpart. */
	added: number;
	/** The first rows that differ (at most 50), for the table. */
	rows: ComparedRow[];
}

/** Compares disclosure-controlled upload rows with the published version's rows for the same keys. */
export async function compareWithPublished(engine: Engine, rows: UploadObservation[]): Promise<Comparison> {
	const ids = [...new Set(rows.map((r) => r.indicatorId))];
	const published = new Map<string, number | null>();
	if (ids.length) {
		const params = new Params();
		const found = await engine.query<{
			indicator_id: string;
			area_code: string;
			period: string;
			category_type: string;
			category: string;
			value: number | null;
		}>(`SELECT indicator_id, area_code, period, category_type, category, value FROM observations WHERE indicator_id IN ${params.bindList(ids)}`, params.values);
		for (const r of found)
			published.set(
				observationKey({ indicatorId: r.indicator_id, areaCode: r.area_code, period: r.period, categoryType: r.category_type, category: r.category }),
				r.value
			);
	}
	const result: Comparison = { changed: 0, same: 0, added: 0, rows: [] };
	for (const row of rows) {
		const key = observationKey(row);
		if (!published.has(key)) {
			result.added += 1;
			continue;
		}
		const before = published.get(key) ?? null;
		if (before === row.value) result.same += 1;
		else {
			result.changed += 1;
			if (result.rows.length < 50)
				result.rows.push({
					indicatorId: row.indicatorId,
					areaCode: row.areaCode,
					period: row.period,
					category: row.category,
					published: before,
					uploaded: row.value
				});
		}
	}
	return result;
}
