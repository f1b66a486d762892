/**
 * Starts the production build for the end-to-end tests as `npm start` does (`node build/server.js` with none of
 * the README's settings), on a fresh embedded database seeded with one account per role (passwords in
 * accounts.ts). Only PORT and DATA_DIR differ from a newcomer's first run: the server gets the machine's own
 * variables (below) and nothing else from the shell that runs the tests, so no setting there can hide what a
 * newcomer meets (sign-in over plain http, the embedded database, the default limits).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../../src/lib/server/auth/users';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { E2E_PASSWORD, E2E_USERS } from './accounts';

const dataDir = mkdtempSync(join(tmpdir(), 'pmh-e2e-'));
const database = await openDatabase({ dataDir, purpose: 'e2e set-up' });
await migrate(database.db);
for (const [role, email] of Object.entries(E2E_USERS))
	await createUser(database.db, { email, role: role as keyof typeof E2E_USERS, password: E2E_PASSWORD }, { email: 'e2e-setup' });
await database.close();

/** What the machine itself provides, not the app's settings: where programs are, the home folder, time zone, locale. */
const MACHINE = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'CHROMIUM_PATH'];
const env: NodeJS.ProcessEnv = {
	...Object.fromEntries(MACHINE.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]])),
	PORT: process.env.PORT,
	DATA_DIR: dataDir
};
const server = spawn(process.execPath, ['build/server.js'], { env, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
