import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquireDataDirLock } from './data-dir-lock';
import * as schema from './schema';

/** PostgreSQL's type id for bytea. */
const BYTEA = 17;
/**
 * bytea to and from PostgreSQL's hex form by Node's own hex codec. PGlite's built-in ones go byte by byte in
 * JavaScript (an array of strings for every byte), which took seconds for the table files of a large version.
 */
const PGLITE_BYTES = {
	serializers: { [BYTEA]: (bytes: Uint8Array) => `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}` },
	parsers: { [BYTEA]: (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex')) }
};

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
		const client = new PGlite(PGLITE_BYTES);
		await client.waitReady;
		return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
	}
	// One process per folder: a second PGlite on the same files corrupts them.
	const release = acquireDataDirLock(dataDir, { purpose });
	try {
		const path = `${dataDir.replace(/\/$/, '')}/pglite`;
		mkdirSync(path, { recursive: true });
		const client = new PGlite({ dataDir: path, ...PGLITE_BYTES });
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
