import { createModelPool, type ModelPool } from './model-pool';
import { createPublishPool, type PublishPool } from './publish-pool';

let models: ModelPool | undefined;
let publishing: PublishPool | undefined;

/** The server's model pool, created on first use with the worker the production build bundles (MODEL_WORKER_PATH). */
export function modelPool(): ModelPool {
	models ??= createModelPool({ workerPath: process.env.MODEL_WORKER_PATH });
	return models;
}

/** The publish worker (PUBLISH_WORKER_PATH, which the production server sets; inline without one). */
export function publishPool(): PublishPool {
	publishing ??= createPublishPool({ workerPath: process.env.PUBLISH_WORKER_PATH });
	return publishing;
}

/** Stops every worker started (at shutdown). */
export async function closeWorkerPools() {
	await Promise.all([models?.close(), publishing?.close()]);
}
