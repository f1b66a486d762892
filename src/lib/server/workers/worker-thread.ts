import { parentPort, type Transferable } from 'node:worker_threads';

/**
 * The worker side of a pool (worker-pool.ts): answers each message with `run`'s result or its error, handing
 * over the buffers `transfer` names rather than copying them.
 */
export function serveTasks<Task, Result>(run: (task: Task) => Result, transfer?: (result: Result) => Transferable[]) {
	parentPort?.on('message', ({ id, task }: { id: number; task: Task }) => {
		let result: Result;
		try {
			result = run(task);
		} catch (error) {
			parentPort!.postMessage({ id, error: String((error as Error)?.stack ?? error) });
			return;
		}
		parentPort!.postMessage({ id, result }, transfer?.(result) ?? []);
	});
}

/** The buffers of arrays that own all of theirs, to hand over rather than copy (a SharedArrayBuffer is shared, never moved). */
export const ownBuffers = (arrays: unknown[]) =>
	arrays
		.filter((a): a is Uint8Array => a instanceof Uint8Array && a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
		.map((a) => a.buffer as ArrayBuffer)
		.filter((buffer, i, all) => all.indexOf(buffer) === i);
