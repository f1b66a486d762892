import type { BrowserDuckDB } from '../engine/browser-duckdb';
import { aggregateRecords, FIRST_LOOK_BYTES, type RecordColumns, type RecordLevelResult, type RecordPass } from './record-level';

/** The name DuckDB knows the registered File by. */
const SOURCE = 'upload.csv';

/**
 * How many DuckDB-wasm instances count a file at once, each one part of the women (see `CountPart`): one per
 * processor the browser reports, at most 4, and at most one per 2 GB of the memory it reports (Chromium's
 * `navigator.deviceMemory`, itself at most 8): each holds DuckDB's memory of its own, and for 10,000,000 rows (407 MB)
 * two parts took about 400 MB more at their peak than one (the whole browser's resident memory, 2.76 GB against
 * 2.36 GB). Natively, two parts on 2 cores count 1,000,000 records in two thirds of the time of one; in headless
 * Chromium on the same 2 cores the click to the counts on screen was only about 5% quicker (10,000,000 rows: 10.8-11.8 s
 * against 11.3-13.9 s), as the fingerprint and the browser's reading of the file for each DuckDB share the cores.
 */
export function countParts(
	processors = globalThis.navigator?.hardwareConcurrency ?? 1,
	memoryGB = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory
): number {
	const byMemory = memoryGB === undefined || !(memoryGB > 0) ? 4 : Math.floor(memoryGB / 2);
	return Math.max(1, Math.min(4, byMemory, Math.floor(processors) || 1));
}

/**
 * What the page says when counting a record-level file fails. DuckDB's out-of-memory error is long and written for
 * people tuning a database ("SET threads=X", a temporary directory, a web address); the analyst is told instead
 * what happened and what to do.
 */
export function countFailure(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (message === 'Cancelled.') return 'Counting was cancelled. Nothing was kept.';
	if (/out of memory|Aborted\(OOM\)|Cannot enlarge memory/i.test(message))
		return `The records could not be counted: this browser could not give DuckDB enough memory for this file (${message.split('\n')[0]}). Nothing was kept. Close other tabs and count again, or split the file by financial year (April to March, so that no woman's year is split) and publish each part in turn as the next version of the dataset.`;
	return `The records could not be counted: ${message}`;
}

/**
 * The DuckDB-wasm instances for counting one record-level file, started as soon as the file is recognised (they
 * take a second or two, while the analyst checks the columns) and used once. `dispose` ends them if they are not
 * used.
 */
export interface RecordEngine {
	started: Promise<BrowserDuckDB[]>;
	dispose: () => void;
}

export function startRecordEngine(parts = countParts()): RecordEngine {
	const started = import('../engine/browser-duckdb').then(async ({ startBrowserDuckDB }) => {
		const starting = Array.from({ length: parts }, () => startBrowserDuckDB());
		const ducks = await Promise.allSettled(starting);
		// Fewer parts if not all could start (a browser short of memory): the count is split into as many as did.
		const started = ducks.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : []));
		if (!started.length) throw (ducks[0] as PromiseRejectedResult).reason;
		return started;
	});
	// A start that fails is reported when the engine is used, not here.
	started.catch(() => {});
	return { started, dispose: () => void started.then((ducks) => Promise.all(ducks.map((d) => d.terminate()))).catch(() => {}) };
}

/**
 * A first look at a record-level file with the chosen columns: the same SQL over its first whole lines, on the engines
 * started ahead, so the analyst sees at once whether the columns count (dates read, ids and areas found) before the
 * whole file is read. It also gets DuckDB's code hot for the count: a fresh DuckDB-wasm runs its first big query
 * partly in the browser's quick first compilation of the wasm, and a look at 1 MB rather than 64 KB (about 70 ms
 * more, before the click) made the count of 1,000,000 rows about a tenth quicker (1.78 s against 1.95 s, median of
 * five fresh instances each). Each engine counts its part of the look, so each is warmed. The copies are dropped
 * afterwards.
 */
export async function firstLook(engine: RecordEngine, file: File, header: string[], columns: RecordColumns): Promise<RecordLevelResult> {
	const head = new Uint8Array(await file.slice(0, FIRST_LOOK_BYTES).arrayBuffer());
	const whole = head.length < file.size ? head.subarray(0, head.lastIndexOf(10) + 1) : head;
	const ducks = await engine.started;
	const name = `first-look-${++looks}.csv`;
	// Each DuckDB gets a copy: the bytes are moved to its Worker, not shared.
	await Promise.all(ducks.map((duck, i) => duck.registerBytes(name, i === ducks.length - 1 ? whole : whole.slice())));
	try {
		return await aggregateRecords(
			ducks.map((duck) => duck.engine),
			name,
			header,
			columns
		);
	} finally {
		await Promise.all(ducks.map((duck) => duck.dropFile(name).catch(() => {})));
	}
}
let looks = 0;

/**
 * Aggregates a record-level File in the browser: DuckDB-wasm instances of its own (one per part of the count) each
 * read it through a file handle (in DuckDB's Worker, never copied into this page's memory). Cancel ends them at
 * once; so does the end of the count, whatever its outcome.
 */
export function aggregateInBrowser(
	file: File,
	header: string[],
	columns: RecordColumns,
	/**
	 * The pass DuckDB is on. Not how far through it: DuckDB-wasm's own estimate (its progress bar) ran far behind,
	 * 10% when the scan of a 10,000,000-row file was done and 26% at the end, so it is not shown.
	 */
	onPass?: (pass: RecordPass) => void,
	/** Engines started ahead for this file; they are started now if not. */
	engine: RecordEngine = startRecordEngine()
): { done: Promise<RecordLevelResult & { ms: number }>; cancel: () => void } {
	let cancelled = false;
	let rejectCancelled: (error: Error) => void = () => {};
	// A terminated DuckDB never answers its pending queries, so Cancel ends the wait itself.
	const whenCancelled = new Promise<never>((_, reject) => (rejectCancelled = reject));
	const counting = (async () => {
		const ducks = await engine.started;
		if (cancelled) throw new Error('Cancelled.');
		try {
			await Promise.all(ducks.map((duck) => duck.registerFile(SOURCE, file)));
			const started = performance.now();
			const result = await aggregateRecords(
				ducks.map((duck) => duck.engine),
				SOURCE,
				header,
				columns,
				{ onPass }
			);
			return { ...result, ms: performance.now() - started };
		} catch (error) {
			if (cancelled) throw new Error('Cancelled.');
			throw error;
		} finally {
			await Promise.all(ducks.map((duck) => duck.terminate().catch(() => {})));
		}
	})();
	counting.catch(() => {});
	return {
		done: Promise.race([counting, whenCancelled]),
		cancel: () => {
			cancelled = true;
			rejectCancelled(new Error('Cancelled.'));
			engine.dispose();
		}
	};
}
