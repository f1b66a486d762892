import type { ParsedTable } from './text';

/**
 * Spreadsheet and columnar files, read in the browser's checking Worker with JavaScript readers from npm (no
 * network, no DuckDB extension): XLSX (SheetJS), Parquet (hyparquet), Arrow IPC (flechette). Each becomes the same
 * header and text rows a CSV gives, so everything after is the same.
 */
export type BinaryRead = { ok: true; table: ParsedTable; format: string; notes: string[] } | { ok: false; message: string };

const MAX_ROWS = 1_000_000;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isParquet = (b: Uint8Array) =>
	b.length >= 8 && String.fromCharCode(...b.subarray(0, 4)) === 'PAR1' && String.fromCharCode(...b.subarray(b.length - 4)) === 'PAR1';
const isArrowFile = (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 6)) === 'ARROW1';
const isArrowStream = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xff && b[2] === 0xff && b[3] === 0xff;

/** Which binary layout the bytes are in, if any. */
export function binaryKind(bytes: Uint8Array): 'xlsx' | 'parquet' | 'arrow' | null {
	if (isZip(bytes)) return 'xlsx';
	if (isParquet(bytes)) return 'parquet';
	if (isArrowFile(bytes) || isArrowStream(bytes)) return 'arrow';
	return null;
}

const asText = (value: unknown): string => {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'bigint') return value.toString();
	return String(value);
};

function fromObjects(rows: Record<string, unknown>[], header: string[]): ParsedTable {
	return { delimiter: ',', header, rows: rows.map((r) => header.map((h) => asText(r[h]))), lines: rows.map((_, i) => i + 2) };
}

function tooMany(rows: number) {
	return rows > MAX_ROWS
		? `The file has ${rows.toLocaleString('en-GB')} rows; at most ${MAX_ROWS.toLocaleString('en-GB')} can be checked here. Split it by year.`
		: null;
}

/** Reads an XLSX, Parquet or Arrow file into a table; null when the bytes are none of these. */
export async function readBinaryTable(bytes: Uint8Array): Promise<BinaryRead | null> {
	const kind = binaryKind(bytes);
	try {
		if (kind === 'xlsx') {
			const XLSX = await import('@e965/xlsx');
			const book = XLSX.read(bytes, { type: 'array', dense: true, cellDates: true });
			const name = book.SheetNames[0];
			if (!name) return { ok: false, message: 'The workbook has no sheets.' };
			const grid = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name], { header: 1, raw: false, defval: '', dateNF: 'dd/mm/yyyy', blankrows: false });
			const [head, ...rows] = grid.map((r) => r.map(asText));
			if (!head?.some((h) => h.trim())) return { ok: false, message: `Sheet "${name}" has no header row. The first row must name the columns.` };
			const many = tooMany(rows.length);
			if (many) return { ok: false, message: many };
			const notes = [
				`Read sheet "${name}"${book.SheetNames.length > 1 ? ` (the first of ${book.SheetNames.length}; put the data in the first sheet to use another)` : ''} as text, dates as dd/mm/yyyy.`
			];
			return {
				ok: true,
				format: 'Excel workbook (XLSX)',
				notes,
				table: { delimiter: ',', header: head.map((h) => h.trim()), rows, lines: rows.map((_, i) => i + 2) }
			};
		}
		if (kind === 'parquet') {
			const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
			const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
			const metadata = parquetMetadata(buffer);
			const many = tooMany(Number(metadata.num_rows));
			if (many) return { ok: false, message: many };
			const header = metadata.schema.slice(1).map((s) => s.name);
			const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
			return {
				ok: true,
				format: 'Parquet',
				notes: [`Read ${rows.length.toLocaleString('en-GB')} rows of Parquet (columns ${header.join(', ')}).`],
				table: fromObjects(rows, header)
			};
		}
		if (kind === 'arrow') {
			const { tableFromIPC } = await import('@uwdata/flechette');
			const table = tableFromIPC(bytes, { useDate: true, useBigInt: false });
			const many = tooMany(table.numRows);
			if (many) return { ok: false, message: many };
			const header = table.schema.fields.map((f) => f.name);
			return {
				ok: true,
				format: 'Arrow IPC',
				notes: [`Read ${table.numRows.toLocaleString('en-GB')} rows of Arrow IPC.`],
				table: fromObjects(table.toArray() as Record<string, unknown>[], header)
			};
		}
	} catch (error) {
		const what = kind === 'xlsx' ? 'an Excel workbook (or another ZIP file)' : kind === 'parquet' ? 'a Parquet file' : 'an Arrow file';
		return {
			ok: false,
			message: `This looks like ${what} but it could not be read (${(error as Error).message.slice(0, 160)}). Save it again, or export it as CSV.`
		};
	}
	return null;
}
