import { runModelTask, type ModelTask, type ModelTaskResult } from './model-task';
import { createWorkerPool, WorkerBusyError, type WorkerPool, type WorkerPoolOptions } from './worker-pool';

/** A client already has four model runs going, or the queue is full: answer 429 and ask to retry. */
export class ModelBusyError extends WorkerBusyError {
	constructor(reason: 'client' | 'queue') {
		super(
			reason,
			reason === 'client'
				? 'You already have model runs in progress; wait for them to finish, then try again.'
				: 'The server is busy with other model runs; try again in a few seconds.'
		);
		this.name = 'ModelBusyError';
	}
}

/** Model work (results, tornado, Monte Carlo) in worker threads: cores minus one, 64 waiting, 4 per client. */
export const createModelPool = (options: WorkerPoolOptions = {}) =>
	createWorkerPool<ModelTask, ModelTaskResult>({ name: 'model run', run: runModelTask, busy: (reason) => new ModelBusyError(reason) }, options);

export type ModelPool = WorkerPool<ModelTask, ModelTaskResult>;
