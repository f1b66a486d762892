/**
 * kill -9 of the server during bursts of saves and of upload publishing, again and again, on the embedded database
 * and on PostgreSQL: the server starts every time, every save and version it acknowledged is there afterwards, and
 * no half-written version is ever listed.
 */
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { openBase, preparePayload } from '../helpers/publish-payload';
import type { PublishPayload } from '../../src/lib/upload/payload';
import { createUser } from '../../src/lib/server/auth/users';
import { openDatabase, type DatabaseOptions } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { scenarios, scenarioVersions } from '../../src/lib/server/db/schema';
import { startPostgres } from '../helpers/postgres-cluster';
import { newDataDir, startServer, type RunningServer } from './production-server';

const EMAIL = 'saver@e2e.test';
const PASSWORD = 'durable-harbour-lamp-31';
const ROUNDS = 5;
const STREAMS = 6;

/** A seeded pseudo-random sequence, so the kill times repeat from run to run. */
function createRandom(seed: number) {
	return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

async function signIn(server: RunningServer): Promise<string> {
	const response = await fetch(`${server.url}/login`, {
		method: 'POST',
		body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
		headers: { origin: server.url, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/**
 * Saves from several streams at once until the server is killed, `killAfterMs` after its first acknowledgement (the
 * first save after a start takes about 0.7 s, as it opens the dataset for the area's figures: a fixed wait from the
 * start would sometimes kill it before any save, and test nothing); returns every save it acknowledged.
 */
async function saveUntilKilled(server: RunningServer, cookie: string, killAfterMs: number, round: number) {
	const acknowledged: string[] = [];
	let alive = true;
	let firstAcknowledged: () => void = () => {};
	const first = new Promise<void>((resolve) => (firstAcknowledged = resolve));
	const stream = async (n: number) => {
		for (let i = 0; alive; i++) {
			try {
				const response = await fetch(`${server.url}/scenarios?/save`, {
					method: 'POST',
					body: new URLSearchParams({
						title: `round ${round} stream ${n} save ${i}`,
						query: `area=E54000057&option=practitioners&practitioners.wte=${1 + (i % 50)}`
					}),
					headers: { origin: server.url, accept: 'text/html', cookie },
					redirect: 'manual'
				});
				const id = /^\/scenarios\/([0-9a-f-]{36})\?version=1$/.exec(response.headers.get('location') ?? '')?.[1];
				if (response.status === 303 && id) {
					acknowledged.push(id);
					firstAcknowledged();
				} else throw new Error(`save answered ${response.status}: ${await response.text()}`);
			} catch (error) {
				if (alive) throw error;
			}
		}
	};
	const streams = Array.from({ length: STREAMS }, (_, n) => stream(n));
	// A stream that fails ends the wait too; its error is then the test's (a refused save is not a kill).
	await Promise.race([first, Promise.all(streams), new Promise((resolve) => setTimeout(resolve, 60_000))]);
	await new Promise((resolve) => setTimeout(resolve, killAfterMs));
	alive = false;
	await server.kill();
	const settled = await Promise.allSettled(streams);
	for (const s of settled) if (s.status === 'rejected') throw s.reason;
	return acknowledged;
}

async function runRounds(env: Record<string, string>, database: DatabaseOptions) {
	const setup = await openDatabase({ ...database, purpose: 'durability set-up' });
	await migrate(setup.db);
	await createUser(setup.db, { email: EMAIL, role: 'commissioner', password: PASSWORD }, { email: 'test' });
	await setup.close();

	const random = createRandom(42);
	const acknowledged: string[] = [];
	let port: number | undefined;
	for (let round = 0; round < ROUNDS; round++) {
		const server = await startServer(env, { port });
		port = server.port;
		const cookie = await signIn(server);
		const saved = await saveUntilKilled(server, cookie, Math.floor(random() * 800), round);
		expect(saved.length, `round ${round} saved something before the kill`).toBeGreaterThan(0);
		acknowledged.push(...saved);
	}
	// It starts once more, and answers.
	const last = await startServer(env, { port });
	expect((await fetch(`${last.url}/`)).status).toBe(200);
	await last.stop();

	const check = await openDatabase({ ...database, purpose: 'durability check' });
	try {
		const ids = new Set((await check.db.select({ id: scenarios.id }).from(scenarios)).map((r) => r.id));
		const versions = new Set((await check.db.select({ id: scenarioVersions.scenarioId }).from(scenarioVersions)).map((r) => r.id));
		const missing = acknowledged.filter((id) => !ids.has(id) || !versions.has(id));
		expect(missing, `${missing.length} of ${acknowledged.length} acknowledged saves lost`).toEqual([]);
	} finally {
		await check.close();
	}
	return acknowledged.length;
}

/**
 * Publishes an upload (each time as a new dataset, so none is a repeat of the last) from several streams until the
 * server is killed, `killAfterMs` after its first acknowledgement (a first publish after a start can take longer
 * than a fixed wait: it loads the base dataset); returns the dataset ids it acknowledged (201).
 */
async function publishUntilKilled(server: RunningServer, cookie: string, payload: PublishPayload, killAfterMs: number, round: number) {
	const acknowledged: string[] = [];
	let alive = true;
	let firstAcknowledged: () => void = () => {};
	const first = new Promise<void>((resolve) => (firstAcknowledged = resolve));
	const stream = async (n: number) => {
		for (let i = 0; alive; i++) {
			const datasetId = `${PUBLISHED}-${round}-${n}-${i}`;
			try {
				const response = await fetch(`${server.url}/api/datasets`, {
					method: 'POST',
					body: new Uint8Array(gzipSync(JSON.stringify({ ...payload, datasetId }))),
					headers: { origin: server.url, cookie, 'content-type': 'application/json', 'content-encoding': 'gzip' }
				});
				const answer = await response.json();
				if (response.status === 201 && answer.datasetId === datasetId && answer.version === 1) {
					acknowledged.push(datasetId);
					firstAcknowledged();
				} else throw new Error(`publish answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
			} catch (error) {
				if (alive) throw error;
			}
		}
	};
	const streams = Array.from({ length: 3 }, (_, n) => stream(n));
	// A stream that fails ends the wait too (its error is the test's).
	await Promise.race([first, Promise.all(streams), new Promise((resolve) => setTimeout(resolve, 60_000))]);
	await new Promise((resolve) => setTimeout(resolve, killAfterMs));
	alive = false;
	await server.kill();
	await Promise.allSettled(streams);
	return acknowledged;
}

const PUBLISHED = 'kill-test';

/** Every listed version of the test's datasets is whole: its manifest and every file it names are served, each matching its SHA-256. */
async function expectWholeVersions(url: string, acknowledged: string[]) {
	const listed = ((await (await fetch(`${url}/api/datasets`)).json()).versions as { datasetId: string; version: number }[]).filter((v) =>
		v.datasetId.startsWith(PUBLISHED)
	);
	expect(acknowledged.filter((id) => !listed.some((v) => v.datasetId === id))).toEqual([]);
	for (const { datasetId, version } of listed) {
		const manifest = await fetch(`${url}/data/${datasetId}/${version}/manifest.json`);
		expect(manifest.status, `${datasetId} version ${version}'s manifest`).toBe(200);
		const tables = Object.values((await manifest.json()).tables) as { file: string; sha256: string }[];
		for (const table of tables) {
			const file = await fetch(`${url}/data/${datasetId}/${version}/${table.file}`);
			expect(file.status, `${datasetId} version ${version}'s ${table.file}`).toBe(200);
			expect(
				createHash('sha256')
					.update(Buffer.from(await file.arrayBuffer()))
					.digest('hex')
			).toBe(table.sha256);
		}
	}
	return listed.length;
}

async function publishRounds(env: Record<string, string>, database: DatabaseOptions) {
	const setup = await openDatabase({ ...database, purpose: 'durability set-up' });
	await migrate(setup.db);
	await createUser(setup.db, { email: EMAIL, role: 'analyst', password: PASSWORD }, { email: 'test' });
	await setup.close();
	const base = await openBase();
	const payload = await preparePayload(base, 'mhsds-monthly.csv', PUBLISHED);
	await base.engine.close();

	const random = createRandom(7);
	const acknowledged: string[] = [];
	let port: number | undefined;
	for (let round = 0; round < 3; round++) {
		const server = await startServer(env, { port });
		port = server.port;
		acknowledged.push(...(await publishUntilKilled(server, await signIn(server), payload, Math.floor(random() * 1_500), round)));
	}
	expect(acknowledged.length, 'publishes acknowledged before the kills').toBeGreaterThan(0);
	const last = await startServer(env, { port });
	try {
		return { acknowledged: acknowledged.length, versions: await expectWholeVersions(last.url, acknowledged) };
	} finally {
		await last.stop();
	}
}

test('embedded database: kill -9 while uploads are being published leaves only whole versions, every acknowledged one kept', async () => {
	test.setTimeout(180_000);
	const dataDir = newDataDir();
	const { acknowledged, versions } = await publishRounds({ DATA_DIR: dataDir }, { dataDir });
	console.log(`PGlite: 3 kills during publishing, ${acknowledged} acknowledged, ${versions} versions, all whole`);
});

test('PostgreSQL: kill -9 while uploads are being published leaves only whole versions, every acknowledged one kept', async () => {
	test.setTimeout(180_000);
	const cluster = await startPostgres({ fsync: true });
	try {
		const { acknowledged, versions } = await publishRounds({ DATABASE_URL: cluster.url }, { databaseUrl: cluster.url });
		console.log(`PostgreSQL: 3 kills during publishing, ${acknowledged} acknowledged, ${versions} versions, all whole`);
	} finally {
		cluster.stop();
	}
});

test('embedded database: repeated kill -9 during saves loses no acknowledged save', async () => {
	test.setTimeout(180_000);
	const dataDir = newDataDir();
	const count = await runRounds({ DATA_DIR: dataDir }, { dataDir });
	console.log(`PGlite: ${ROUNDS} kills, ${count} acknowledged saves, all present`);
});

test('PostgreSQL: repeated kill -9 of the server during saves loses no acknowledged save', async () => {
	test.setTimeout(180_000);
	const cluster = await startPostgres({ fsync: true });
	try {
		const count = await runRounds({ DATABASE_URL: cluster.url }, { databaseUrl: cluster.url });
		console.log(`PostgreSQL: ${ROUNDS} kills, ${count} acknowledged saves, all present`);
	} finally {
		cluster.stop();
	}
});
