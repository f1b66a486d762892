/**
 * Starts the production build for the end-to-end tests on a fresh embedded database with one account per
 * role (passwords below), as `npm start` would, in this process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createUser } from '../../src/lib/server/auth/users';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { E2E_PASSWORD, E2E_USERS } from './accounts';

const dataDir = mkdtempSync(join(tmpdir(), 'pmh-e2e-'));
const database = await openDatabase({ dataDir });
await migrate(database.db);
for (const [role, email] of Object.entries(E2E_USERS)) await createUser(database.db, { email, role: role as keyof typeof E2E_USERS, password: E2E_PASSWORD }, { email: 'e2e-setup' });
await database.close();

process.env.DATA_DIR = dataDir;
process.env.SIGN_IN_DELAY_MS ??= '0';
await import(pathToFileURL(resolve('build/index.js')).href);
