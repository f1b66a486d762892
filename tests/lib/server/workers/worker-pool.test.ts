import { describe, expect, it } from 'vitest';
import { createWorkerPool, WorkerBusyError, WorkerFailedError } from '../../../../src/lib/server/workers/worker-pool';

const kind = {
	name: 'test work',
	run: (n: number) => {
		if (n < 0) throw new RangeError('negative');
		return n * 2;
	},
	busy: (reason: 'client' | 'queue') => new WorkerBusyError(reason, 'busy')
};

describe('a worker pool run inline (no worker named: development, unit tests)', () => {
	it('gives the task its answer, and a task that throws fails as WorkerFailedError, naming the work and the cause', async () => {
		const pool = createWorkerPool(kind);
		expect(pool.inline).toBe(true);
		expect(await pool.run(21)).toBe(42);
		const failed = pool.run(-1);
		await expect(failed).rejects.toBeInstanceOf(WorkerFailedError);
		await expect(failed).rejects.toThrow(/^test work failed: RangeError: negative/);
		await expect(failed.catch((error: Error) => error.cause)).resolves.toBeInstanceOf(RangeError);
	});

	it('refuses a worker that is named but missing (a broken build) rather than running inline', () => {
		expect(() => createWorkerPool(kind, { workerPath: '/no/such/worker.js' })).toThrow('no test work worker at /no/such/worker.js: run `npm run build`');
	});
});
