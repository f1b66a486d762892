import { error, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { loadAreaPage } from '$lib/server/explorer/area-page';
import { readAreaRequest } from '$lib/server/explorer/area-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireRole(locals, url, 'demo');
	const request = await readAreaRequest(params.code, url);
	if (!request.ok) {
		if ('location' in request) redirect(request.status, request.location);
		error(request.status, request.message);
	}
	return { ...(await loadAreaPage(request.dataset, request.area, request.choices)), datasetQuery: request.dataset.query };
};
