import { requireRole } from '$lib/server/auth/access';
import { demoDataset } from '$lib/server/demo-dataset';
import { loadOverview } from '$lib/server/explorer/overview-page';
import { maybeMapMetricId } from '$lib/tilemap/map-metrics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	requireRole(locals, url, 'demo');
	return loadOverview(await demoDataset(), maybeMapMetricId(url.searchParams.get('measure')));
};
