import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { createSession, sessionCookie, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { AccountError, changePassword } from '$lib/server/auth/users';
import { database } from '$lib/server/db';
import { sourceAddressOf } from '$lib/server/request';
import { parseForm } from '$lib/server/forms/parse-form';
import { passwordForm } from '$lib/server/forms/schemas';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireRole(locals, url, 'viewer');
	return { email: user.email, role: user.role };
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireRole(event.locals, event.url, 'viewer');
		const parsed = parseForm(passwordForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { current, next, confirm } = parsed.value;
		if (next !== confirm) return fail(400, { errors: { confirm: 'The two new passwords are not the same.' } });
		const { db } = await database();
		const sourceAddress = sourceAddressOf(event);
		try {
			await changePassword(db, { userId: user.id, current, next }, { id: user.id, email: user.email, sourceAddress });
		} catch (error) {
			if (error instanceof AccountError) return fail(400, { errors: { [error.field ?? 'form']: error.message } });
			throw error;
		}
		// Every session ended with the change; this one starts afresh.
		const { token, expiresAt } = await createSession(db, user.id, { sourceAddress });
		event.cookies.set(SESSION_COOKIE, token, sessionCookie(event.url, expiresAt));
		return { changed: true };
	}
};
