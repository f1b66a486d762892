import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { ROLES } from '$lib/auth/roles';
import { requireRole } from '$lib/server/auth/access';
import { listUsers, queryAuditLog } from '$lib/server/auth/admin-queries';
import { AccountError, changeRole, createUser, deactivateUser, resetPassword, unlockUser, type Actor } from '$lib/server/auth/users';
import { database } from '$lib/server/db';
import { sourceAddressOf } from '$lib/server/request';
import { parseForm } from '$lib/server/forms/parse-form';
import { accountForm, accountRoleForm } from '$lib/server/forms/schemas';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const AUDIT_ACTIONS = [
	'sign_in',
	'sign_in_failed',
	'sign_out',
	'password_change',
	'password_reset',
	'user_create',
	'role_change',
	'user_deactivate',
	'user_unlock',
	'account_locked'
];

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

/** Runs one admin action for a signed-in administrator on a form read by `schema`; form and account problems become form errors. */
async function adminAction<S extends v.GenericSchema, T>(event: RequestEvent, schema: S, run: (input: v.InferOutput<S>, actor: Actor) => Promise<T>) {
	const user = requireRole(event.locals, event.url, 'admin');
	const parsed = parseForm(schema, await readForm(event.request));
	if (!parsed.ok) {
		const [field, message] = Object.entries(parsed.errors)[0];
		return fail(400, { error: message, field });
	}
	try {
		return await run(parsed.value, { id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) });
	} catch (error) {
		if (error instanceof AccountError) return fail(400, { error: error.message, field: error.field ?? null });
		throw error;
	}
}

export const actions: Actions = {
	create: (event) =>
		adminAction(event, accountRoleForm, async ({ email, role }, actor) => {
			const { db } = await database();
			const created = await createUser(db, { email, role }, actor);
			return { created: { email: created.email, password: created.password } };
		}),
	role: (event) =>
		adminAction(event, accountRoleForm, async ({ email, role }, actor) => {
			const { db } = await database();
			await changeRole(db, { email, role }, actor);
			return { done: `Role changed for ${email}.` };
		}),
	deactivate: (event) =>
		adminAction(event, accountForm, async ({ email }, actor) => {
			const { db } = await database();
			await deactivateUser(db, { email }, actor);
			return { done: `${email} can no longer sign in.` };
		}),
	unlock: (event) =>
		adminAction(event, accountForm, async ({ email }, actor) => {
			const { db } = await database();
			await unlockUser(db, { email }, actor);
			return { done: `${email} is unlocked and active.` };
		}),
	reset: (event) =>
		adminAction(event, accountForm, async ({ email }, actor) => {
			const { db } = await database();
			const reset = await resetPassword(db, { email }, actor);
			return { created: reset };
		})
};
