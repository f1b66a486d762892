import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryAuditLog } from '../../../src/lib/server/auth/admin-queries';
import { createUser } from '../../../src/lib/server/auth/users';
import {
	addVersion,
	builtOn,
	claimParts,
	FILE_PART_BYTES,
	latestVersion,
	listVersions,
	readFiles,
	readVersion,
	sweepUnstoredParts,
	UNSTORED_PART_MINUTES,
	withdrawVersion,
	type VersionProvenance
} from '../../../src/lib/server/datasets/registry';
import { sha256Hex } from '../../../src/lib/server/datasets/server-dataset';
import type { Db } from '../../../src/lib/server/db/client';
import { rowsOf } from '../../../src/lib/server/db/migrate';
import { createMigratedDatabase, KINDS } from '../../helpers/databases';

/** What a publish killed after writing some of a file's parts leaves: those parts, written `minutesAgo`. */
async function leaveParts(db: Db, file: Uint8Array, parts: number[], minutesAgo = 0) {
	for (const part of parts)
		await db.execute(
			sql`INSERT INTO dataset_file_parts (sha256, part, bytes, written_at) VALUES (${sha256Hex(file)}, ${part}, ${file.subarray(part * FILE_PART_BYTES, (part + 1) * FILE_PART_BYTES)}, now() - make_interval(mins => ${minutesAgo}::int))`
		);
}

/** Each stored part as `sha256/part`, sorted. */
async function partsHeld(db: Db) {
	const rows = rowsOf(await db.execute(sql`SELECT sha256, part FROM dataset_file_parts ORDER BY sha256, part`)) as { sha256: string; part: number }[];
	return rows.map((r) => `${r.sha256}/${r.part}`);
}

const provenance: VersionProvenance = { kind: 'upload', rules: ['test'], rows: { areas: 1, indicators: 1, observations: 1 } };
const bytes = (text: string) => new TextEncoder().encode(text);
const version = (label: string, shared = bytes('shared table')) => ({
	datasetId: 'local-test',
	title: 'Local test data',
	manifestText: JSON.stringify({ label }),
	files: new Map([
		['shared.arrow', shared],
		[`${label}.arrow`, bytes(`table ${label}`)]
	]),
	provenance
});

describe.each(KINDS)('the dataset registry on %s', (kind) => {
	it('numbers versions in order, stores each file once by content, and adds nothing for an identical manifest', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const user = await createUser(db, { email: 'analyst@example.org', role: 'analyst' }, {});
		const actor = { id: user.id, email: user.email, sourceAddress: '192.0.2.9' };
		expect(await addVersion(db, version('a'), actor)).toEqual({ datasetId: 'local-test', version: 1, created: true });
		expect(await addVersion(db, version('a'), actor)).toEqual({ datasetId: 'local-test', version: 1, created: false });
		expect(await addVersion(db, version('b'), actor)).toEqual({ datasetId: 'local-test', version: 2, created: true });
		const files = await readFiles(db, [sha256Hex(bytes('shared table')), sha256Hex(bytes('table a')), sha256Hex(bytes('table b'))]);
		expect([...files.values()].map((b) => new TextDecoder().decode(b)).sort()).toEqual(['shared table', 'table a', 'table b']);
		expect((await readVersion(db, { datasetId: 'local-test', version: 1 }))?.manifest).toBe(JSON.stringify({ label: 'a' }));
		const listed = await listVersions(db);
		expect(listed.map((v) => [v.datasetId, v.version, v.createdBy])).toEqual([
			['local-test', 2, 'analyst@example.org'],
			['local-test', 1, 'analyst@example.org']
		]);
		const audit = await queryAuditLog(db, { action: 'dataset_publish' });
		expect(audit.events.map((r) => r.target).sort()).toEqual(['dataset local-test version 1', 'dataset local-test version 2']);
		await close();
	});

	it('keeps a large table file byte for byte: stored as its bytes (not their hex) in parts of 1 MiB, read back the same', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		// Four parts and a little over: the last part is short.
		const large = new Uint8Array(4 * FILE_PART_BYTES + 1234).map((_, i) => (i * 7919 + (i >> 11)) % 256);
		const empty = new Uint8Array(0);
		await addVersion(
			db,
			{
				...version('large', large),
				files: new Map([
					['large.arrow', large],
					['empty.arrow', empty]
				])
			},
			{}
		);
		const [sha256, emptySha256] = [sha256Hex(large), sha256Hex(empty)];
		const read = await readFiles(db, [sha256, emptySha256, sha256Hex(bytes('never stored'))]);
		expect(Buffer.compare(read.get(sha256)!, large)).toBe(0);
		expect(read.get(emptySha256)).toEqual(new Uint8Array(0));
		expect(read.size).toBe(2);
		// What the database holds, by its own reckoning.
		const stored = rowsOf(
			await db.execute(
				sql`SELECT sha256, count(*) AS parts, max(octet_length(bytes)) AS largest, encode(sha256(string_agg(bytes, ''::bytea ORDER BY part)), 'hex') AS digest FROM dataset_file_parts GROUP BY sha256 ORDER BY parts`
			)
		) as { sha256: string; parts: number; largest: number; digest: string }[];
		expect(stored.map((r) => [r.sha256, Number(r.parts), Number(r.largest), r.digest])).toEqual([
			[emptySha256, 1, 0, emptySha256],
			[sha256, 5, FILE_PART_BYTES, sha256]
		]);
		await close();
	});

	it('reads no file whose parts were written by a publish that stopped before its version, and stores it whole when published again', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const large = new Uint8Array(2 * FILE_PART_BYTES + 5).map((_, i) => i % 253);
		const sha256 = sha256Hex(large);
		// What a publish killed after writing two of its three parts leaves.
		for (const part of [0, 1])
			await db.execute(
				sql`INSERT INTO dataset_file_parts (sha256, part, bytes) VALUES (${sha256}, ${part}, ${large.subarray(part * FILE_PART_BYTES, (part + 1) * FILE_PART_BYTES)})`
			);
		expect((await readFiles(db, [sha256])).size).toBe(0);
		expect(await listVersions(db)).toEqual([]);
		await addVersion(db, version('again', large), {});
		expect(Buffer.compare((await readFiles(db, [sha256])).get(sha256)!, large)).toBe(0);
		await close();
	});

	it('says which file is damaged when one of its parts is missing, rather than giving short bytes', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const large = new Uint8Array(2 * FILE_PART_BYTES + 10).fill(7);
		await addVersion(db, version('damaged', large), {});
		const sha256 = sha256Hex(large);
		await db.execute(sql`DELETE FROM dataset_file_parts WHERE sha256 = ${sha256} AND part = 2`);
		await expect(readFiles(db, [sha256])).rejects.toThrow(
			new RegExp(`table file ${sha256} is damaged: ${2 * FILE_PART_BYTES} of its ${large.byteLength} bytes`)
		);
		await close();
	});

	it('gives concurrent publishers distinct version numbers', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const results = await Promise.all(['p', 'q', 'r', 's'].map((label) => addVersion(db, version(label), {})));
		expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
		await close();
	});

	it('withdraws a version (audited, once): the latest is then the one before, and the withdrawn one stays listed', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const admin = await createUser(db, { email: 'admin@example.org', role: 'admin' }, {});
		await addVersion(db, version('a'), {});
		await addVersion(db, version('b'), {});
		expect(await latestVersion(db, 'local-test')).toBe(2);
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 2 }, 'wrong period', { id: admin.id, email: admin.email })).toEqual({
			withdrawn: [2]
		});
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 2 }, 'again', { id: admin.id })).toBe('already');
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 9 }, 'no such', { id: admin.id })).toBe('missing');
		expect(await latestVersion(db, 'local-test')).toBe(1);
		const listed = await listVersions(db);
		expect(listed[0].withdrawn).toMatchObject({ by: 'admin@example.org', reason: 'wrong period' });
		expect((await queryAuditLog(db, { action: 'dataset_withdraw' })).events).toHaveLength(1);
		expect(await latestVersion(db, 'nothing-here')).toBeUndefined();
		await close();
	});

	it('withdraws with a version the later ones built on it (they hold its rows), each audited, and leaves the others', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const on = (label: string, basedOn?: number) => ({
			...version(label),
			provenance: { ...provenance, basedOn: basedOn ? { datasetId: 'local-test', version: basedOn } : { datasetId: 'demo', version: 1 } }
		});
		// 1 on the demonstration data; 2 on 1; 3 on 2; 4 on 3; 5 on 1 (published after 2, 3 and 4 were withdrawn once
		// before, say); 6 on 4, transitively on 2.
		for (const [label, basedOn] of [['a'], ['b', 1], ['c', 2], ['d', 3], ['e', 1], ['f', 4]] as const) await addVersion(db, on(label, basedOn), {});
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 2 }, 'held a small count', { email: 'admin@example.org' })).toEqual({
			withdrawn: [2, 3, 4, 6]
		});
		const listed = (await listVersions(db)).filter((v) => v.datasetId === 'local-test');
		expect(listed.map((v) => [v.version, v.withdrawn?.reason ?? null])).toEqual([
			[6, 'Built on version 2, withdrawn: held a small count'],
			[5, null],
			[4, 'Built on version 2, withdrawn: held a small count'],
			[3, 'Built on version 2, withdrawn: held a small count'],
			[2, 'held a small count'],
			[1, null]
		]);
		expect(await latestVersion(db, 'local-test')).toBe(5);
		expect((await queryAuditLog(db, { action: 'dataset_withdraw' })).events.map((e) => e.target).sort()).toEqual(
			[2, 3, 4, 6].map((n) => `dataset local-test version ${n}`)
		);
		// Of the versions still on show, only 5 is built on version 1.
		expect(builtOn(listed, { datasetId: 'local-test', version: 1 })).toEqual([5]);
		await close();
	});

	it('sweeps the parts of files never stored once they are an hour old, and keeps stored files and fresh parts', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const [abandoned, recent, stored] = [3, 5, 11].map((seed) => new Uint8Array(FILE_PART_BYTES + 10).map((_, i) => (i * seed) % 256));
		await addVersion(db, version('stored', stored), {});
		// Even a stored file's parts go unwritten for years: its dataset_files row is what keeps them.
		await db.execute(sql`UPDATE dataset_file_parts SET written_at = now() - interval '3 years'`);
		await leaveParts(db, abandoned, [0, 1], UNSTORED_PART_MINUTES + 1);
		await leaveParts(db, recent, [0], UNSTORED_PART_MINUTES - 5);
		const before = await partsHeld(db);
		expect(await sweepUnstoredParts(db)).toEqual({ parts: 2, files: 1 });
		expect(await partsHeld(db)).toEqual(before.filter((p) => !p.startsWith(sha256Hex(abandoned))));
		expect(await sweepUnstoredParts(db)).toEqual({ parts: 0, files: 0 });
		expect(Buffer.compare((await readFiles(db, [sha256Hex(stored)])).get(sha256Hex(stored))!, stored)).toBe(0);
		// Publishing the abandoned and the recent file later stores both whole.
		await addVersion(
			db,
			{
				...version('later'),
				files: new Map([
					['a.arrow', abandoned],
					['r.arrow', recent]
				])
			},
			{}
		);
		const read = await readFiles(db, [sha256Hex(abandoned), sha256Hex(recent)]);
		expect([read.get(sha256Hex(abandoned)), read.get(sha256Hex(recent))].map((b, i) => Buffer.compare(b!, [abandoned, recent][i]))).toEqual([0, 0]);
		expect(await sweepUnstoredParts(db, { minutes: 0 })).toEqual({ parts: 0, files: 0 });
		await close();
	});

	it("claims a file's parts again in its version's transaction, writing any that a sweep removed since", async () => {
		const { db, close } = await createMigratedDatabase(kind);
		const file = new Uint8Array(2 * FILE_PART_BYTES + 77).map((_, i) => (i * 13) % 256);
		const sha256 = sha256Hex(file);
		// Parts 0 and 2 written long ago; part 1 swept away.
		await leaveParts(db, file, [0, 2], 10 * UNSTORED_PART_MINUTES);
		await db.transaction(async (tx) => {
			await claimParts(tx, new Map([[sha256, file]]));
			await tx.execute(sql`INSERT INTO dataset_files (sha256, size) VALUES (${sha256}, ${file.byteLength})`);
		});
		expect(Buffer.compare((await readFiles(db, [sha256])).get(sha256)!, file)).toBe(0);
		const fresh = rowsOf(await db.execute(sql`SELECT count(*) AS n FROM dataset_file_parts WHERE written_at > now() - interval '1 minute'`)) as { n: number }[];
		expect(Number(fresh[0].n)).toBe(3);
		await close();
	});

	it('refuses a dataset id that could not sit in a URL', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		await expect(addVersion(db, { ...version('a'), datasetId: '__proto__' }, {})).rejects.toThrow(/lower-case letters/);
		await expect(addVersion(db, { ...version('a'), datasetId: 'A/B' }, {})).rejects.toThrow(/lower-case letters/);
		await close();
	});
});

describe('the dataset registry on postgres, with another server sweeping', () => {
	it("leaves a file's parts alone when its sweep meets a publish's claim, waiting for it rather than storing the file short", async () => {
		const { db, close } = await createMigratedDatabase('postgres');
		const file = new Uint8Array(3 * FILE_PART_BYTES).map((_, i) => (i * 29) % 256);
		const sha256 = sha256Hex(file);
		// A publish retried long after the one that wrote these parts was killed.
		await leaveParts(db, file, [0, 1, 2], 2 * UNSTORED_PART_MINUTES);
		let sweep: Promise<{ parts: number; files: number }> | undefined;
		await db.transaction(async (tx) => {
			await claimParts(tx, new Map([[sha256, file]]));
			// Another server sweeps now, on its own connection: its snapshot still sees the parts as old and unstored.
			sweep = sweepUnstoredParts(db);
			// Wait until it is blocked on the rows this transaction has claimed, so the race is the one tested.
			for (let tries = 0; ; tries++) {
				const waiting = rowsOf(
					await db.execute(sql`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'delete from "dataset_file_parts"%'`)
				) as { n: number }[];
				if (Number(waiting[0].n) === 1) break;
				if (tries > 200) throw new Error('the sweep never waited for the claimed parts');
				await new Promise((resolve) => setTimeout(resolve, 25));
			}
			await tx.execute(sql`INSERT INTO dataset_files (sha256, size) VALUES (${sha256}, ${file.byteLength})`);
		});
		expect(await sweep).toEqual({ parts: 0, files: 0 });
		expect(Buffer.compare((await readFiles(db, [sha256])).get(sha256)!, file)).toBe(0);
		await close();
	});
});
