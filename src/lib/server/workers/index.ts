import { createModelPool, type ModelPool } from './model-pool';

let pool: ModelPool | undefined;

/** The server's model pool, created on first use with the worker the production build bundles (MODEL_WORKER_PATH). */
export function modelPool(): ModelPool {
	pool ??= createModelPool({ workerPath: process.env.MODEL_WORKER_PATH });
	return pool;
}
