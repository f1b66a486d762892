import { requireRole } from '$lib/server/auth/access';
import { datasetFor } from '$lib/server/datasets';
import { loadMethods } from '$lib/server/explorer/methods-page';
import type { PageServerLoad } from './$types';

/** The product's own England figures beside every published headline, computed from the dataset, not typed in. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'demo');
	const dataset = await datasetFor(url);
	return { ...(await loadMethods(dataset)), datasetQuery: dataset.query };
};
