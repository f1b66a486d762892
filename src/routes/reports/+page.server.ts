import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { listReports } from '$lib/server/reports/store';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'viewer');
	return { reports: await listReports((await database()).db) };
};
