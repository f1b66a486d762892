import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** An arbitrary constant: the advisory lock every server takes while it checks and applies migrations. */
const MIGRATION_LOCK = 7_340_251;

interface Journal {
	entries: { idx: number; tag: string }[];
}

export interface MigrationResult {
	applied: string[];
	alreadyApplied: number;
}

/**
 * Applies the SQL migrations drizzle-kit generated into `folder`, in journal order, each at most once.
 * Everything happens in one transaction holding a PostgreSQL advisory lock, so servers starting together
 * against one database queue up: the first applies, the others find nothing left to do.
 */
export async function migrate(db: Db, { folder = 'migrations' }: { folder?: string } = {}): Promise<MigrationResult> {
	const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
	const migrations = [...journal.entries]
		.sort((a, b) => a.idx - b.idx)
		.map(({ tag }) => {
			const text = readFileSync(join(folder, `${tag}.sql`), 'utf8');
			return {
				tag,
				hash: createHash('sha256').update(text).digest('hex'),
				statements: text
					.split('--> statement-breakpoint')
					.map((s) => s.trim())
					.filter(Boolean)
			};
		});
	return db.transaction(async (tx) => {
		await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
		await tx.execute(sql`CREATE TABLE IF NOT EXISTS app_migrations (tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
		const done = await tx.execute<{ tag: string; hash: string }>(sql`SELECT tag, hash FROM app_migrations`);
		const applied = new Map((rowsOf(done) as { tag: string; hash: string }[]).map((r) => [r.tag, r.hash]));
		const result: MigrationResult = { applied: [], alreadyApplied: 0 };
		for (const migration of migrations) {
			const hash = applied.get(migration.tag);
			if (hash) {
				if (hash !== migration.hash) throw new Error(`migration ${migration.tag} was changed after it was applied; add a new migration instead of editing it`);
				result.alreadyApplied++;
				continue;
			}
			for (const statement of migration.statements) await tx.execute(sql.raw(statement));
			await tx.execute(sql`INSERT INTO app_migrations (tag, hash) VALUES (${migration.tag}, ${migration.hash})`);
			result.applied.push(migration.tag);
		}
		return result;
	});
}

/** postgres-js returns rows as the result itself; PGlite wraps them in `{ rows }`. */
export function rowsOf(result: unknown): unknown[] {
	return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}
