import { dsvFormat } from 'd3-dsv';

/** What a file's bytes were read as, before any columns are looked at. */
export type ReadText = { ok: true; text: string; encoding: 'UTF-8' | 'Windows-1252'; notes: string[] } | { ok: false; message: string };

/** Largest file the in-browser aggregate path reads whole (record-level extracts go through DuckDB instead). */
export const MAX_TEXT_BYTES = 200 * 1024 * 1024;

/**
 * Reads bytes as text: UTF-8 (a byte-order mark is dropped), or Windows-1252 when the bytes are not valid UTF-8
 * (Excel's "CSV" on Windows), which is said. Binary files (NUL bytes, as in XLSX or images) are refused.
 */
export function readText(bytes: Uint8Array): ReadText {
	if (bytes.byteLength === 0) return { ok: false, message: 'The file is empty. Choose the exported CSV file itself, not a shortcut to it.' };
	if (bytes.byteLength > MAX_TEXT_BYTES)
		return {
			ok: false,
			message: `The file is ${(bytes.byteLength / 1e6).toFixed(0)} MB; at most ${MAX_TEXT_BYTES / 1e6} MB can be read here. Split it by year.`
		};
	const head = bytes.subarray(0, 4096);
	if (head[0] === 0x50 && head[1] === 0x4b)
		return { ok: false, message: 'This is a ZIP or Excel (XLSX) file, not text. Open it in Excel and save it as "CSV UTF-8", then upload that.' };
	if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)
		return { ok: false, message: 'This is a Parquet file. Export it as CSV and upload that.' };
	if (head.includes(0))
		return {
			ok: false,
			message: 'The file is not text (it contains NUL bytes): it may be a spreadsheet, an image or damaged. Export the data as CSV and upload that.'
		};
	const notes: string[] = [];
	let start = 0;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		start = 3;
		notes.push('The file starts with a byte-order mark; it was ignored.');
	}
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'UTF-8', notes };
	} catch {
		notes.push('The file is not valid UTF-8, so it was read as Windows-1252 (what Excel writes by default). Check that names with accents look right.');
		return { ok: true, text: new TextDecoder('windows-1252').decode(bytes.subarray(start)), encoding: 'Windows-1252', notes };
	}
}

export interface ParsedTable {
	delimiter: ',' | '\t';
	header: string[];
	/** Data rows; `lines[i]` is the file line where row i starts (quoted fields may span lines). */
	rows: string[][];
	lines: number[];
}

/** Longest field kept; anything longer is a sign of a broken quote or a binary file. */
export const MAX_FIELD_LENGTH = 10_000;

export type ParseResult = { ok: true; table: ParsedTable } | { ok: false; message: string };

/**
 * Splits delimited text into a header and rows (RFC 4180 quoting, fields with embedded newlines, CRLF or LF).
 * Comma or tab, whichever the header line has more of. Blank lines are skipped.
 */
export function parseDelimited(text: string): ParseResult {
	const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length);
	const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
	let all: string[][];
	try {
		all = dsvFormat(delimiter).parseRows(text);
	} catch (error) {
		return { ok: false, message: `The file could not be split into columns: ${(error as Error).message}` };
	}
	// Line numbers: count newlines inside each row's fields (quoted fields can hold them).
	const lines: number[] = [];
	const rows: string[][] = [];
	let line = 1;
	let header: string[] | undefined;
	for (const row of all) {
		const span = row.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
		const blank = row.length === 1 && row[0].trim() === '';
		if (!blank) {
			const long = row.findIndex((f) => f.length > MAX_FIELD_LENGTH);
			if (long >= 0)
				return {
					ok: false,
					message: `Line ${line}, column ${long + 1}: a field of ${row[long].length.toLocaleString('en-GB')} characters (at most ${MAX_FIELD_LENGTH.toLocaleString('en-GB')}). A quote is probably not closed; check that line in a text editor.`
				};
			if (!header) header = row.map((h) => h.trim());
			else {
				rows.push(row);
				lines.push(line);
			}
		}
		line += 1 + span;
	}
	if (!header || header.every((h) => h === '')) return { ok: false, message: 'The file has no header line. The first line must name the columns.' };
	if (!rows.length) return { ok: false, message: 'The file has a header line but no data rows.' };
	return { ok: true, table: { delimiter, header, rows, lines } };
}
