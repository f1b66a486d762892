import { count, eq } from 'drizzle-orm';
import type { Role } from '../../auth/roles';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from './audit';
import { checkPasswordPolicy, createRandomPassword, hashPassword, verifyPassword } from './password';
import { revokeUserSessions } from './sessions';

/** Who did something, for the audit log. */
export interface Actor {
	id?: string | null;
	email?: string | null;
	sourceAddress?: string | null;
}

export class AccountError extends Error {
	constructor(
		message: string,
		readonly field?: string
	) {
		super(message);
		this.name = 'AccountError';
	}
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normaliseEmail(email: string): string {
	const normalised = email.trim().toLowerCase();
	if (!EMAIL.test(normalised) || normalised.length > 254) throw new AccountError(`"${email}" is not an email address`, 'email');
	return normalised;
}

async function findUser(db: Db, email: string) {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normaliseEmail(email)));
	if (!user) throw new AccountError(`no account for ${email}`, 'email');
	return user;
}

/** Creates an account. Without a password, a random one is generated and returned (shown once). */
export async function createUser(db: Db, { email, role, password }: { email: string; role: Role; password?: string }, actor: Actor) {
	const normalised = normaliseEmail(email);
	const chosen = password ?? createRandomPassword();
	const problem = checkPasswordPolicy(chosen, { email: normalised });
	if (problem) throw new AccountError(problem, 'password');
	const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, normalised));
	if (existing) throw new AccountError(`an account for ${normalised} already exists`, 'email');
	const [user] = await db
		.insert(users)
		.values({ email: normalised, role, passwordHash: await hashPassword(chosen) })
		.returning({ id: users.id });
	await recordAudit(db, {
		action: 'user_create',
		actorId: actor.id,
		actorEmail: actor.email,
		target: normalised,
		sourceAddress: actor.sourceAddress,
		detail: { role }
	});
	return { id: user.id, email: normalised, password: chosen };
}

export async function changeRole(db: Db, { email, role }: { email: string; role: Role }, actor: Actor) {
	const user = await findUser(db, email);
	await db.update(users).set({ role }).where(eq(users.id, user.id));
	await recordAudit(db, {
		action: 'role_change',
		actorId: actor.id,
		actorEmail: actor.email,
		target: user.email,
		sourceAddress: actor.sourceAddress,
		detail: { from: user.role, to: role }
	});
}

export async function deactivateUser(db: Db, { email }: { email: string }, actor: Actor) {
	const user = await findUser(db, email);
	if (user.id === actor.id) throw new AccountError('you cannot deactivate your own account', 'email');
	await db.update(users).set({ active: false }).where(eq(users.id, user.id));
	await revokeUserSessions(db, user.id);
	await recordAudit(db, { action: 'user_deactivate', actorId: actor.id, actorEmail: actor.email, target: user.email, sourceAddress: actor.sourceAddress });
}

/** Clears an account's lock and failure count, and any lock on the address it was locked from. */
export async function unlockUser(db: Db, { email }: { email: string }, actor: Actor) {
	const user = await findUser(db, email);
	await db.update(users).set({ lockedUntil: null, failedSignIns: 0, active: true }).where(eq(users.id, user.id));
	await recordAudit(db, { action: 'user_unlock', actorId: actor.id, actorEmail: actor.email, target: user.email, sourceAddress: actor.sourceAddress });
}

/** Sets a new random password (returned, shown once) and ends the user's sessions. */
export async function resetPassword(db: Db, { email }: { email: string }, actor: Actor) {
	const user = await findUser(db, email);
	const password = createRandomPassword();
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(password), passwordChangedAt: new Date(), failedSignIns: 0, lockedUntil: null })
		.where(eq(users.id, user.id));
	await revokeUserSessions(db, user.id);
	await recordAudit(db, { action: 'password_reset', actorId: actor.id, actorEmail: actor.email, target: user.email, sourceAddress: actor.sourceAddress });
	return { email: user.email, password };
}

/** A user's own password change: checks the current password and the policy, then ends every session. */
export async function changePassword(db: Db, { userId, current, next }: { userId: string; current: string; next: string }, actor: Actor) {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, current))) throw new AccountError('Your current password is not right.', 'current');
	const problem = checkPasswordPolicy(next, { email: user.email });
	if (problem) throw new AccountError(problem, 'next');
	if (await verifyPassword(user.passwordHash, next)) throw new AccountError('Choose a password different from your current one.', 'next');
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(next), passwordChangedAt: new Date() })
		.where(eq(users.id, user.id));
	await revokeUserSessions(db, user.id);
	await recordAudit(db, { action: 'password_change', actorId: actor.id, actorEmail: actor.email, target: user.email, sourceAddress: actor.sourceAddress });
}

/**
 * On first start with no users, creates an administrator with a random password and returns the credentials
 * for the caller to print once. Returns null when there are users already.
 */
export async function ensureFirstAdmin(db: Db, { email }: { email: string }) {
	const [{ n }] = await db.select({ n: count() }).from(users);
	if (n > 0) return null;
	return createUser(db, { email, role: 'admin' }, { email: 'system' });
}
