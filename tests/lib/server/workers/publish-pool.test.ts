import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPublishTask, type PublishBase, type PublishTask } from '../../../../src/lib/server/datasets/publish-build';
import { publishBase } from '../../../../src/lib/server/datasets/publish';
import { createPublishPool, PublishBusyError, type PublishPool } from '../../../../src/lib/server/workers/publish-pool';
import { WorkerFailedError } from '../../../../src/lib/server/workers/worker-pool';
import { bundleWorker } from '../../../helpers/bundle-worker';
import { openBase, preparePayload } from '../../../helpers/publish-payload';
import type { PublishPayload } from '../../../../src/lib/upload/payload';

// The real worker, bundled as the production build bundles it, on the demonstration data as the server stores it.
let pool: PublishPool;
let base: PublishBase;
let payload: PublishPayload;

/** A request body as the route hands it over: JSON bytes in a SharedArrayBuffer. */
function shared(value: unknown): Uint8Array {
	const bytes = new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
	const body = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
	body.set(bytes);
	return body;
}

const build = (body: unknown): PublishTask => ({ kind: 'build', body, base, when: '2026-12-04' });

beforeAll(async () => {
	const server = await openBase();
	base = await publishBase(server);
	payload = await preparePayload(server, 'mhsds-monthly.csv', 'worker-test');
	pool = createPublishPool({ workerPath: await bundleWorker('publish-worker') });
});
afterAll(() => pool.close());

describe('the publish worker', () => {
	it('builds in a worker thread exactly the version the server builds inline, byte for byte', async () => {
		expect(pool.inline).toBe(false);
		const inWorker = await pool.run(build(shared(payload)), { client: 'a' });
		const inline = runPublishTask(build(shared(payload)));
		if (!('files' in inWorker) || !('files' in inline)) throw new Error(`not built: ${JSON.stringify(inWorker).slice(0, 300)}`);
		expect({ ...inWorker, files: [] }).toEqual({ ...inline, files: [] });
		// (Compared as buffers: toEqual walks typed arrays element by element, seconds for these.)
		expect(inWorker.files.map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')])).toStrictEqual(
			inline.files.map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')])
		);
		expect(inWorker.files.map(([name]) => name.replace(/\.[0-9a-f]{16}\.arrow$/, ''))).toEqual(['areas', 'indicators', 'observations']);
		// The base's rows, less the five replaced, plus the six uploaded.
		expect(inWorker.rows.observations).toBe(base.manifest.tables.observations.rows + 1);
	});

	it('reads which version a body is based on, and refuses a body that is not one JSON object, saying why', async () => {
		expect(await pool.run({ kind: 'read', body: shared(payload) })).toEqual({ ok: true, basedOn: { datasetId: 'demo', version: '1' } });
		expect(await pool.run({ kind: 'read', body: shared('{"basedOn": ') })).toMatchObject({ ok: false, status: 400, reason: /not valid JSON/ });
		expect(await pool.run({ kind: 'read', body: shared('[1, 2]') })).toMatchObject({ ok: false, status: 400, reason: /one JSON object/ });
		// Bytes that are not UTF-8 are read as replacement characters, so the JSON is invalid, not a crash.
		expect(await pool.run({ kind: 'read', body: new Uint8Array([0xff, 0xfe, 0x7b]) })).toMatchObject({ ok: false, status: 400 });
	});

	it('parses a body once: the build that follows its read, with the same token, uses what the read parsed', async () => {
		const body = shared(payload);
		expect((await pool.run({ kind: 'read', body, token: 'publish-1' })).ok).toBe(true);
		// Were the build to parse the bytes again it would find these, not JSON.
		body.fill(0x20, 0, 16);
		const built = await pool.run({ ...build(body), token: 'publish-1' });
		expect(built.ok).toBe(true);
		// Without its read just before, the same bytes are parsed, and refused.
		expect(await pool.run({ ...build(body), token: 'publish-1' })).toMatchObject({ ok: false, status: 400, reason: /not valid JSON/ });
		expect(await pool.run({ ...build(body), token: 'another' })).toMatchObject({ ok: false, status: 400 });
	});

	it('refuses a tampered table in the worker as inline, and a body that names another base than it was checked against', async () => {
		const tampered = structuredClone(payload);
		tampered.observations.find((o) => o.areaCode === 'E54000057')!.count = 3161;
		const refused = await pool.run(build(shared(tampered)));
		expect(refused).toMatchObject({ ok: false, status: 422, errors: [{ message: /count is 3161, disclosure control gives 3160/ }] });
		expect(refused).toEqual(runPublishTask(build(shared(tampered))));
		const elsewhere = { ...payload, basedOn: { datasetId: 'demo', version: 2 } };
		expect(await pool.run(build(shared(elsewhere)))).toMatchObject({ ok: false, status: 400, reason: /not the version it was checked against/ });
	});

	it('runs one publish at a time: an account may have three going, a fourth is asked to wait, and a full queue says so', async () => {
		const three = [1, 2, 3].map(() => pool.run(build(shared(payload)), { client: 'analyst-1' }));
		await expect(pool.run(build(shared(payload)), { client: 'analyst-1' })).rejects.toBeInstanceOf(PublishBusyError);
		await expect(pool.run(build(shared(payload)), { client: 'analyst-1' })).rejects.toThrow(/already have three uploads being published/);
		// One running and four waiting: the queue is full for anyone.
		const others = [pool.run(build(shared(payload)), { client: 'analyst-2' }), pool.run(build(shared(payload)), { client: 'analyst-3' })];
		await expect(pool.run(build(shared(payload)), { client: 'analyst-4' })).rejects.toThrow(/publishing other uploads/);
		expect((await Promise.all([...three, ...others])).map((r) => r.ok)).toEqual([true, true, true, true, true]);
		expect((await pool.run(build(shared(payload)), { client: 'analyst-1' })).ok).toBe(true);
	});

	it('stops only the worker when a publish passes its heap: that publish fails as such, and the next one runs', async () => {
		const small = createPublishPool({ workerPath: await bundleWorker('publish-worker'), heapMb: 128 });
		try {
			// 4,000,000 small objects each holding an array: 48 MB of JSON, far more than 128 MB once parsed.
			const crowded = shared(`{"basedOn":{"datasetId":"demo","version":1},"observations":[${Array(4_000_000).fill('{"a":[1,2]}').join(',')}]}`);
			await expect(small.run({ kind: 'read', body: crowded })).rejects.toBeInstanceOf(WorkerFailedError);
			await expect(small.run({ kind: 'read', body: crowded })).rejects.toThrow(/memory limit/);
			expect(await small.run({ kind: 'read', body: shared(payload) })).toMatchObject({ ok: true });
		} finally {
			await small.close();
		}
	});
});
