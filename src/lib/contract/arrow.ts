import { bool, dateDay, float64, int32, tableFromArrays, tableToIPC, utf8, type DataType } from '@uwdata/flechette';
import { TABLES, type ColumnType, type TableName } from './tables';

const ARROW_TYPES: Record<ColumnType, () => DataType> = {
	VARCHAR: utf8,
	DOUBLE: float64,
	INTEGER: int32,
	BOOLEAN: bool,
	DATE: dateDay
};

type Value = string | number | boolean | null;

const toEpochMs = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Encodes rows of a contract table as an Arrow IPC stream, columns in contract order. */
export function toArrowIpc(table: TableName, rows: Record<string, Value>[]): Uint8Array {
	const columns = TABLES[table];
	const data: Record<string, Value[]> = {};
	const types: Record<string, DataType> = {};
	for (const { name, type, nullable } of columns) {
		data[name] = rows.map((row, i) => {
			const value = row[name] ?? null;
			if (value === null && !nullable) throw new Error(`${table} row ${i + 1}: ${name} is required`);
			return type === 'DATE' && typeof value === 'string' ? toEpochMs(value) : value;
		});
		types[name] = ARROW_TYPES[type]();
	}
	return tableToIPC(tableFromArrays(data, { types }), { format: 'stream' })!;
}
