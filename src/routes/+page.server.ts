import { requireRole } from '$lib/server/auth/access';
import { datasetFor } from '$lib/server/datasets';
import { loadOverview } from '$lib/server/explorer/overview-page';
import { maybeMapMetricId } from '$lib/tilemap/map-metrics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	requireRole(locals, url, 'demo');
	return loadOverview(await datasetFor(url), maybeMapMetricId(url.searchParams.get('measure')));
};
