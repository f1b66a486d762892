import { DuckDBDateValue, DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from '@uwdata/flechette';
import { QueryError, toPlainRow, type Engine, type Param, type Row } from '$lib/engine/engine';
import { SerialQueue } from '$lib/engine/serial-queue';

const MS_PER_DAY = 86_400_000;

type Append = (appender: DuckDBAppender, value: unknown) => void;

// Arrow values as flechette decodes them (dates as epoch milliseconds), per DuckDB column type.
const APPEND: Record<string, Append> = {
	VARCHAR: (a, v) => a.appendVarchar(String(v)),
	DOUBLE: (a, v) => a.appendDouble(Number(v)),
	INTEGER: (a, v) => a.appendInteger(Number(v)),
	BIGINT: (a, v) => a.appendBigInt(BigInt(v as number)),
	BOOLEAN: (a, v) => a.appendBoolean(Boolean(v)),
	DATE: (a, v) => a.appendDate(new DuckDBDateValue(Math.round(Number(v) / MS_PER_DAY)))
};

/** DuckDB through `@duckdb/node-api`: the server's engine, same DuckDB minor version as the browser's wasm build. */
export class NodeEngine implements Engine {
	#connection: DuckDBConnection;
	#instance: DuckDBInstance;
	#queue = new SerialQueue();

	private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
		this.#instance = instance;
		this.#connection = connection;
	}

	/** An in-memory database; nothing is written to disk. */
	static async create(): Promise<NodeEngine> {
		// One thread keeps floating-point aggregation order the same as the single-threaded browser build.
		const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
		return new NodeEngine(instance, await instance.connect());
	}

	query<T extends Row = Row>(sql: string, params: Param[] = []): Promise<T[]> {
		return this.#queue.run(() => this.#run<T>(sql, params));
	}

	async #run<T extends Row>(sql: string, params: Param[]): Promise<T[]> {
		try {
			const reader = await this.#connection.runAndReadAll(sql, params.length ? params : undefined);
			return reader.getRowObjectsJS().map((row) => toPlainRow(row) as T);
		} catch (cause) {
			throw new QueryError(`query failed: ${(cause as Error).message}`, { sql, cause });
		}
	}

	async loadArrow(table: string, ipc: Uint8Array): Promise<void> {
		const arrow = tableFromIPC(ipc);
		const columns = await this.query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE "${table}")`);
		const plan = columns.map(({ column_name, column_type }) => {
			const append = APPEND[column_type];
			if (!append) throw new Error(`loadArrow: column ${table}.${column_name} has type ${column_type}, which the node engine cannot load`);
			const values = arrow.getChild(column_name)?.toArray();
			if (!values) throw new Error(`loadArrow: the Arrow data for ${table} has no column "${column_name}"`);
			return { append, values };
		});
		await this.#queue.run(() => this.#append(table, arrow.numRows, plan));
	}

	async #append(table: string, numRows: number, plan: { append: Append; values: ArrayLike<unknown> }[]): Promise<void> {
		const appender = await this.#connection.createAppender(table);
		try {
			for (let i = 0; i < numRows; i++) {
				for (const { append, values } of plan) {
					const value = values[i];
					if (value === null || value === undefined) appender.appendNull();
					else append(appender, value);
				}
				appender.endRow();
			}
		} finally {
			appender.closeSync();
		}
	}

	async close(): Promise<void> {
		this.#connection.closeSync();
		this.#instance.closeSync();
	}
}
