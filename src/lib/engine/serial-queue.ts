/**
 * Runs tasks one at a time, in the order they were queued. A DuckDB connection executes one statement at
 * a time; pages start several metric queries at once, so each engine queues them.
 */
export class SerialQueue {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(task, task);
		this.#tail = result.catch(() => {});
		return result;
	}
}
