/**
 * A bounded cache of promises by key, least recently used out first. For figures derived from immutable
 * inputs (a dataset version, a scenario): the first request computes, the others share the answer. A
 * rejected promise is dropped, so a failure is not remembered.
 */
export function createMemo<T>({ max = 500 }: { max?: number } = {}) {
	const entries = new Map<string, Promise<T>>();
	return function memo(key: string, compute: () => Promise<T> | T): Promise<T> {
		const hit = entries.get(key);
		if (hit) {
			entries.delete(key);
			entries.set(key, hit);
			return hit;
		}
		const promise = Promise.resolve().then(compute);
		entries.set(key, promise);
		promise.catch(() => entries.get(key) === promise && entries.delete(key));
		if (entries.size > max) entries.delete(entries.keys().next().value!);
		return promise;
	};
}
