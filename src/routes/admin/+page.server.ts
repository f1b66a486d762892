import { fail, type RequestEvent } from '@sveltejs/kit';
import { isRole, ROLES } from '$lib/auth/roles';
import { requireRole } from '$lib/server/auth/access';
import { listUsers, queryAuditLog } from '$lib/server/auth/admin-queries';
import { AccountError, changeRole, createUser, deactivateUser, resetPassword, unlockUser, type Actor } from '$lib/server/auth/users';
import { database } from '$lib/server/db';
import { sourceAddressOf } from '$lib/server/request';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const AUDIT_ACTIONS = ['sign_in', 'sign_in_failed', 'sign_out', 'password_change', 'password_reset', 'user_create', 'role_change', 'user_deactivate', 'user_unlock', 'account_locked'];

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'admin');
	const { db } = await database();
	const q = url.searchParams;
	const filter = {
		email: q.get('email')?.trim() || undefined,
		action: AUDIT_ACTIONS.includes(q.get('action') ?? '') ? q.get('action')! : undefined,
		from: ISO_DATE.test(q.get('from') ?? '') ? q.get('from')! : undefined,
		to: ISO_DATE.test(q.get('to') ?? '') ? q.get('to')! : undefined,
		page: Math.max(1, Math.floor(Number(q.get('page')) || 1))
	};
	const [users, audit] = await Promise.all([listUsers(db), queryAuditLog(db, filter)]);
	return { users, audit, filter, roles: ROLES, actions: AUDIT_ACTIONS };
};

/** Runs one admin action for a signed-in administrator, turning account errors into form errors. */
async function adminAction<T>(event: RequestEvent, run: (form: FormData, actor: Actor) => Promise<T>) {
	const user = requireRole(event.locals, event.url, 'admin');
	const form = await readForm(event.request);
	try {
		return await run(form, { id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) });
	} catch (error) {
		if (error instanceof AccountError) return fail(400, { error: error.message, field: error.field ?? null });
		throw error;
	}
}

const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

function roleFrom(form: FormData) {
	const role = field(form, 'role');
	if (!isRole(role)) throw new AccountError(`"${role}" is not a role; choose one of ${ROLES.join(', ')}`, 'role');
	return role;
}

export const actions: Actions = {
	create: (event) =>
		adminAction(event, async (form, actor) => {
			const { db } = await database();
			const created = await createUser(db, { email: field(form, 'email'), role: roleFrom(form) }, actor);
			return { created: { email: created.email, password: created.password } };
		}),
	role: (event) =>
		adminAction(event, async (form, actor) => {
			const { db } = await database();
			await changeRole(db, { email: field(form, 'email'), role: roleFrom(form) }, actor);
			return { done: `Role changed for ${field(form, 'email')}.` };
		}),
	deactivate: (event) =>
		adminAction(event, async (form, actor) => {
			const { db } = await database();
			await deactivateUser(db, { email: field(form, 'email') }, actor);
			return { done: `${field(form, 'email')} can no longer sign in.` };
		}),
	unlock: (event) =>
		adminAction(event, async (form, actor) => {
			const { db } = await database();
			await unlockUser(db, { email: field(form, 'email') }, actor);
			return { done: `${field(form, 'email')} is unlocked and active.` };
		}),
	reset: (event) =>
		adminAction(event, async (form, actor) => {
			const { db } = await database();
			const reset = await resetPassword(db, { email: field(form, 'email') }, actor);
			return { created: reset };
		})
};
