import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { DEFAULT_DATASET_ID, lookUpDataset } from '$lib/server/datasets';
import { listVersions } from '$lib/server/datasets/registry';
import type { KnownArea } from '$lib/upload/areas';
import type { PageServerLoad } from './$types';

/** What an upload can be added to: a new dataset built on the demonstration data, or the next version of one. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'analyst');
	const versions = await listVersions((await database()).db);
	const latest = new Map<string, { version: number; title: string }>();
	for (const v of versions) if (!v.withdrawn && !latest.has(v.datasetId)) latest.set(v.datasetId, { version: v.version, title: v.title });
	const bases = await Promise.all(
		[...latest].map(async ([datasetId, { version, title }]) => {
			const found = await lookUpDataset(new URLSearchParams({ dataset: datasetId, version: String(version) }));
			if (!found.ok) return null;
			const { engine, memo } = found.dataset;
			const areas = await memo('upload:areas', async () =>
				(await engine.query('SELECT area_code, ods_code, name, area_type, parent_code, former_codes FROM areas ORDER BY area_code')).map((r): KnownArea => ({
					areaCode: String(r.area_code),
					odsCode: (r.ods_code as string | null) ?? null,
					name: String(r.name),
					areaType: r.area_type as KnownArea['areaType'],
					parentCode: (r.parent_code as string | null) ?? null,
					formerCodes: (r.former_codes as string | null) ?? null
				}))
			);
			const indicators = await memo('upload:indicators', async () =>
				(await engine.query('SELECT indicator_id, unit, name FROM indicators')).map((r) => ({
					id: String(r.indicator_id),
					unit: String(r.unit),
					name: String(r.name)
				}))
			);
			const units = Object.fromEntries(indicators.map((i) => [i.id, i.unit]));
			const indicatorNames = Object.fromEntries(indicators.map((i) => [i.id, i.name]));
			return { datasetId, version, title, areas, units, indicatorNames, isDemo: datasetId === DEFAULT_DATASET_ID };
		})
	);
	return { bases: bases.filter((b) => b !== null) };
};
