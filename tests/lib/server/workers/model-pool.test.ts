import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../src/lib/model/presets';
import { createModelPool, ModelBusyError, type ModelPool } from '../../../../src/lib/server/workers/model-pool';
import { runModelTask } from '../../../../src/lib/server/workers/model-task';
import { bundleWorker } from '../../../helpers/bundle-worker';

// The real worker, bundled as the production build bundles it.
let workerPath: string;
let pool: ModelPool;
const task = { scenario: PRESETS['lse-2022'].scenario, monteCarlo: { draws: 2_000, seed: 3 } };

beforeAll(async () => {
	workerPath = await bundleWorker('model-worker');
	pool = createModelPool({ workerPath, size: 1, perClient: 1, maxQueued: 2 });
});
afterAll(() => pool.close());

describe('the model worker pool', () => {
	it('runs tasks in a worker thread with the same results as inline', async () => {
		expect(pool.inline).toBe(false);
		expect(await pool.run(task, { client: 'a' })).toEqual(runModelTask(task));
	});

	it('refuses a client its second concurrent run, and a full queue, with ModelBusyError', async () => {
		const first = pool.run(task, { client: 'a' });
		await expect(pool.run(task, { client: 'a' })).rejects.toBeInstanceOf(ModelBusyError);
		const others = [pool.run(task, { client: 'b' }), pool.run(task, { client: 'c' })];
		await expect(pool.run(task, { client: 'd' })).rejects.toMatchObject({ reason: 'queue' });
		await Promise.all([first, ...others]);
		// Once finished, the client may run again.
		await expect(pool.run(task, { client: 'a' })).resolves.toBeDefined();
	});

	it('runs inline where no worker is named (development, unit tests); a worker named but missing is a broken build', async () => {
		expect(() => createModelPool({ workerPath: '/no/such/worker.js' })).toThrow(/no model run worker at \/no\/such\/worker.js/);
		const inline = createModelPool();
		expect(inline.inline).toBe(true);
		expect(await inline.run(task)).toEqual(runModelTask(task));
	});
});
