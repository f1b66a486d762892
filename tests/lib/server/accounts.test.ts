import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers, queryAuditLog } from '../../../src/lib/server/auth/admin-queries';
import { checkPasswordPolicy } from '../../../src/lib/server/auth/password';
import { createSession, revokeSession, SESSION_DAYS, validateSession } from '../../../src/lib/server/auth/sessions';
import { ACCOUNT_LOCK_AFTER, signIn, SIGN_IN_FAILED } from '../../../src/lib/server/auth/sign-in';
import { AccountError, changePassword, changeRole, createUser, deactivateUser, resetPassword, unlockUser } from '../../../src/lib/server/auth/users';
import type { Database } from '../../../src/lib/server/db/client';
import { sessions, users } from '../../../src/lib/server/db/schema';
import { createMigratedDatabase, KINDS } from '../../helpers/databases';

const PASSWORD = 'amber-kettle-orbit-9';
const DAY = 86_400_000;

describe('password policy', () => {
	it('needs 12 characters, not a common password, not the email', () => {
		expect(checkPasswordPolicy('short-one')).toMatch(/at least 12/);
		expect(checkPasswordPolicy('password1234')).toMatch(/common/);
		expect(checkPasswordPolicy('Password2025!!')).toMatch(/common/);
		expect(checkPasswordPolicy('qwertyuiop123')).toMatch(/common/);
		expect(checkPasswordPolicy('aaaaaaaaaaaaaa')).toMatch(/different characters/);
		expect(checkPasswordPolicy('jane.smith-is-great', { email: 'jane.smith@nhs.net' })).toMatch(/email/);
		expect(checkPasswordPolicy(PASSWORD)).toBeNull();
	});
});

describe.each(KINDS)('accounts on %s', (kind) => {
	let database: Database;
	const address = '192.0.2.10';
	const attempt = (email: string, password: string, sourceAddress = address, now?: Date) =>
		signIn(database.db, { email, password, sourceAddress, delayMs: 0, now });

	beforeAll(async () => {
		database = await createMigratedDatabase(kind);
	});
	afterAll(() => database.close());

	it('signs in with the right password, case-insensitive email, and audits it', async () => {
		await createUser(database.db, { email: 'Comm@Example.org', role: 'commissioner', password: PASSWORD }, {});
		const result = await attempt(' comm@example.ORG ', PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.user).toMatchObject({ email: 'comm@example.org', role: 'commissioner' });
		expect((await validateSession(database.db, result.token))?.user.email).toBe('comm@example.org');
		const audit = await queryAuditLog(database.db, { email: 'comm@example.org', action: 'sign_in' });
		expect(audit.total).toBe(1);
		expect(audit.events[0].sourceAddress).toBe(address);
	});

	it('gives the same message for a wrong password and an unknown email', async () => {
		const wrong = await attempt('comm@example.org', 'not-the-password-1', '192.0.2.11');
		const unknown = await attempt('nobody@example.org', PASSWORD, '192.0.2.11');
		expect(wrong).toMatchObject({ ok: false, message: SIGN_IN_FAILED });
		expect(unknown).toMatchObject({ ok: false, message: SIGN_IN_FAILED });
		expect((await queryAuditLog(database.db, { action: 'sign_in_failed' })).total).toBe(2);
	});

	it('locks an account after repeated failures, even against the right password, until an admin unlocks it', async () => {
		await createUser(database.db, { email: 'locked@example.org', role: 'viewer', password: PASSWORD }, {});
		for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) expect((await attempt('locked@example.org', `wrong-password-${i}`, '192.0.2.12')).ok).toBe(false);
		expect(await attempt('locked@example.org', PASSWORD, '192.0.2.12')).toMatchObject({ ok: false, message: SIGN_IN_FAILED });
		const listed = (await listUsers(database.db)).find((u) => u.email === 'locked@example.org')!;
		expect(listed.locked).toBe(true);
		expect((await queryAuditLog(database.db, { action: 'account_locked' })).total).toBe(1);
		// The lock runs out after 15 minutes...
		expect((await attempt('locked@example.org', PASSWORD, '192.0.2.12', new Date(Date.now() + 16 * 60_000))).ok).toBe(true);
		// ...or an admin lifts it.
		for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++) await attempt('locked@example.org', `wrong-password-${i}`, '192.0.2.13');
		await unlockUser(database.db, { email: 'locked@example.org' }, { email: 'admin@example.org' });
		expect((await attempt('locked@example.org', PASSWORD, '192.0.2.13')).ok).toBe(true);
	});

	it('slows a source address that tries many accounts, but never locks out a right password from it', async () => {
		// Behind a proxy every user shares one address: many failures from it must not stop a colleague signing in.
		const proxy = '198.51.100.7';
		for (let i = 0; i < 30; i++) await attempt(`guess${i}@example.org`, 'wrong-password-x', proxy);
		expect((await attempt('comm@example.org', PASSWORD, proxy)).ok).toBe(true);
		expect((await attempt('comm@example.org', PASSWORD, '198.51.100.8')).ok).toBe(true);
	});

	it('holds back repeated failures longer each time, up to 8 times the base delay', async () => {
		await createUser(database.db, { email: 'slow@example.org', role: 'viewer', password: PASSWORD }, {});
		const waits: number[] = [];
		for (let i = 0; i < 8; i++) {
			const result = await signIn(database.db, { email: 'slow@example.org', password: 'wrong-password-z', sourceAddress: '192.0.2.40', delayMs: 1 });
			waits.push(result.ok ? -1 : result.waitedMs);
		}
		expect(waits).toEqual([0, 0, 1, 2, 4, 8, 8, 8]);
	});

	it('slides a session forward and ends it after 30 days without use', async () => {
		const [user] = await database.db.select().from(users).where(eq(users.email, 'comm@example.org'));
		const start = new Date('2026-01-01T00:00:00Z');
		const { token, expiresAt } = await createSession(database.db, user.id, { now: start });
		expect(expiresAt.getTime() - start.getTime()).toBe(SESSION_DAYS * DAY);
		const later = new Date(start.getTime() + 10 * DAY);
		expect((await validateSession(database.db, token, { now: later }))?.expiresAt.getTime()).toBe(later.getTime() + SESSION_DAYS * DAY);
		// Unused for 31 days after that last use: gone, although 31 days is within 30 days of the slide.
		expect(await validateSession(database.db, token, { now: new Date(later.getTime() + (SESSION_DAYS + 1) * DAY) })).toBeNull();
		const other = await createSession(database.db, user.id, { now: start });
		expect(await validateSession(database.db, other.token, { now: new Date(start.getTime() + (SESSION_DAYS - 1) * DAY) })).not.toBeNull();
	});

	it('stores only a hash of the token, and revokes on sign-out', async () => {
		const [user] = await database.db.select().from(users).where(eq(users.email, 'comm@example.org'));
		const { token } = await createSession(database.db, user.id);
		const stored = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
		expect(stored.some((s) => s.id === token)).toBe(false);
		expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
		await revokeSession(database.db, token);
		expect(await validateSession(database.db, token)).toBeNull();
	});

	it('ends every session on a password change, checking the current password and the policy', async () => {
		await createUser(database.db, { email: 'change@example.org', role: 'viewer', password: PASSWORD }, {});
		const a = await attempt('change@example.org', PASSWORD);
		const b = await attempt('change@example.org', PASSWORD);
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		const actor = { id: a.user.id, email: a.user.email };
		await expect(changePassword(database.db, { userId: a.user.id, current: 'wrong-current-1', next: 'violet-harbour-lamp-4' }, actor)).rejects.toThrow(
			AccountError
		);
		await expect(changePassword(database.db, { userId: a.user.id, current: PASSWORD, next: 'password1234' }, actor)).rejects.toThrow(/common/);
		await changePassword(database.db, { userId: a.user.id, current: PASSWORD, next: 'violet-harbour-lamp-4' }, actor);
		expect(await validateSession(database.db, a.token)).toBeNull();
		expect(await validateSession(database.db, b.token)).toBeNull();
		expect((await attempt('change@example.org', 'violet-harbour-lamp-4')).ok).toBe(true);
		expect((await queryAuditLog(database.db, { action: 'password_change' })).total).toBe(1);
	});

	it('lets an admin change roles, reset passwords and deactivate, each audited', async () => {
		await createUser(database.db, { email: 'staff@example.org', role: 'viewer', password: PASSWORD }, {});
		const session = await attempt('staff@example.org', PASSWORD);
		const admin = { id: null, email: 'admin@example.org', sourceAddress: '203.0.113.1' };
		await changeRole(database.db, { email: 'staff@example.org', role: 'analyst' }, admin);
		expect((await listUsers(database.db)).find((u) => u.email === 'staff@example.org')?.role).toBe('analyst');
		const reset = await resetPassword(database.db, { email: 'staff@example.org' }, admin);
		if (session.ok) expect(await validateSession(database.db, session.token)).toBeNull();
		expect((await attempt('staff@example.org', reset.password)).ok).toBe(true);
		await deactivateUser(database.db, { email: 'staff@example.org' }, admin);
		expect((await attempt('staff@example.org', reset.password)).ok).toBe(false);
		const audit = (await queryAuditLog(database.db, { email: 'admin@example.org' })).events.filter((e) => e.target === 'staff@example.org');
		expect(audit.map((e) => e.action).sort()).toEqual(['password_reset', 'role_change', 'user_deactivate']);
		expect(audit.every((e) => e.sourceAddress === '203.0.113.1')).toBe(true);
		await expect(createUser(database.db, { email: 'staff@example.org', role: 'viewer' }, admin)).rejects.toThrow(/already exists/);
		await expect(createUser(database.db, { email: 'not-an-email', role: 'viewer' }, admin)).rejects.toThrow(/not an email/);
	});

	it('pages and filters the audit log', async () => {
		const all = await queryAuditLog(database.db, { pageSize: 5 });
		expect(all.total).toBeGreaterThan(10);
		expect(all.events).toHaveLength(5);
		const second = await queryAuditLog(database.db, { pageSize: 5, page: 2 });
		expect(second.events[0].id).not.toBe(all.events[0].id);
		expect(all.events[0].at >= all.events[4].at).toBe(true);
		const today = new Date().toISOString().slice(0, 10);
		expect((await queryAuditLog(database.db, { from: today, to: today })).total).toBe(all.total);
		expect((await queryAuditLog(database.db, { to: '2000-01-01' })).total).toBe(0);
	});
});
