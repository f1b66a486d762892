import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/auth/audit';
import { revokeSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { database } from '$lib/server/db';
import { sourceAddressOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { locals, cookies } = event;
		if (locals.sessionToken && locals.user) {
			const { db } = await database();
			await revokeSession(db, locals.sessionToken);
			await recordAudit(db, { action: 'sign_out', actorId: locals.user.id, actorEmail: locals.user.email, sourceAddress: sourceAddressOf(event) });
		}
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
};
