import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquireDataDirLock } from './data-dir-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** A PostgreSQL connection string; when absent, an embedded PGlite database in `dataDir`. */
	databaseUrl?: string;
	/** Folder for the embedded database ('memory://' keeps it in memory, for tests). */
	dataDir?: string;
	/** What this process is, written in the embedded database's lock for anyone who finds it held. */
	purpose?: string;
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite. Same schema and migrations for both. */
export async function openDatabase({
	databaseUrl,
	dataDir = '.data',
	purpose = `node ${process.argv.slice(1).join(' ')}`
}: DatabaseOptions): Promise<Database> {
	if (databaseUrl) {
		const client = postgres(databaseUrl, { max: 10, onnotice: () => {} });
		return { db: drizzlePostgres(client, { schema }) as unknown as Db, kind: 'postgres', close: () => client.end() };
	}
	if (dataDir === 'memory://') {
		const client = new PGlite();
		await client.waitReady;
		return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
	}
	// One process per folder: a second PGlite on the same files corrupts them.
	const release = acquireDataDirLock(dataDir, { purpose });
	try {
		const path = `${dataDir.replace(/\/$/, '')}/pglite`;
		mkdirSync(path, { recursive: true });
		const client = new PGlite(path);
		await client.waitReady;
		return {
			db: drizzlePglite(client, { schema }) as unknown as Db,
			kind: 'pglite',
			close: async () => {
				try {
					await client.close();
				} finally {
					release();
				}
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}
