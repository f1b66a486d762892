import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, ensureFirstAdmin } from '../../../src/lib/server/auth/users';
import { FILE_PART_BYTES, readFiles } from '../../../src/lib/server/datasets/registry';
import { sha256Hex } from '../../../src/lib/server/datasets/server-dataset';
import { migrate, rowsOf } from '../../../src/lib/server/db/migrate';
import { users } from '../../../src/lib/server/db/schema';
import { createEmptyDatabase, KINDS } from '../../helpers/databases';

const journal = JSON.parse(readFileSync('migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };

describe.each(KINDS)('database on %s', (kind) => {
	it('applies every migration once, and nothing on a second run', async () => {
		const { open } = await createEmptyDatabase(kind);
		const database = await open();
		expect((await migrate(database.db)).applied).toEqual(journal.entries.map((e) => e.tag));
		expect(await migrate(database.db)).toEqual({ applied: [], alreadyApplied: journal.entries.length });
		const tables = rowsOf(await database.db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`));
		expect(tables.map((t) => (t as { table_name: string }).table_name)).toEqual([
			'app_migrations',
			'audit_events',
			'dataset_file_parts',
			'dataset_files',
			'dataset_versions',
			'datasets',
			'reports',
			'scenario_versions',
			'scenarios',
			'sessions',
			'sign_in_throttles',
			'users'
		]);
		await database.close();
	});

	it('refuses a migration edited after it was applied', async () => {
		const { open } = await createEmptyDatabase(kind);
		const database = await open();
		await migrate(database.db);
		const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
		cpSync('migrations', folder, { recursive: true });
		const first = join(folder, `${journal.entries[0].tag}.sql`);
		writeFileSync(first, readFileSync(first, 'utf8') + '\n-- edited\n');
		await expect(migrate(database.db, { folder })).rejects.toThrow(/was changed after it was applied/);
		await database.close();
	});

	it('moves table files stored whole (before 0005_dataset_file_parts) into parts, byte for byte', async () => {
		const { open } = await createEmptyDatabase(kind);
		const database = await open();
		const before = mkdtempSync(join(tmpdir(), 'migrations-'));
		cpSync('migrations', before, { recursive: true });
		const upTo = journal.entries.findIndex((e) => e.tag === '0005_dataset_file_parts');
		writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
		await migrate(database.db, { folder: before });
		const files = [new Uint8Array(2 * FILE_PART_BYTES + 99).map((_, i) => (i * 31) % 251), new Uint8Array(0), new TextEncoder().encode('small')];
		for (const bytes of files)
			await database.db.execute(sql`INSERT INTO dataset_files (sha256, bytes, size) VALUES (${sha256Hex(bytes)}, ${bytes}, ${bytes.byteLength})`);
		expect((await migrate(database.db)).applied).toEqual(journal.entries.slice(upTo).map((e) => e.tag));
		const read = await readFiles(
			database.db,
			files.map((f) => sha256Hex(f))
		);
		for (const bytes of files) expect(Buffer.compare(read.get(sha256Hex(bytes))!, bytes)).toBe(0);
		const parts = rowsOf(await database.db.execute(sql`SELECT count(*) AS n FROM dataset_file_parts`)) as { n: number }[];
		expect(Number(parts[0].n)).toBe(3 + 1 + 1);
		await database.close();
	});

	it('creates the first administrator once', async () => {
		const { open } = await createEmptyDatabase(kind);
		const database = await open();
		await migrate(database.db);
		const admin = await ensureFirstAdmin(database.db, { email: 'admin@localhost' });
		expect(admin?.password).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(await ensureFirstAdmin(database.db, { email: 'admin@localhost' })).toBeNull();
		const rows = await database.db.select().from(users);
		expect(rows.map((u) => [u.email, u.role])).toEqual([['admin@localhost', 'admin']]);
		expect(rows[0].passwordHash).toMatch(/^\$argon2id\$/);
		await database.close();
	});
});

describe('PGlite', () => {
	it('keeps data across a restart', async () => {
		const { open } = await createEmptyDatabase('pglite');
		const first = await open();
		await migrate(first.db);
		await createUser(first.db, { email: 'kept@example.org', role: 'analyst' }, {});
		await first.close();
		const second = await open();
		expect((await migrate(second.db)).applied).toEqual([]);
		expect((await second.db.select().from(users)).map((u) => u.email)).toEqual(['kept@example.org']);
		await second.close();
	});
});

describe('PostgreSQL', () => {
	it('applies each migration exactly once when two servers start together', async () => {
		const { open } = await createEmptyDatabase('postgres');
		const [a, b] = await Promise.all([open(), open()]);
		const results = await Promise.all([migrate(a.db), migrate(b.db)]);
		expect(results.map((r) => r.applied.length).sort()).toEqual([0, journal.entries.length]);
		const recorded = rowsOf(await a.db.execute(sql`SELECT tag FROM app_migrations`));
		expect(recorded).toHaveLength(journal.entries.length);
		await Promise.all([a.close(), b.close()]);
	});
});
