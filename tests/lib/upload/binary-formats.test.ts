import { csvParse } from 'd3-dsv';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC, utf8, float64 } from '@uwdata/flechette';
import * as XLSX from '@e965/xlsx';
import { referenceAreas } from '../../helpers/reference-areas';
import { describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/lib/server/engine/node-engine';
import { recordExtractInZip } from '../../../src/lib/upload/binary-formats';
import { runPipelineOnFile } from '../../../src/lib/upload/pipeline';
import { unzipEntry, unzipToFile, zipEntries, type ZipEntry } from '../../../src/lib/upload/zip';
import { RECORD_HEADER } from '../../helpers/record-extract';
import { makeZip } from '../../helpers/zip';

const areas = referenceAreas;
const baseUnits = { pmh_specialist_access: 'count' };
const mhsds = csvParse(readFileSync('tests/fixtures/upload/mhsds-monthly.csv', 'utf8'));
const columns = mhsds.columns;

/** The same MHSDS rows as the CSV fixture should give, whatever the container. */
async function expectSameAsCsv(bytes: Uint8Array, format: string) {
	const result = await runPipelineOnFile({ bytes, areas, baseUnits });
	const fromCsv = await runPipelineOnFile({ bytes: new Uint8Array(readFileSync('tests/fixtures/upload/mhsds-monthly.csv')), areas, baseUnits });
	expect(result.fatal).toBeUndefined();
	expect(result.encoding).toBe(format);
	expect(result.detection?.format).toBe('mhsds-monthly');
	const strip = (rows: NonNullable<typeof result.adapted>['observations']) => rows.map(({ line: _line, ...rest }) => rest);
	expect(strip(result.adapted!.observations)).toEqual(strip(fromCsv.adapted!.observations));
}

describe('spreadsheet and columnar files', () => {
	it('reads the first sheet of an XLSX workbook, saying which', async () => {
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([columns, ...mhsds.map((r) => columns.map((c) => r[c]))]), 'MHS91');
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['notes']]), 'Notes');
		const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
		await expectSameAsCsv(bytes, 'Excel workbook (XLSX)');
		const result = await runPipelineOnFile({ bytes, areas, baseUnits });
		expect(result.readNotes[0]).toMatch(/Read sheet "MHS91" \(the first of 2/);
	});

	it('reads Arrow IPC (flechette)', async () => {
		const data = Object.fromEntries(columns.map((c) => [c, mhsds.map((r) => r[c]!)]));
		const bytes = tableToIPC(tableFromArrays(data, { types: Object.fromEntries(columns.map((c) => [c, utf8()])) }), { format: 'stream' })!;
		await expectSameAsCsv(bytes, 'Arrow IPC');
		const numeric = tableToIPC(tableFromArrays({ area_code: ['E54000057'], value: [12.5] }, { types: { area_code: utf8(), value: float64() } }), {
			format: 'file'
		})!;
		const result = await runPipelineOnFile({ bytes: numeric, areas, baseUnits });
		expect(result.encoding).toBe('Arrow IPC');
		expect(result.needsMapping).toBe(true);
	});

	it('reads Parquet (hyparquet, not DuckDB’s extension)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'pmh-parquet-'));
		const path = join(dir, 'mhsds.parquet');
		const engine = await NodeEngine.create();
		await engine.query(`COPY (SELECT * FROM read_csv('tests/fixtures/upload/mhsds-monthly.csv', all_varchar = true)) TO '${path}' (FORMAT parquet)`);
		await engine.close();
		await expectSameAsCsv(new Uint8Array(readFileSync(path)), 'Parquet');
	});

	it('says what it thought the file was when it cannot be read', async () => {
		const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
		expect((await runPipelineOnFile({ bytes: broken, areas, baseUnits })).fatal).toMatch(
			/This is a ZIP file \(or an Excel workbook, which is one\) but it could not be opened: its table of contents .* is missing/
		);
		const parquet = new Uint8Array([...new TextEncoder().encode('PAR1'), 1, 2, 3, ...new TextEncoder().encode('PAR1')]);
		expect((await runPipelineOnFile({ bytes: parquet, areas, baseUnits })).fatal).toMatch(/looks like a Parquet file/);
	});
});

describe('ZIP files, as NHS England publishes some of its data files', () => {
	const csv = readFileSync('tests/fixtures/upload/mhsds-monthly.csv');
	const run = (bytes: Uint8Array, entry?: string) => runPipelineOnFile({ bytes, areas, baseUnits, entry });

	it('reads the one data file in a ZIP as if it had been chosen itself, passing over what operating systems add', async () => {
		// Written by SheetJS's ZIP writer, not the reader under test.
		const cfb = XLSX.CFB.utils.cfb_new();
		XLSX.CFB.utils.cfb_add(cfb, 'MHSDS Data_Sep2024.csv', csv);
		XLSX.CFB.utils.cfb_add(cfb, '__MACOSX/._MHSDS Data_Sep2024.csv', Buffer.from('resource fork'));
		XLSX.CFB.utils.cfb_add(cfb, 'Guidance.pdf', Buffer.from('%PDF-1.4'));
		const zipped = new Uint8Array(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'array', compression: true }) as ArrayLike<number>);
		const fromCsv = await runPipelineOnFile({ bytes: new Uint8Array(csv), areas, baseUnits });
		const result = await run(zipped);
		expect(result.fatal).toBeUndefined();
		expect(result.archive).toEqual({ choices: ['MHSDS Data_Sep2024.csv'], read: 'MHSDS Data_Sep2024.csv' });
		expect(result.readNotes[0]).toBe(
			`Read MHSDS Data_Sep2024.csv (${Math.round(csv.length / 1e3)} KB) from the ZIP file. It also holds Guidance.pdf, which is not read.`
		);
		expect(result.detection?.format).toBe('mhsds-monthly');
		expect(result.adapted!.observations).toEqual(fromCsv.adapted!.observations);
		expect(result.disclosed!.rows).toEqual(fromCsv.disclosed!.rows);
	});

	it('reads stored and deflated entries, data descriptors, ZIP64 sizes and archive comments', async () => {
		const fromCsv = await runPipelineOnFile({ bytes: new Uint8Array(csv), areas, baseUnits });
		for (const variant of [{ method: 0 }, { dataDescriptor: true }, { zip64: true }, { zip64: true, method: 0, dataDescriptor: true }]) {
			const result = await run(makeZip([{ name: 'mhsds.csv', data: csv, ...variant }], 'Published by NHS England'));
			expect(result.fatal, JSON.stringify(variant)).toBeUndefined();
			expect(result.adapted!.observations).toEqual(fromCsv.adapted!.observations);
		}
		const entries = zipEntries(
			makeZip([
				{ name: 'a.csv', data: 'x', zip64: true },
				{ name: 'b.csv', data: 'yy', zip64: true }
			])
		);
		expect(entries).toMatchObject([
			{ name: 'a.csv', size: 1, localOffset: 0 },
			{ name: 'b.csv', size: 2 }
		]);
	});

	it('asks which file to read when a ZIP holds several, and reads the one chosen', async () => {
		const tsv = readFileSync('tests/fixtures/upload/fingertips-export.csv');
		const zipped = makeZip([
			{ name: 'data/mhsds.csv', data: csv },
			{ name: 'data/fingertips.csv', data: tsv }
		]);
		const asked = await run(zipped);
		expect(asked.fatal).toBe('The ZIP file holds 2 data files; one is checked at a time. Choose which below.');
		expect(asked.archive).toEqual({ choices: ['data/mhsds.csv', 'data/fingertips.csv'], read: undefined });
		const chosen = await run(zipped, 'data/fingertips.csv');
		expect(chosen.detection?.format).toBe('fingertips');
		expect(chosen.archive?.read).toBe('data/fingertips.csv');
		expect((await run(zipped, '../etc/passwd')).fatal).toBe('The ZIP file holds no file called "../etc/passwd". Choose one of the files it holds.');
	});

	it('says why a ZIP cannot be read: no data file, a password, an unknown method, damage, a ZIP inside, a record-level extract', async () => {
		const cases: [Uint8Array, RegExp][] = [
			[makeZip([]), /^The ZIP file is empty/],
			[makeZip([{ name: 'notes.docx', data: 'x' }]), /holds no data file \(CSV, TSV, XLSX, Parquet or Arrow\): it holds notes\.docx/],
			[makeZip([{ name: 'a.csv', data: csv, encrypted: true }]), /a\.csv, in the ZIP file, could not be read: it is protected by a password/],
			[makeZip([{ name: 'a.csv', data: csv, method: 12 }]), /compressed by a method the browser cannot undo \(ZIP method 12\)/],
			[
				(() => {
					const whole = makeZip([{ name: 'a.csv', data: csv }]);
					return whole.subarray(0, whole.length / 2);
				})(),
				/could not be opened: its table of contents .* is missing: the file may be cut short/
			],
			[makeZip([{ name: 'inner.zip', data: makeZip([{ name: 'a.csv', data: csv }]), method: 0 }]), /^inner\.zip is itself a ZIP file/],
			[
				makeZip([{ name: 'r.csv', data: `${RECORD_HEADER}\nP1,QOP,2023-05-14,1,White,specialist\n` }]),
				/r\.csv is a record-level extract .* Choose the ZIP file on the upload page, which unzips it for DuckDB, or unzip it and choose r\.csv itself/
			]
		];
		for (const [bytes, message] of cases) expect((await run(bytes)).fatal, String(message)).toMatch(message);
		// A stored byte changed after zipping: the checksum says so.
		const flipped = makeZip([{ name: 'a.csv', data: csv, method: 0 }]);
		flipped[40] ^= 1;
		expect((await run(flipped)).fatal).toMatch(/damaged: what unzips is not what was zipped \(its checksum differs\)/);
	});

	it('finds a record-level extract in a ZIP from its first 64 KB, and unzips it whole into a File, checked on the way', async () => {
		// Several MB of records: many chunks through the inflater, and more than the first look.
		const lines = [RECORD_HEADER];
		for (let i = 0; i < 60_000; i++) lines.push(`P${String(i).padStart(7, '0')},QOP,14/05/2023,${(i % 5) + 1},White,specialist`);
		const records = new TextEncoder().encode(`${lines.join('\n')}\n`);
		for (const method of [0, 8]) {
			const zipped = makeZip([
				{ name: 'extracts/contacts 2023.csv', data: records, method },
				{ name: 'Read me.pdf', data: '%PDF-1.4' }
			]);
			const found = await recordExtractInZip(zipped);
			expect(found, `method ${method}`).toMatchObject({
				name: 'extracts/contacts 2023.csv',
				size: records.length,
				header: RECORD_HEADER.split(','),
				choices: ['extracts/contacts 2023.csv'],
				note: `Read extracts/contacts 2023.csv (${(records.length / 1e6).toFixed(1)} MB) from the ZIP file. It also holds Read me.pdf, which is not read.`
			});
			const seen: number[] = [];
			const file = await found!.unzip({ onProgress: (n) => seen.push(n) });
			if (typeof file === 'string') throw new Error(file);
			expect(file.name).toBe('contacts 2023.csv');
			// Compared as a Buffer: a deep comparison of MBs, element by element, takes many seconds.
			expect(Buffer.from(await file.arrayBuffer()).equals(records)).toBe(true);
			expect(seen.at(-1)).toBe(records.length);
		}
		// A byte changed after zipping is found by the checksum, and said.
		const flipped = makeZip([{ name: 'r.csv', data: records, method: 0 }]);
		flipped[30 + 'r.csv'.length + 200_000] ^= 1;
		expect(await (await recordExtractInZip(flipped))!.unzip()).toBe(
			'r.csv, in the ZIP file, could not be unzipped: the archive is damaged: what unzips is not what was zipped (its checksum differs).'
		);
		// An entry that unzips to more than its table of contents says is stopped there, not written on without end.
		const deflated = makeZip([{ name: 'r.csv', data: records }]);
		const [big] = zipEntries(deflated) as ZipEntry[];
		expect(await unzipToFile(deflated, { ...big, size: 100_000 })).toMatch(
			/^the archive is damaged: it could not be unzipped \(it unzips to more than the 100,000 bytes its table of contents gives\)$/
		);
		// Cancelled, on the way or before it starts.
		const stopping = new AbortController();
		const cancelled = unzipToFile(deflated, big, { signal: stopping.signal, onProgress: (n) => n > 1e6 && stopping.abort() });
		expect(await cancelled).toBe('Cancelled.');
		expect(await (await recordExtractInZip(deflated))!.unzip({ signal: AbortSignal.abort() })).toBe('Cancelled.');
		// Of several data files, the one chosen; any other file in a ZIP, or a workbook, is not one.
		const two = makeZip([
			{ name: 'mhsds.csv', data: csv },
			{ name: 'r.csv', data: records }
		]);
		expect(await recordExtractInZip(two)).toBeNull();
		expect((await recordExtractInZip(two, 'r.csv'))?.name).toBe('r.csv');
		expect(await recordExtractInZip(two, 'mhsds.csv')).toBeNull();
		expect(await recordExtractInZip(records)).toBeNull();
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(lines.slice(0, 3).map((l) => l.split(','))), 'Records');
		expect(await recordExtractInZip(new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' })))).toBeNull();
	});

	it('stops an entry that inflates past the limit, whatever size its header declares', async () => {
		const bomb = makeZip([{ name: 'a.csv', data: new Uint8Array(5_000_000), declaredSize: 10 }]);
		const entries = zipEntries(bomb);
		if (typeof entries === 'string') throw new Error(entries);
		expect(bomb.length).toBeLessThan(10_000);
		expect(await unzipEntry(bomb, entries[0], 1_000_000)).toBe('it unzips to more than the 1 MB that can be checked here');
		expect(await unzipEntry(bomb, { ...entries[0], size: 2_000_000 }, 1_000_000)).toBe('it unzips to 2 MB, more than the 1 MB that can be checked here');
	});
});
