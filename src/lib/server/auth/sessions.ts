import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Role } from '../../auth/roles';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';

export const SESSION_COOKIE = 'pmh_session';
export const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;
// Extending on every request would write on every page view; once a day is enough for a 30-day window.
const RENEW_AFTER_MS = DAY_MS;

export interface SessionUser {
	id: string;
	email: string;
	role: Role;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session; returns the token for the cookie. Only its SHA-256 is stored. */
export async function createSession(db: Db, userId: string, { sourceAddress, now = new Date() }: { sourceAddress?: string; now?: Date } = {}) {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
	await db.insert(sessions).values({ id: hashToken(token), userId, createdAt: now, expiresAt, sourceAddress });
	return { token, expiresAt };
}

/**
 * The user a token belongs to, or null when the token is unknown, expired, revoked or the account inactive.
 * Slides the expiry forward (at most once a day) so active users stay signed in.
 */
export async function validateSession(
	db: Db,
	token: string,
	{ now = new Date() }: { now?: Date } = {}
): Promise<{ user: SessionUser; expiresAt: Date; renewed: boolean } | null> {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const [row] = await db
		.select({ id: users.id, email: users.email, role: users.role, active: users.active, expiresAt: sessions.expiresAt })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
	if (!row || !row.active) return null;
	const user = { id: row.id, email: row.email, role: row.role };
	if (row.expiresAt.getTime() - now.getTime() >= SESSION_DAYS * DAY_MS - RENEW_AFTER_MS) return { user, expiresAt: row.expiresAt, renewed: false };
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
	await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
	return { user, expiresAt, renewed: true };
}

export async function revokeSession(db: Db, token: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** Ends every session of a user: on password change, reset and deactivation. */
export async function revokeUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Cookie options for the session token: httpOnly, SameSite=Lax, Secure whenever the app is served over HTTPS. */
export function sessionCookie(url: URL, expires: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', expires };
}
