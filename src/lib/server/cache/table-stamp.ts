import { count, max } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';

/**
 * A stamp of a table that changes whenever a row is added (its row count and the latest time in `createdAt`, or in
 * another time column, such as when a dataset version was withdrawn), for caching pages that show the table. Read at most once a second; `renew()` after a write through this process makes the
 * next read fresh at once, and a write through another server (several instances on PostgreSQL) shows within
 * the second.
 */
export function createTableStamp(table: PgTable, createdAt: PgColumn) {
	let stamp: { db: Db; at: number; value: Promise<string> } | undefined;
	return {
		read(db: Db, { now = Date.now() }: { now?: number } = {}): Promise<string> {
			if (stamp && stamp.db === db && now - stamp.at < 1000) return stamp.value;
			const value = db
				.select({ n: count(), latest: max(createdAt) })
				.from(table)
				.then(([row]) => `${row.n}:${row.latest instanceof Date ? row.latest.toISOString() : (row.latest ?? '')}`);
			stamp = { db, at: now, value };
			value.catch(() => stamp?.value === value && (stamp = undefined));
			return value;
		},
		renew(): void {
			stamp = undefined;
		}
	};
}
