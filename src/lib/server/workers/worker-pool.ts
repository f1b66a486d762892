import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** The pool is full, or this client already has its share running: answer 429 and ask to retry. */
export class WorkerBusyError extends Error {
	constructor(
		readonly reason: 'client' | 'queue',
		message: string
	) {
		super(message);
		this.name = 'WorkerBusyError';
	}
}

/** A task failed where it ran: it threw, or its worker stopped (out of its memory, say). Answer 503, not 500. */
export class WorkerFailedError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'WorkerFailedError';
	}
}

export interface WorkerPoolOptions {
	/**
	 * Bundled worker script; without one (development, unit tests) tasks run inline on the main thread. A path
	 * that does not exist is a broken build, refused rather than quietly run inline.
	 */
	workerPath?: string;
	/** Worker threads; default one fewer than the cores (at least 1, at most 4), so the event loop keeps a core. */
	size?: number;
	/** Tasks waiting for a worker before new ones are refused. */
	maxQueued?: number;
	/** Tasks one client (by source address) may have running or waiting. */
	perClient?: number;
	/** Each worker's heap; past it the worker alone stops (its task fails), not the whole server. */
	heapMb?: number;
}

interface PoolKind<Task, Result> {
	/** What the work is, for messages ("model run"). */
	name: string;
	/** The function the worker runs, run inline when there is no worker. */
	run: (task: Task) => Result;
	/** The error for a client at its limit or a full queue. */
	busy: (reason: 'client' | 'queue') => WorkerBusyError;
}

interface Job<Task, Result> {
	task: Task;
	client: string;
	resolve: (value: Result) => void;
	reject: (error: Error) => void;
}

/**
 * Runs CPU-heavy work off the event loop in worker threads, with bounded concurrency, a bounded queue and a
 * per-client limit, so heavy requests cannot slow every other page. The worker script answers each message
 * with `serveTasks` (worker-thread.ts) and the same `run`.
 */
export function createWorkerPool<Task, Result>(
	{ name, run, busy }: PoolKind<Task, Result>,
	{ workerPath, size = Math.max(1, Math.min(4, availableParallelism() - 1)), maxQueued = 64, perClient = 4, heapMb }: WorkerPoolOptions = {}
) {
	if (workerPath && !existsSync(workerPath)) throw new Error(`no ${name} worker at ${workerPath}: run \`npm run build\``);
	const inline = !workerPath;
	const idle: Worker[] = [];
	const queue: Job<Task, Result>[] = [];
	const perClientCount = new Map<string, number>();
	const running = new Map<Worker, Job<Task, Result>>();
	let nextId = 0;
	let closed = false;

	const release = (client: string) => {
		const n = (perClientCount.get(client) ?? 1) - 1;
		if (n <= 0) perClientCount.delete(client);
		else perClientCount.set(client, n);
	};

	function spawn() {
		const worker = new Worker(workerPath!, heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {});
		worker.unref();
		worker.on('message', ({ result, error }: { id: number; result?: Result; error?: string }) => {
			const job = running.get(worker);
			running.delete(worker);
			if (job) {
				release(job.client);
				if (error) job.reject(new WorkerFailedError(`${name} failed: ${error}`));
				else job.resolve(result!);
			}
			idle.push(worker);
			pump();
		});
		worker.on('error', (error) => {
			const job = running.get(worker);
			running.delete(worker);
			if (job) {
				release(job.client);
				job.reject(new WorkerFailedError(`${name} failed: ${error.message}`, { cause: error }));
			}
		});
		// A worker that exits (out of memory, say) is replaced, and whatever it was running fails rather than hangs.
		worker.on('exit', () => {
			const job = running.get(worker);
			running.delete(worker);
			const at = idle.indexOf(worker);
			if (at >= 0) idle.splice(at, 1);
			if (job) {
				release(job.client);
				job.reject(new WorkerFailedError(`${name} failed: the worker stopped`));
			}
			if (!closed) idle.push(spawn());
			pump();
		});
		return worker;
	}

	function pump() {
		while (idle.length && queue.length) {
			const worker = idle.pop()!;
			const job = queue.shift()!;
			running.set(worker, job);
			worker.postMessage({ id: nextId++, task: job.task });
		}
	}

	if (!inline) for (let i = 0; i < size; i++) idle.push(spawn());

	return {
		inline,
		/** Runs a task for a client; rejects with the pool's busy error when the client or the queue is at its limit. */
		run(task: Task, { client = 'unknown' }: { client?: string } = {}): Promise<Result> {
			if (inline)
				return Promise.resolve()
					.then(() => run(task))
					.catch((error: Error) => {
						throw new WorkerFailedError(`${name} failed: ${error?.stack ?? error}`, { cause: error });
					});
			if ((perClientCount.get(client) ?? 0) >= perClient) return Promise.reject(busy('client'));
			if (queue.length >= maxQueued) return Promise.reject(busy('queue'));
			perClientCount.set(client, (perClientCount.get(client) ?? 0) + 1);
			return new Promise((resolve, reject) => {
				queue.push({ task, client, resolve, reject });
				pump();
			});
		},
		async close() {
			closed = true;
			await Promise.all([...idle, ...running.keys()].map((w) => w.terminate()));
		}
	};
}

export type WorkerPool<Task, Result> = ReturnType<typeof createWorkerPool<Task, Result>>;
