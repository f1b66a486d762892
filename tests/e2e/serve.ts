/**
 * Starts the production build for the end-to-end tests as `npm start` does (`node build/server.js`, no
 * ORIGIN, no other settings), on a fresh embedded database seeded with one account per role (passwords in
 * accounts.ts). Only PORT and DATA_DIR differ from a newcomer's first run.
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

const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
for (const name of ['ORIGIN', 'PROTOCOL_HEADER', 'HOST', 'HOST_HEADER', 'ADDRESS_HEADER']) delete env[name];
const server = spawn(process.execPath, ['build/server.js'], { env, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
