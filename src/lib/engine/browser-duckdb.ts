import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { WasmEngine, type WasmConnection } from './wasm-engine';

// Bundles are served by the app itself (hashed, cached for a year); never a CDN.
const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

/** Starts DuckDB-wasm in a Worker from the app's own bundles and wraps it as an `Engine`. */
export async function startBrowserEngine(): Promise<WasmEngine> {
	return (await startBrowserDuckDB()).engine;
}

/** A DuckDB-wasm of its own, with what the upload page needs besides the engine. */
export interface BrowserDuckDB {
	engine: WasmEngine;
	/** Lets DuckDB read a File through a handle, never copied into JavaScript. */
	registerFile: (name: string, file: File) => Promise<void>;
	/** Gives DuckDB a few bytes to read as a file (they are copied into its memory). */
	registerBytes: (name: string, bytes: Uint8Array) => Promise<void>;
	/** Forgets a registered file (and frees bytes given by `registerBytes`). */
	dropFile: (name: string) => Promise<void>;
	terminate: () => Promise<void>;
}

/**
 * A DuckDB-wasm instance of its own (the upload page uses one per file, so Cancel can end it without touching the
 * dataset's).
 */
export async function startBrowserDuckDB(): Promise<BrowserDuckDB> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	// DuckDB-wasm never answers if its Worker cannot fetch the wasm (a proxy or filter in the way): asked first, so
	// starting fails with the reason instead of waiting for ever.
	const wasm = await fetch(bundle.mainModule, { method: 'HEAD' }).catch(() => null);
	if (!wasm?.ok) {
		const name = bundle.mainModule
			.split('/')
			.pop()
			?.replace(/\.[\w-]+\.wasm$/, '.wasm');
		throw new Error(`its code, ${name}, could not be fetched from this site: ${wasm ? `HTTP ${wasm.status}` : 'the request failed'}`);
	}
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	// An error DuckDB's Worker does not catch (its wasm could not be fetched, say) leaves DuckDB-wasm's requests
	// unanswered for ever: starting fails with it instead.
	let failed: (error: Error) => void = () => {};
	const workerFailed = new Promise<never>((_, reject) => (failed = reject));
	const onError = (event: ErrorEvent) => failed(new Error(event.message || "DuckDB's Worker stopped with an error"));
	worker.addEventListener('error', onError);
	try {
		await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker), workerFailed]);
		worker.removeEventListener('error', onError);
		// No extension downloads: NHS networks and air-gapped machines block them.
		await db.open({ query: { castBigIntToDouble: true } });
		const connection = await db.connect();
		await connection.query('SET autoinstall_known_extensions = false');
		await connection.query('SET autoload_known_extensions = false');
		const engine = new WasmEngine(connection as unknown as WasmConnection, {
			onClose: async () => {
				await db.terminate();
			}
		});
		return {
			engine,
			registerFile: (name, file) => db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true),
			registerBytes: (name, bytes) => db.registerFileBuffer(name, bytes),
			dropFile: async (name) => {
				await db.dropFile(name);
			},
			terminate: () => db.terminate()
		};
	} catch (error) {
		worker.terminate();
		throw error;
	}
}
