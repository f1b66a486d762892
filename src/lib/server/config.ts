import { resolve } from 'node:path';

/**
 * Server configuration from the environment; see the README's configuration table. Read from `process.env`
 * rather than `$env` so command-line tools share it.
 */
export function readConfig(env: Record<string, string | undefined> = process.env) {
	return {
		/** Folder holding the demonstration dataset's manifest.json and Arrow files. */
		demoDataDir: resolve(env.DEMO_DATA_DIR || 'data/demo'),
		/** PostgreSQL connection string; when unset, the embedded PGlite database under `dataDir`. */
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: env.DATA_DIR || '.data',
		migrationsDir: resolve(env.MIGRATIONS_DIR || 'migrations'),
		/** Anonymous visitors may read the demonstration pages (default on; `PUBLIC_DEMO=false` turns it off). */
		publicDemo: !/^(0|false|no|off)$/i.test(env.PUBLIC_DEMO ?? 'true'),
		/** Email of the administrator created on first start, when there are no users. */
		adminEmail: (env.ADMIN_EMAIL || 'admin@localhost').toLowerCase(),
		/** Base delay after repeated failed sign-ins, in milliseconds (doubles with each failure). */
		signInDelayMs: Number(env.SIGN_IN_DELAY_MS ?? 250)
	};
}

export type Config = ReturnType<typeof readConfig>;
