import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { createUser } from '../../../src/lib/server/auth/users';
import { publishUpload } from '../../../src/lib/server/datasets/publish';
import { listVersions, readFiles, readVersion, withdrawVersion } from '../../../src/lib/server/datasets/registry';
import { openDataset, type ServerDataset } from '../../../src/lib/server/datasets/server-dataset';
import { rowsOf } from '../../../src/lib/server/db/migrate';
import { createMigratedDatabase, KINDS } from '../../helpers/databases';
import { openBase, preparePayload } from '../../helpers/publish-payload';
import { demoDataset } from '../../helpers/demo-dataset';
import type { PublishPayload } from '../../../src/lib/upload/payload';
import type { Manifest } from '../../../src/lib/contract/manifest';
import type { Db } from '../../../src/lib/server/db/client';

async function openPublished(db: Db, ref: { datasetId: string; version: number }) {
	const row = (await readVersion(db, ref))!;
	const manifest = JSON.parse(row.manifest) as Manifest;
	const files = await readFiles(
		db,
		Object.values(manifest.tables).map((t) => t.sha256)
	);
	const byName = new Map(Object.values(manifest.tables).map((t) => [t.file, files.get(t.sha256)!]));
	return { manifest, dataset: await openDataset({ manifestText: row.manifest, readTable: async (f) => byName.get(f)!, ref }) };
}

describe('publishing an upload (PGlite, the server engine)', () => {
	it('adds an MHSDS file as a new version: its rows replace the base rows they match, the rest of the base is kept', async () => {
		const { db, close } = await createMigratedDatabase('pglite');
		const user = await createUser(db, { email: 'analyst@example.org', role: 'analyst' }, {});
		const base = await openBase();
		const payload = await preparePayload(base, 'mhsds-monthly.csv', 'north-west-mhsds');
		const result = await publishUpload(db, payload, base, { id: user.id, email: user.email });
		expect(result).toMatchObject({ ok: true, ref: { datasetId: 'north-west-mhsds', version: 1, created: true } });
		const { manifest, dataset } = await openPublished(db, { datasetId: 'north-west-mhsds', version: 1 });
		const reached = async (area: string, version: ServerDataset) =>
			(
				await version.engine.query(
					`SELECT value FROM observations WHERE indicator_id = 'pmh_specialist_access' AND area_code = $1 AND period = '2023/24' AND category_type = ''`,
					[area]
				)
			)[0]?.value;
		// Greater Manchester's 3,160 is rounded to 3,160; England's 57,215 is kept unrounded; others are the base's.
		expect(await reached('E54000057', dataset)).toBe(3160);
		expect(await reached('E92000001', dataset)).toBe(57215);
		expect(await reached('E54000011', dataset)).toBeNull();
		expect(await reached('E54000027', dataset)).toBe(await reached('E54000027', base));
		const baseRows = demoDataset().manifest.tables.observations.rows;
		// Five 2023/24 rows replaced (England, three ICBs, a region, England by ethnicity), one new period row added.
		expect(manifest.tables.observations.rows).toBe(baseRows + 1);
		expect(manifest.synthetic).toBe(true);
		expect(manifest.provenance.at(-1)).toMatch(/observations from "mhsds-monthly.csv"/);
		expect(manifest.provenance.join(' ')).not.toContain('analyst@example.org');
		await close();
	});

	it('keeps a Fingertips indicator and an area outside the reference, listed as local', async () => {
		const { db, close } = await createMigratedDatabase('pglite');
		const base = await openBase();
		const payload = await preparePayload(base, 'fingertips-export.csv', 'fingertips-test');
		// A part that a publish killed two hours ago wrote and never stored: this publish sweeps it.
		await db.execute(sql`INSERT INTO dataset_file_parts (sha256, part, bytes, written_at) VALUES ('abandoned', 0, '\\x00', now() - interval '2 hours')`);
		expect((await publishUpload(db, payload, base, {})).ok).toBe(true);
		expect(rowsOf(await db.execute(sql`SELECT part FROM dataset_file_parts WHERE sha256 = 'abandoned'`))).toEqual([]);
		const { manifest, dataset } = await openPublished(db, { datasetId: 'fingertips-test', version: 1 });
		const areas = tableFromIPC((await readFiles(db, [manifest.tables.areas.sha256])).get(manifest.tables.areas.sha256)!).toArray();
		expect(areas.find((a) => a.area_code === 'E08000003')).toMatchObject({ area_type: 'local', parent_code: 'E40000010', name: 'Manchester' });
		expect((await dataset.engine.query(`SELECT unit, synthetic FROM indicators WHERE indicator_id = 'fingertips_90001'`))[0]).toEqual({
			unit: 'percent',
			synthetic: false
		});
		await close();
	});

	it('adds the next version only onto the latest: a file checked against an older version, or a new dataset under a taken id, is refused with what to do', async () => {
		const { db, close } = await createMigratedDatabase('pglite');
		const demo = await openBase();
		expect((await publishUpload(db, await preparePayload(demo, 'mhsds-monthly.csv', 'chain'), demo, {})).ok).toBe(true);
		const v1 = (await openPublished(db, { datasetId: 'chain', version: 1 })).dataset;
		// Two files checked against version 1 (two analysts, or one page left open): the first becomes version 2.
		const first = await preparePayload(v1, 'fingertips-export.csv', 'chain');
		const second = await preparePayload(v1, 'perinatal-quarterly.csv', 'chain');
		expect(await publishUpload(db, first, v1, {})).toMatchObject({ ok: true, ref: { version: 2 } });
		// Built on version 1, the second would be a version 3 without version 2's Fingertips rows.
		const stale = await publishUpload(db, second, v1, {});
		expect(stale).toMatchObject({ ok: false, status: 409, errors: [{ path: 'basedOn' }] });
		if (!stale.ok)
			expect(stale.reason).toBe(
				'Nothing was published: version 2 of chain has been published since this file was checked against version 1, and a version built on 1 would leave out what 2 holds. Check the file again against version 2 and publish it then (the upload page checks it again by itself).'
			);
		// Checked again against version 2, it is published as version 3, which keeps version 2's rows.
		const v2 = (await openPublished(db, { datasetId: 'chain', version: 2 })).dataset;
		expect(await publishUpload(db, await preparePayload(v2, 'perinatal-quarterly.csv', 'chain'), v2, {})).toMatchObject({ ok: true, ref: { version: 3 } });
		const v3 = (await openPublished(db, { datasetId: 'chain', version: 3 })).dataset;
		expect(await v3.engine.query(`SELECT count(*)::INTEGER AS n FROM observations WHERE indicator_id = 'fingertips_90001'`)).toEqual([{ n: 7 }]);

		// A file checked against version 3, which is then withdrawn: not published on top of version 2.
		const onWithdrawn = await preparePayload(v3, 'fingertips-export.csv', 'chain');
		expect(await withdrawVersion(db, { datasetId: 'chain', version: 3 }, 'published by mistake', {})).toEqual({ withdrawn: [3] });
		const refused = await publishUpload(db, onWithdrawn, v3, {});
		expect(refused).toMatchObject({ ok: false, status: 409 });
		if (!refused.ok)
			expect(refused.reason).toMatch(/^Nothing was published: version 3 of chain, which this file was checked against, has been withdrawn since\./);

		// A new dataset under an id that is taken would otherwise become its next version, built on the demonstration data.
		const taken = await publishUpload(db, await preparePayload(demo, 'fingertips-export.csv', 'chain'), demo, {});
		expect(taken).toMatchObject({ ok: false, status: 409, errors: [{ path: 'datasetId' }] });
		if (!taken.ok) expect(taken.reason).toMatch(/^A dataset with the id chain already exists \(its latest version is 2\), so nothing was published\./);
		expect((await listVersions(db)).filter((v) => v.datasetId === 'chain').map((v) => v.version)).toEqual([3, 2, 1]);
		await close();
	});

	it.each(KINDS)('lets one of two publishes checked against the same version through at once, the other refused (%s)', async (kind) => {
		const { db, close } = await createMigratedDatabase(kind);
		const demo = await openBase();
		const [a, b] = await Promise.all(
			['mhsds-monthly.csv', 'fingertips-export.csv'].map(async (file) => publishUpload(db, await preparePayload(demo, file, 'same-id'), demo, {}))
		);
		expect([a.ok, b.ok].sort()).toEqual([false, true]);
		expect([a, b].find((r) => !r.ok)).toMatchObject({ status: 409, errors: [{ path: 'datasetId' }] });
		expect((await listVersions(db)).filter((v) => v.datasetId === 'same-id')).toHaveLength(1);
		await close();
	});

	const refusals: [string, (p: PublishPayload) => void, number, RegExp][] = [
		[
			'an unrounded count',
			(p) => void (p.observations.find((o) => o.areaCode === 'E54000057')!.count = 3161),
			422,
			/count is 3161, disclosure control gives 3160/
		],
		[
			'a suppressed row revealed',
			(p) =>
				Object.assign(
					p.observations.find((o) => o.areaCode === 'E54000011')!,
					{ suppressed: false, value: 3, count: 3 }
				),
			422,
			/disclosure control gives/
		],
		['an NHS number in a note', (p) => void (p.observations[0].note = 'see 943 476 5919'), 422, /NHS number/],
		['an email in the notes', (p) => void p.notes.push('ask jane.doe@example.org'), 422, /email address/],
		[
			'an indicator the base version holds, in another unit',
			(p) => void (p.indicators.find((i) => i.indicatorId === 'pmh_specialist_access')!.unit = 'percent'),
			400,
			/pmh_specialist_access is held in the base version as count, not percent/
		],
		['an area nobody defined', (p) => void (p.observations[0].areaCode = 'E54999999'), 400, /neither in the base version nor among the new areas/],
		// As JSON.parse reads it from a body: an own "__proto__" key.
		['a prototype key', (p) => void Object.defineProperty(p, '__proto__', { value: { admin: true }, enumerable: true }), 400, /unknown|__proto__|Invalid key/i],
		['the demo dataset as target', (p) => void (p.datasetId = 'demo'), 400, /not "demo"/]
	];
	it.each(refusals)('refuses %s, publishing nothing', async (_, tamper, status, message) => {
		const { db, close } = await createMigratedDatabase('pglite');
		const base = await openBase();
		const payload = structuredClone(await preparePayload(base, 'mhsds-monthly.csv', 'tamper-test'));
		tamper(payload);
		const result = await publishUpload(db, JSON.parse(JSON.stringify(payload)), base, {});
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.status).toBe(status);
			expect(`${result.reason} ${result.errors.map((e) => e.message).join(' ')}`).toMatch(message);
		}
		expect(await readVersion(db, { datasetId: 'tamper-test', version: 1 })).toBeUndefined();
		await close();
	});
});
