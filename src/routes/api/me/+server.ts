import { json } from '@sveltejs/kit';
import { requireApiRole } from '$lib/server/auth/access';
import type { RequestHandler } from './$types';

/** The signed-in user; 401 for anyone else. */
export const GET: RequestHandler = async (event) => {
	const user = requireApiRole(event, 'viewer')!;
	return json({ email: user.email, role: user.role });
};
