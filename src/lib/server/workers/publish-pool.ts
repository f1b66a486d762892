import { runPublishTask, type PublishTask, type PublishTaskResult } from '../datasets/publish-build';
import { createWorkerPool, WorkerBusyError, type WorkerPool, type WorkerPoolOptions } from './worker-pool';

/** Someone is already publishing from this account, or others are queued: answer 429 and ask to retry. */
export class PublishBusyError extends WorkerBusyError {
	constructor(reason: 'client' | 'queue') {
		super(
			reason,
			reason === 'client'
				? 'You are already publishing an upload; wait for it to finish, then try again.'
				: 'The server is publishing other uploads; try again in a minute.'
		);
		this.name = 'PublishBusyError';
	}
}

/**
 * Publish checks and building in one worker thread: a publish may hold 200,000 observations (seconds of work and
 * several hundred MB), so one runs at a time, four may wait, one per account.
 */
export const createPublishPool = (options: WorkerPoolOptions = {}) =>
	createWorkerPool<PublishTask, PublishTaskResult>(
		{ name: 'publishing', run: runPublishTask, busy: (reason) => new PublishBusyError(reason) },
		{ size: 1, maxQueued: 4, perClient: 1, ...options }
	);

export type PublishPool = WorkerPool<PublishTask, PublishTaskResult>;
