import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { listVersions } from '$lib/server/datasets/registry';
import type { PageServerLoad } from './$types';

/** Every dataset and its versions; who published each is shown to signed-in users only. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'demo');
	const versions = await listVersions((await database()).db);
	const signedIn = locals.user !== null;
	const datasets = new Map<string, { datasetId: string; title: string; versions: typeof shown }>();
	const shown = versions.map((v) => ({
		...v,
		createdAt: v.createdAt.toISOString(),
		createdBy: signedIn ? v.createdBy : null,
		withdrawn: v.withdrawn ? { at: v.withdrawn.at.toISOString(), by: signedIn ? v.withdrawn.by : null, reason: v.withdrawn.reason } : null
	}));
	for (const v of shown) {
		const entry = datasets.get(v.datasetId) ?? { datasetId: v.datasetId, title: v.title, versions: [] };
		entry.versions.push(v);
		datasets.set(v.datasetId, entry);
	}
	return { datasets: [...datasets.values()], signedIn };
};
