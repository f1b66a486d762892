import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryAuditLog } from '../../../src/lib/server/auth/admin-queries';
import { createUser } from '../../../src/lib/server/auth/users';
import {
	addVersion,
	FILE_PART_BYTES,
	latestVersion,
	listVersions,
	readFiles,
	readVersion,
	withdrawVersion,
	type VersionProvenance
} from '../../../src/lib/server/datasets/registry';
import { sha256Hex } from '../../../src/lib/server/datasets/server-dataset';
import { rowsOf } from '../../../src/lib/server/db/migrate';
import { createMigratedDatabase, KINDS } from '../../helpers/databases';

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
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 2 }, 'wrong period', { id: admin.id, email: admin.email })).toBe('withdrawn');
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 2 }, 'again', { id: admin.id })).toBe('already');
		expect(await withdrawVersion(db, { datasetId: 'local-test', version: 9 }, 'no such', { id: admin.id })).toBe('missing');
		expect(await latestVersion(db, 'local-test')).toBe(1);
		const listed = await listVersions(db);
		expect(listed[0].withdrawn).toMatchObject({ by: 'admin@example.org', reason: 'wrong period' });
		expect((await queryAuditLog(db, { action: 'dataset_withdraw' })).events).toHaveLength(1);
		expect(await latestVersion(db, 'nothing-here')).toBeUndefined();
		await close();
	});

	it('refuses a dataset id that could not sit in a URL', async () => {
		const { db, close } = await createMigratedDatabase(kind);
		await expect(addVersion(db, { ...version('a'), datasetId: '__proto__' }, {})).rejects.toThrow(/lower-case letters/);
		await expect(addVersion(db, { ...version('a'), datasetId: 'A/B' }, {})).rejects.toThrow(/lower-case letters/);
		await close();
	});
});
