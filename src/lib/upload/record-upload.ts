import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { aggregateRecords, type RecordColumns, type RecordLevelResult, type RecordPass } from './record-level';

/** The name DuckDB knows the registered File by. */
const SOURCE = 'upload.csv';

/**
 * Aggregates a record-level File in the browser: a DuckDB-wasm of its own reads it through a file handle (in
 * DuckDB's Worker, never copied into this page's memory). Cancel ends that DuckDB at once.
 */
export function aggregateInBrowser(
	file: File,
	header: string[],
	columns: RecordColumns,
	/** The pass DuckDB is on and its own estimate of that pass's progress (percent; null until it gives one). */
	onProgress?: (progress: { pass: RecordPass; percent: number | null }) => void
): { done: Promise<RecordLevelResult & { ms: number }>; cancel: () => void } {
	let stop: (() => Promise<void>) | undefined;
	let cancelled = false;
	const done = (async () => {
		const { startBrowserDuckDB } = await import('../engine/browser-duckdb');
		let pass: RecordPass = 'count';
		const duck = await startBrowserDuckDB({ onQueryProgress: (percent) => onProgress?.({ pass, percent }) });
		stop = duck.terminate;
		if (cancelled) {
			await duck.terminate();
			throw new Error('Cancelled.');
		}
		try {
			await duck.registerFile(SOURCE, file);
			const started = performance.now();
			const result = await aggregateRecords(duck.engine, SOURCE, header, columns, {
				onPass: (next) => {
					pass = next;
					onProgress?.({ pass, percent: null });
				}
			});
			return { ...result, ms: performance.now() - started };
		} catch (error) {
			if (cancelled) throw new Error('Cancelled.');
			throw error;
		} finally {
			await duck.terminate().catch(() => {});
		}
	})();
	return {
		done,
		cancel: () => {
			cancelled = true;
			void stop?.();
		}
	};
}

/** SHA-256 of a File read in chunks (the whole file is never held at once), reporting bytes and lines read. */
export async function hashFile(file: File, onProgress?: (read: { bytes: number; lines: number }) => void): Promise<string> {
	const hash = sha256.create();
	const reader = file.stream().getReader();
	let bytes = 0;
	let lines = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		hash.update(value);
		bytes += value.byteLength;
		for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
		onProgress?.({ bytes, lines });
	}
	return bytesToHex(hash.digest());
}
