/** Applies pending migrations to the configured database: `npm run db:migrate`. */
import { readConfig } from '../config';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
	const { applied, alreadyApplied } = await migrate(database.db, { folder: config.migrationsDir });
	console.log(`${database.kind}: applied ${applied.length ? applied.join(', ') : 'nothing'}; ${alreadyApplied} already applied`);
} finally {
	await database.close();
}
