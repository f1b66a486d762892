import { createSHA256 } from 'hash-wasm';

/** How far the fingerprint's reading of a file has got. */
export interface HashProgress {
	bytes: number;
	lines: number;
}

/**
 * SHA-256 of a File read in chunks (the whole file is never held at once), counting its lines. `onProgress` is
 * called at most every `everyMs` and once at the end. hash-wasm's SHA-256 (wasm, in the package: nothing is
 * fetched) hashes 40 MB in about 115 ms in Node against 270 ms for @noble/hashes; in the page it runs beside the
 * count, on a 2-core machine the quicker hash slowed DuckDB's count of 1,000,000 rows by about 5% instead of 12%.
 */
export async function hashFile(file: Blob, onProgress?: (read: HashProgress) => void, everyMs = 50): Promise<string> {
	const hash = await createSHA256();
	hash.init();
	const reader = file.stream().getReader();
	let bytes = 0;
	let lines = 0;
	let said = performance.now();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		hash.update(value);
		bytes += value.byteLength;
		for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
		if (onProgress && performance.now() - said >= everyMs) {
			said = performance.now();
			onProgress({ bytes, lines });
		}
	}
	onProgress?.({ bytes, lines });
	return hash.digest('hex');
}

/** What the hashing Worker posts: progress, then the digest or why there is none. */
export type HashMessage = { progress: HashProgress } | { sha256: string } | { error: string };

/**
 * SHA-256 of a File in a Worker of its own: hashing 40 MB takes most of a second of JavaScript, which on the page's
 * thread held up the page (the progress bars, Cancel) and the messages from DuckDB's Worker. Stops when `signal`
 * aborts (the Worker is ended).
 */
export function hashFileInWorker(file: File, onProgress?: (read: HashProgress) => void, signal?: AbortSignal): Promise<string> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new Error('Cancelled.'));
		const worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module' });
		const end = () => {
			worker.terminate();
			signal?.removeEventListener('abort', abort);
		};
		const abort = () => {
			end();
			reject(new Error('Cancelled.'));
		};
		signal?.addEventListener('abort', abort);
		worker.onmessage = (event: MessageEvent<HashMessage>) => {
			const message = event.data;
			if ('progress' in message) return onProgress?.(message.progress);
			end();
			if ('sha256' in message) resolve(message.sha256);
			else reject(new Error(`The file's fingerprint could not be made: ${message.error}`));
		};
		worker.onerror = (event) => {
			end();
			reject(new Error(`The file's fingerprint could not be made: ${event.message || 'the hashing worker failed'}`));
		};
		worker.postMessage(file);
	});
}
