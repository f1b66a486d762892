import { json } from '@sveltejs/kit';
import { listUsers } from '$lib/server/auth/admin-queries';
import { requireApiRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Every account, for administrators; 401/403 for anyone else. */
export const GET: RequestHandler = async (event) => {
	requireApiRole(event, 'admin');
	const { db } = await database();
	return json({ users: await listUsers(db) });
};
