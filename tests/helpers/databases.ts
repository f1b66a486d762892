import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';

export type Kind = 'pglite' | 'postgres';
export const KINDS: Kind[] = ['pglite', 'postgres'];

/** A new, empty database of either kind: a PGlite folder, or a fresh database on the test PostgreSQL server. */
export async function createEmptyDatabase(kind: Kind): Promise<{ options: { databaseUrl?: string; dataDir?: string }; open: () => Promise<Database> }> {
	if (kind === 'pglite') {
		const dataDir = mkdtempSync(join(tmpdir(), 'pmh-pglite-'));
		return { options: { dataDir }, open: () => openDatabase({ dataDir }) };
	}
	const server = inject('postgresUrl');
	const name = `test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(server, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE ${name}`);
	await admin.end();
	const databaseUrl = server.replace(/\/postgres$/, `/${name}`);
	return { options: { databaseUrl }, open: () => openDatabase({ databaseUrl }) };
}

/** A new database of either kind with every migration applied. */
export async function createMigratedDatabase(kind: Kind): Promise<Database> {
	const { open } = await createEmptyDatabase(kind);
	const database = await open();
	await migrate(database.db);
	return database;
}
