import { readConfig } from '../config';
import { ensureFirstAdmin } from '../auth/users';
import { openDatabase, type Database } from './client';
import { migrate } from './migrate';

let opened: Promise<Database> | undefined;

/**
 * The app's database, opened once: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR.
 * Pending migrations are applied first; with no users yet, an administrator is created and its password
 * printed to the console this once.
 */
export function database(): Promise<Database> {
	opened ??= (async () => {
		const config = readConfig();
		const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
		const { applied } = await migrate(database.db, { folder: config.migrationsDir });
		if (applied.length) console.log(`database (${database.kind}): applied migrations ${applied.join(', ')}`);
		const admin = await ensureFirstAdmin(database.db, { email: config.adminEmail }).catch((error: Error) => {
			// Another server starting at the same moment may have created it.
			if (/unique|duplicate|already exists/i.test(String(error.message) + String((error.cause as Error)?.message))) return null;
			throw error;
		});
		if (admin) {
			console.log(`First start: created administrator ${admin.email} with password ${admin.password}`);
			console.log('This password is shown once. Sign in and change it at /account.');
		}
		return database;
	})().catch((error) => {
		opened = undefined;
		throw error;
	});
	return opened;
}
