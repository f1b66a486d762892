import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runModelTask, type ModelTask, type ModelTaskResult } from './model-task';

/** The pool is full, or this client already has its share running: answer 429 and ask to retry. */
export class ModelBusyError extends Error {
	constructor(readonly reason: 'client' | 'queue') {
		super(
			reason === 'client'
				? 'You already have model runs in progress; wait for them to finish, then try again.'
				: 'The server is busy with other model runs; try again in a few seconds.'
		);
		this.name = 'ModelBusyError';
	}
}

export interface ModelPoolOptions {
	/** Bundled worker script; without one (development, unit tests) tasks run inline on the main thread. */
	workerPath?: string;
	/** Worker threads; default one fewer than the cores (at least 1), so the event loop keeps a core. */
	size?: number;
	/** Tasks waiting for a worker before new ones are refused. */
	maxQueued?: number;
	/** Tasks one client (by source address) may have running or waiting. */
	perClient?: number;
}

interface Job {
	task: ModelTask;
	client: string;
	resolve: (value: ModelTaskResult) => void;
	reject: (error: Error) => void;
}

/**
 * Runs model work off the event loop in worker threads, with bounded concurrency, a bounded queue and a
 * per-client limit, so heavy requests cannot slow every other page.
 */
export function createModelPool({
	workerPath,
	size = Math.max(1, Math.min(4, availableParallelism() - 1)),
	maxQueued = 64,
	perClient = 4
}: ModelPoolOptions = {}) {
	const inline = !workerPath || !existsSync(workerPath);
	const idle: Worker[] = [];
	const queue: Job[] = [];
	const perClientCount = new Map<string, number>();
	const running = new Map<Worker, Job>();
	let nextId = 0;
	let closed = false;

	const release = (client: string) => {
		const n = (perClientCount.get(client) ?? 1) - 1;
		if (n <= 0) perClientCount.delete(client);
		else perClientCount.set(client, n);
	};

	function spawn() {
		const worker = new Worker(workerPath!);
		worker.unref();
		worker.on('message', ({ result, error }: { id: number; result?: ModelTaskResult; error?: string }) => {
			const job = running.get(worker);
			running.delete(worker);
			if (job) {
				release(job.client);
				if (error) job.reject(new Error(`model run failed: ${error}`));
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
				job.reject(error);
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
		/** Runs a task for a client; rejects with ModelBusyError when the client or the queue is at its limit. */
		run(task: ModelTask, { client = 'unknown' }: { client?: string } = {}): Promise<ModelTaskResult> {
			if (inline) return Promise.resolve().then(() => runModelTask(task));
			if ((perClientCount.get(client) ?? 0) >= perClient) return Promise.reject(new ModelBusyError('client'));
			if (queue.length >= maxQueued) return Promise.reject(new ModelBusyError('queue'));
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

export type ModelPool = ReturnType<typeof createModelPool>;
