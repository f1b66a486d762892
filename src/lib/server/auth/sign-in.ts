import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInThrottles, users } from '../db/schema';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './password';
import { createSession, type SessionUser } from './sessions';

export const ACCOUNT_LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;

/** One message for every failure, so it never tells whether an email has an account. */
export const SIGN_IN_FAILED = `The email or password is not right, or there have been too many attempts. Try again, or after ${LOCK_MINUTES} minutes; an administrator can unlock an account.`;

export interface SignInOptions {
	email: string;
	password: string;
	sourceAddress: string;
	/** Base delay in ms after the third failure, doubling with each; 0 turns delays off. */
	delayMs?: number;
	now?: Date;
}

/** A failure says how long it was held back (ms), for the record and for tests. */
export type SignInResult = { ok: true; user: SessionUser; token: string; expiresAt: Date } | { ok: false; message: string; waitedMs: number };

let dummyHash: Promise<string> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks credentials with throttling and lockout, audits the outcome and starts a session. */
export async function signIn(db: Db, { email, password, sourceAddress, delayMs = 250, now = new Date() }: SignInOptions): Promise<SignInResult> {
	const normalised = email.trim().toLowerCase();
	const [user] = await db.select().from(users).where(eq(users.email, normalised));
	const accountLocked = user?.lockedUntil != null && user.lockedUntil > now;

	// Verify even when the answer is already no, so response time does not reveal whether the email exists.
	const valid = await verifyPassword(user?.passwordHash ?? (await (dummyHash ??= hashPassword('not a real password, for timing'))), password);
	// The source address only slows failures down (below): behind a proxy every user shares one address, so it
	// must never stop an account with the right password from signing in.
	if (user && user.active && valid && !accountLocked) {
		await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
		const { token, expiresAt } = await createSession(db, user.id, { sourceAddress, now });
		await recordAudit(db, { action: 'sign_in', actorId: user.id, actorEmail: user.email, sourceAddress });
		return { ok: true, user: { id: user.id, email: user.email, role: user.role }, token, expiresAt };
	}

	const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
	const [throttle] = await db
		.insert(signInThrottles)
		.values({ sourceAddress, failures: 1, lastFailureAt: now })
		.onConflictDoUpdate({
			target: signInThrottles.sourceAddress,
			// Failures older than the lock window are forgotten.
			set: {
				failures: sql`CASE WHEN ${signInThrottles.lastFailureAt} < ${new Date(now.getTime() - LOCK_MINUTES * 60_000).toISOString()}::timestamptz THEN 1 ELSE ${signInThrottles.failures} + 1 END`,
				lastFailureAt: now
			}
		})
		.returning();
	let accountFailures = 0;
	if (user) {
		accountFailures = user.failedSignIns + 1;
		const lock = accountFailures >= ACCOUNT_LOCK_AFTER && !accountLocked;
		await db
			.update(users)
			.set({ failedSignIns: accountFailures, ...(lock ? { lockedUntil: lockUntil } : {}) })
			.where(eq(users.id, user.id));
		if (lock)
			await recordAudit(db, { action: 'account_locked', actorId: user.id, actorEmail: user.email, sourceAddress, detail: { until: lockUntil.toISOString() } });
	}
	await recordAudit(db, { action: 'sign_in_failed', actorId: user?.id ?? null, actorEmail: normalised.slice(0, 200), sourceAddress });
	const failures = Math.max(accountFailures, throttle.failures);
	const waitedMs = delayMs > 0 && failures >= 3 ? Math.min(delayMs * 2 ** (failures - 3), delayMs * 8) : 0;
	if (waitedMs) await sleep(waitedMs);
	return { ok: false, message: SIGN_IN_FAILED, waitedMs };
}
