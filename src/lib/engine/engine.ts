/** A value bound to a positional parameter ($1, $2, ...). */
export type Param = string | number | boolean | null;

/** One result row; engines return numbers (never bigint), strings, booleans and nulls. */
export type Row = Record<string, string | number | boolean | null>;

/**
 * The one interface metric functions run on. Two implementations: DuckDB-wasm in a Worker in the browser,
 * `@duckdb/node-api` on the server.
 */
export interface Engine {
	/** Runs one statement with positional parameters and returns plain rows. */
	query<T extends Row = Row>(sql: string, params?: Param[]): Promise<T[]>;
	/** Appends the rows of an Arrow IPC stream to an existing table, matching columns by name. */
	loadArrow(table: string, ipc: Uint8Array): Promise<void>;
	close(): Promise<void>;
}

/** Raised by an engine when a statement fails; keeps the SQL and the engine's own error. */
export class QueryError extends Error {
	readonly sql: string;

	constructor(message: string, { sql, cause }: { sql: string; cause?: unknown }) {
		super(`${message}\n  in: ${sql.replace(/\s+/g, ' ').trim().slice(0, 500)}`, { cause });
		this.name = 'QueryError';
		this.sql = sql;
	}
}

/** Normalises an engine's raw value to the plain types of `Row`. */
export function toPlainValue(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value);
}

export function toPlainRow(raw: Record<string, unknown>): Row {
	const row: Row = {};
	for (const [key, value] of Object.entries(raw)) row[key] = toPlainValue(value);
	return row;
}
