import { json } from '@sveltejs/kit';
import { listUsers } from '$lib/server/auth/admin-queries';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Every account, for administrators (hooks answer 401/403 for anyone else). */
export const GET: RequestHandler = async () => {
	const { db } = await database();
	return json({ users: await listUsers(db) });
};
