import { startRecordEngine, type RecordEngine } from '$lib/upload/record-upload';

/** Where DuckDB started ahead is: starting (slow when it takes long), started (counting in how many parts), or failed and why. */
export type RecordEngineState = { status: 'starting'; slow?: boolean } | { status: 'ready'; parts: number } | { status: 'failed'; error: string } | null;

/** How long DuckDB may take to start before the page says it is taking long (it usually takes a second or two). */
export const SLOW_START_MS = 20_000;

/**
 * DuckDB for a record-level extract, started as soon as the file is recognised so that counting need not wait for
 * it; `current` says where it is. A count takes it (or a new one, if it failed: the analyst can try again).
 */
export class RecordEngineAhead {
	current = $state<RecordEngineState>(null);
	#engine: RecordEngine | null = null;

	/** The engine started ahead, while this holds it (not failed, not taken). */
	get engine(): RecordEngine | null {
		return this.#engine;
	}

	start() {
		this.#engine?.dispose();
		const engine = startRecordEngine();
		this.#engine = engine;
		this.current = { status: 'starting' };
		// A start that never ends (a wasm file the network never finished sending, a browser that stalls) is said, not waited on in silence.
		setTimeout(() => {
			if (this.#engine === engine && this.current?.status === 'starting') this.current = { status: 'starting', slow: true };
		}, SLOW_START_MS);
		engine.started.then(
			(ducks) => {
				if (this.#engine === engine) this.current = { status: 'ready', parts: ducks.length };
			},
			(error) => {
				if (this.#engine !== engine) return;
				this.#engine = null;
				this.current = { status: 'failed', error: `DuckDB could not start in this browser (${(error as Error).message}). Count the records to try again.` };
			}
		);
	}

	/** The engine for a count: the one started ahead, or a new one; this holds it no longer. */
	take(): RecordEngine {
		const engine = this.#engine ?? startRecordEngine();
		this.#engine = null;
		this.current = null;
		return engine;
	}

	/** Stops the engine started ahead, if there is one. */
	dispose() {
		this.#engine?.dispose();
		this.#engine = null;
		this.current = null;
	}
}
