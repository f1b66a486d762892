import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { WasmEngine, type WasmConnection } from '../../src/lib/engine/wasm-engine';

/**
 * The browser's engine class over DuckDB-wasm's Node build: the same .wasm binary the app serves to
 * browsers, without the Worker transport. The end-to-end tests cover the Worker in a real browser.
 */
export async function createWasmNodeEngine(): Promise<WasmEngine> {
	const require = createRequire(import.meta.url);
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	const db = await duckdb.createDuckDB(
		{
			mvp: { mainModule: `${dist}/duckdb-mvp.wasm`, mainWorker: `${dist}/duckdb-node-mvp.worker.cjs` },
			eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: `${dist}/duckdb-node-eh.worker.cjs` }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate(() => {});
	db.open({ query: { castBigIntToDouble: true } });
	const connection = db.connect();
	return new WasmEngine(connection as unknown as WasmConnection, { onClose: () => db.reset() });
}
