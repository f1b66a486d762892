/** Applies pending migrations to the configured database: `npm run db:migrate`. */
import { readConfig } from '../config';
import { openDatabase } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { migrate } from '../db/migrate';

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: 'npm run db:migrate' }).catch((error) => {
	if (!(error instanceof DataDirLockedError)) throw error;
	console.error(error.message);
	process.exit(2);
});
try {
	const { applied, alreadyApplied } = await migrate(database.db, { folder: config.migrationsDir });
	console.log(`${database.kind}: applied ${applied.length ? applied.join(', ') : 'nothing'}; ${alreadyApplied} already applied`);
} finally {
	await database.close();
}
