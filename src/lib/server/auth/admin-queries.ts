import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, users } from '../db/schema';

/** Accounts with their lock state, for the admin page. */
export async function listUsers(db: Db, { now = new Date() }: { now?: Date } = {}) {
	const rows = await db
		.select({
			id: users.id,
			email: users.email,
			role: users.role,
			active: users.active,
			failedSignIns: users.failedSignIns,
			lockedUntil: users.lockedUntil,
			createdAt: users.createdAt
		})
		.from(users)
		.orderBy(users.email);
	return rows.map((u) => ({
		...u,
		locked: u.lockedUntil !== null && u.lockedUntil > now,
		lockedUntil: u.lockedUntil?.toISOString() ?? null,
		createdAt: u.createdAt.toISOString()
	}));
}

/** Source addresses locked after repeated failed sign-ins. */
export interface AuditFilter {
	email?: string;
	action?: string;
	/** ISO dates, inclusive. */
	from?: string;
	to?: string;
	page?: number;
	pageSize?: number;
}

/** One page of the audit log, newest first, with the total for paging. */
export async function queryAuditLog(db: Db, { email, action, from, to, page = 1, pageSize = 50 }: AuditFilter) {
	const conditions: SQL[] = [];
	if (email) conditions.push(eq(auditEvents.actorEmail, email.trim().toLowerCase()));
	if (action) conditions.push(eq(auditEvents.action, action));
	if (from) conditions.push(gte(auditEvents.at, new Date(`${from}T00:00:00Z`)));
	if (to) conditions.push(lt(auditEvents.at, new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000)));
	const where = conditions.length ? and(...conditions) : undefined;
	const [{ total }] = await db.select({ total: count() }).from(auditEvents).where(where);
	const rows = await db
		.select()
		.from(auditEvents)
		.where(where)
		.orderBy(desc(auditEvents.at), desc(auditEvents.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	return { total, page, pageSize, events: rows.map((e) => ({ ...e, at: e.at.toISOString() })) };
}
