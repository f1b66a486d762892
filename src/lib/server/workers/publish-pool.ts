import { runPublishTask, type PublishTask, type PublishTaskResult } from '../datasets/publish-build';
import { createWorkerPool, WorkerBusyError, type WorkerPool, type WorkerPoolOptions } from './worker-pool';

/** This account already has three publishes going, or the queue is full: answer 429 and ask to retry. */
export class PublishBusyError extends WorkerBusyError {
	constructor(reason: 'client' | 'queue') {
		super(
			reason,
			reason === 'client'
				? 'You already have three uploads being published; wait for one to finish, then try again.'
				: 'The server is publishing other uploads; try again in a minute.'
		);
		this.name = 'PublishBusyError';
	}
}

/**
 * The publish worker's heap. A 195,300-observation publish needs under 200 MB; past this the worker alone stops and
 * the publish is answered 503, where a worker without a limit shares the process's and could take it down.
 */
export const PUBLISH_HEAP_MB = 2048;

/**
 * Publish checks and building in one worker thread: a publish may hold 200,000 observations (seconds of work and
 * several hundred MB), so one runs at a time and four may wait (each holding its body, up to 96 MiB), three at
 * most from one account.
 */
export const createPublishPool = (options: WorkerPoolOptions = {}) =>
	createWorkerPool<PublishTask, PublishTaskResult>(
		{ name: 'publishing', run: runPublishTask, busy: (reason) => new PublishBusyError(reason) },
		{ size: 1, maxQueued: 4, perClient: 3, heapMb: PUBLISH_HEAP_MB, ...options }
	);

export type PublishPool = WorkerPool<PublishTask, PublishTaskResult>;
