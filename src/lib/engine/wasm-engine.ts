import { QueryError, toPlainRow, type Engine, type Param, type Row } from './engine';
import { SerialQueue } from './serial-queue';

interface ArrowResult {
	schema: { fields: Array<{ name: string; type: { typeId: number } }> };
	toArray(): Array<{ toJSON(): Record<string, unknown> }>;
}

// Arrow's type id for dates, which DuckDB-wasm hands back as epoch milliseconds.
const ARROW_DATE = 8;

type MaybePromise<T> = T | Promise<T>;

/**
 * The part of a DuckDB-wasm connection this engine uses. The browser's `AsyncDuckDBConnection` (over a Worker)
 * and the synchronous connection of DuckDB-wasm's Node build both fit it, so tests can drive the same wasm
 * binary and the same code without a browser.
 */
export interface WasmConnection {
	query(sql: string): MaybePromise<ArrowResult>;
	prepare(sql: string): MaybePromise<{ query(...params: Param[]): MaybePromise<ArrowResult>; close(): MaybePromise<void> }>;
	insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): MaybePromise<void>;
	close(): MaybePromise<void>;
}

/** Rows as plain values; dates become ISO 'YYYY-MM-DD' strings, as the node engine gives them. */
function toRows<T extends Row>(result: ArrowResult): T[] {
	const dates = result.schema.fields.filter((f) => f.type.typeId === ARROW_DATE).map((f) => f.name);
	return result.toArray().map((arrowRow) => {
		const row = arrowRow.toJSON();
		for (const name of dates) if (typeof row[name] === 'number') row[name] = new Date(row[name] as number);
		return toPlainRow(row) as T;
	});
}

/** DuckDB-wasm behind the `Engine` interface. */
export class WasmEngine implements Engine {
	#connection: WasmConnection;
	#onClose: () => MaybePromise<void>;
	#staged = 0;
	#queue = new SerialQueue();

	constructor(connection: WasmConnection, { onClose = () => {} }: { onClose?: () => MaybePromise<void> } = {}) {
		this.#connection = connection;
		this.#onClose = onClose;
	}

	query<T extends Row = Row>(sql: string, params: Param[] = []): Promise<T[]> {
		return this.#queue.run(() => this.#run<T>(sql, params));
	}

	async #run<T extends Row>(sql: string, params: Param[]): Promise<T[]> {
		try {
			if (params.length === 0) return toRows<T>(await this.#connection.query(sql));
			const statement = await this.#connection.prepare(sql);
			try {
				return toRows<T>(await statement.query(...params));
			} finally {
				await statement.close();
			}
		} catch (cause) {
			if (cause instanceof QueryError) throw cause;
			throw new QueryError(`query failed: ${(cause as Error).message}`, { sql, cause });
		}
	}

	async loadArrow(table: string, ipc: Uint8Array): Promise<void> {
		// Stage, then insert by name, so the contract's declared column types win over the Arrow types.
		const stage = `__stage_${table}_${++this.#staged}`;
		await this.#queue.run(async () => this.#connection.insertArrowFromIPCStream(ipc, { name: stage, create: true }));
		try {
			await this.query(`INSERT INTO "${table}" BY NAME SELECT * FROM "${stage}"`);
		} finally {
			await this.query(`DROP TABLE IF EXISTS "${stage}"`);
		}
	}

	async close(): Promise<void> {
		await this.#connection.close();
		await this.#onClose();
	}
}
