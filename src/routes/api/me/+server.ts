import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The signed-in user (hooks answer 401 for anyone else). */
export const GET: RequestHandler = async ({ locals }) => {
	const user = locals.user!;
	return json({ email: user.email, role: user.role });
};
