import { someOf } from '../format/list';
import { HEAD_BYTES, recordLevelHeader } from './detect';
import { MAX_TEXT_BYTES, type ParsedTable } from './text';
import { isClutter, isZip, unzipEntry, unzipHead, unzipToFile, zipEntries, type ZipEntry } from './zip';

/**
 * Spreadsheet and columnar files, read in the browser's checking Worker with JavaScript readers from npm (no
 * network, no DuckDB extension): XLSX (SheetJS), Parquet (hyparquet), Arrow IPC (flechette). Each becomes the same
 * header and text rows a CSV gives, so everything after is the same.
 */
export type BinaryRead = { ok: true; table: ParsedTable; format: string; notes: string[] } | { ok: false; message: string };

const MAX_ROWS = 1_000_000;

const isParquet = (b: Uint8Array) =>
	b.length >= 8 && String.fromCharCode(...b.subarray(0, 4)) === 'PAR1' && String.fromCharCode(...b.subarray(b.length - 4)) === 'PAR1';
const isArrowFile = (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 6)) === 'ARROW1';
const isArrowStream = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xff && b[2] === 0xff && b[3] === 0xff;

/** An XLSX workbook is a ZIP archive with a content-types part; any other ZIP is an archive of files. */
const isWorkbook = (bytes: Uint8Array) => {
	const entries = zipEntries(bytes);
	return typeof entries !== 'string' && entries.some((e) => e.name === '[Content_Types].xml');
};

/** Which binary layout the bytes are in, if any. */
export function binaryKind(bytes: Uint8Array): 'xlsx' | 'zip' | 'parquet' | 'arrow' | null {
	if (isZip(bytes)) return isWorkbook(bytes) ? 'xlsx' : 'zip';
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
		const what = kind === 'xlsx' ? 'an Excel workbook' : kind === 'parquet' ? 'a Parquet file' : 'an Arrow file';
		return {
			ok: false,
			message: `This looks like ${what} but it could not be read (${(error as Error).message.slice(0, 160)}). Save it again, or export it as CSV.`
		};
	}
	return null;
}

const sizeInWords = (bytes: number) => (bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`);

/** The files in a ZIP that could be data: what the importer reads (a ZIP inside is named, to say it cannot be). */
const DATA_FILE = /\.(csv|tsv|tab|txt|xlsx|parquet|arrow|feather|ipc|zip)$/i;

export type Unzipped = { ok: true; bytes: Uint8Array; name: string; note: string; choices: string[] } | { ok: false; message: string; choices: string[] };

type DataEntry = { ok: true; entry: ZipEntry; choices: string[]; notData: string } | { ok: false; message: string; choices: string[] };

/**
 * The one data file in a ZIP archive (as NHS England publishes some files), or the one the analyst chose when it
 * holds several. Folders and what operating systems add are passed over; other files (a PDF of notes, say) are
 * named but not read.
 */
function dataEntry(bytes: Uint8Array, chosen?: string): DataEntry {
	const entries = zipEntries(bytes);
	if (typeof entries === 'string')
		return {
			ok: false,
			choices: [],
			message: `This is a ZIP file (or an Excel workbook, which is one) but it could not be opened: ${entries}. Download it again, or unzip it yourself and choose the file inside.`
		};
	const files = entries.filter((e) => !isClutter(e.name));
	const data = files.filter((e) => DATA_FILE.test(e.name));
	const choices = data.map((e) => e.name);
	const others = files.filter((e) => !DATA_FILE.test(e.name)).map((e) => e.name);
	const notData = others.length ? ` It also holds ${someOf(others, 5)}, which ${others.length === 1 ? 'is' : 'are'} not read.` : '';
	if (!data.length)
		return {
			ok: false,
			choices,
			message: files.length
				? `The ZIP file holds no data file (CSV, TSV, XLSX, Parquet or Arrow): it holds ${someOf(others, 8)}. Choose the data file itself.`
				: 'The ZIP file is empty. Download it again, or choose the data file itself.'
		};
	const entry = chosen === undefined ? (data.length === 1 ? data[0] : undefined) : data.find((e) => e.name === chosen);
	if (!entry)
		return {
			ok: false,
			choices,
			message:
				chosen === undefined
					? `The ZIP file holds ${data.length} data files; one is checked at a time. Choose which below.`
					: `The ZIP file holds no file called "${chosen}". Choose one of the files it holds.`
		};
	return { ok: true, entry, choices, notData };
}

/** The data file in a ZIP archive (see `dataEntry`), unzipped to be checked like a file chosen itself. */
export async function unzipDataFile(bytes: Uint8Array, chosen?: string): Promise<Unzipped> {
	const found = dataEntry(bytes, chosen);
	if (!found.ok) return found;
	const { entry, choices, notData } = found;
	const inner = await unzipEntry(bytes, entry, MAX_TEXT_BYTES);
	if (typeof inner === 'string') return { ok: false, choices, message: `${entry.name}, in the ZIP file, could not be read: ${inner}.` };
	return {
		ok: true,
		bytes: inner,
		name: entry.name,
		choices,
		note: `Read ${entry.name} (${sizeInWords(inner.byteLength)}) from the ZIP file.${notData}`
	};
}

/** A record-level extract found in a ZIP archive, before it is unzipped. */
export interface ZippedRecords {
	name: string;
	/** Its size unzipped, as the archive gives it. */
	size: number;
	header: string[];
	choices: string[];
	note: string;
	/** Unzips it into a File for DuckDB, or says why it cannot be ("Cancelled." when `signal` stops it). */
	unzip: (options?: { onProgress?: (unzipped: number) => void; signal?: AbortSignal }) => Promise<File | string>;
}

/**
 * Whether the data file in a ZIP archive (the one, or the one chosen) is a record-level extract, from the first
 * `HEAD_BYTES` it unzips to. Such a file is counted by DuckDB where it is, so it is unzipped into a File (kept by
 * the browser, not in the page's memory) rather than read whole as other files are. Null for anything else,
 * which is checked as before (with its own messages for a ZIP that cannot be read).
 */
export async function recordExtractInZip(bytes: Uint8Array, chosen?: string): Promise<ZippedRecords | null> {
	if (!isZip(bytes) || isWorkbook(bytes)) return null;
	const found = dataEntry(bytes, chosen);
	if (!found.ok || !/\.(csv|tsv|tab|txt)$/i.test(found.entry.name)) return null;
	const head = await unzipHead(bytes, found.entry, HEAD_BYTES);
	if (typeof head === 'string') return null;
	const header = recordLevelHeader(new TextDecoder().decode(head));
	if (!header) return null;
	const { entry } = found;
	return {
		name: entry.name,
		size: entry.size,
		header,
		choices: found.choices,
		note: `Read ${entry.name} (${sizeInWords(entry.size)}) from the ZIP file.${found.notData}`,
		unzip: async (options) => {
			const file = await unzipToFile(bytes, entry, options);
			if (file === 'Cancelled.') return file;
			return typeof file === 'string' ? `${entry.name}, in the ZIP file, could not be unzipped: ${file}.` : file;
		}
	};
}
