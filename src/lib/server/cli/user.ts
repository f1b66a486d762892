/**
 * Manages accounts without the web UI, against the same database the server uses (DATABASE_URL or DATA_DIR):
 *
 *   npm run user -- add EMAIL [--role ROLE]       creates an account; prints a random password once
 *   npm run user -- role EMAIL ROLE               changes a role
 *   npm run user -- reset-password EMAIL          sets and prints a new random password; ends sessions
 *   npm run user -- deactivate EMAIL              stops the account signing in; ends sessions
 *   npm run user -- unlock EMAIL                  clears a lock after failed sign-ins
 *
 * With USER_PASSWORD set, `add` uses it instead of a random password (for scripted set-ups).
 * With the embedded database, PGlite allows one process per folder: while the server runs, this refuses with
 * a message naming the server's process (use /admin in the running server instead, or stop it first).
 */
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../../auth/roles';
import { AccountError, changeRole, createUser, deactivateUser, resetPassword, unlockUser } from '../auth/users';
import { readConfig } from '../config';
import { openDatabase } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { migrate } from '../db/migrate';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' } } });
const [command, email, roleArgument] = positionals;
const actor = { email: 'cli' };

function usage(message: string): never {
	console.error(
		`${message}\nusage: npm run user -- add EMAIL [--role ${ROLES.join('|')}] | role EMAIL ROLE | reset-password EMAIL | deactivate EMAIL | unlock EMAIL`
	);
	process.exit(2);
}

function toRole(value: string | undefined) {
	if (!isRole(value)) usage(`"${value ?? ''}" is not a role; choose one of ${ROLES.join(', ')}`);
	return value;
}

if (!command || !email) usage('say what to do and to which email');
const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: `npm run user -- ${command}` }).catch((error) => {
	if (!(error instanceof DataDirLockedError)) throw error;
	console.error(error.message);
	process.exit(2);
});
try {
	await migrate(database.db, { folder: config.migrationsDir });
	switch (command) {
		case 'add': {
			const created = await createUser(database.db, { email, role: toRole(values.role ?? 'viewer'), password: process.env.USER_PASSWORD || undefined }, actor);
			console.log(process.env.USER_PASSWORD ? `created ${created.email}` : `created ${created.email} with password ${created.password} (shown once)`);
			break;
		}
		case 'role':
			await changeRole(database.db, { email, role: toRole(roleArgument ?? values.role) }, actor);
			console.log(`${email} now has the ${roleArgument ?? values.role} role`);
			break;
		case 'reset-password': {
			const reset = await resetPassword(database.db, { email }, actor);
			console.log(`new password for ${reset.email}: ${reset.password} (shown once; their sessions have ended)`);
			break;
		}
		case 'deactivate':
			await deactivateUser(database.db, { email }, actor);
			console.log(`${email} is deactivated`);
			break;
		case 'unlock':
			await unlockUser(database.db, { email }, actor);
			console.log(`${email} is unlocked`);
			break;
		default:
			usage(`unknown command "${command}"`);
	}
} catch (error) {
	if (!(error instanceof AccountError)) throw error;
	console.error(error.message);
	process.exitCode = 1;
} finally {
	await database.close();
}
