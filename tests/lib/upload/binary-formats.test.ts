import { csvParse } from 'd3-dsv';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC, utf8, float64 } from '@uwdata/flechette';
import * as XLSX from '@e965/xlsx';
import { referenceAreas } from '../../helpers/reference-areas';
import { describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/lib/server/engine/node-engine';
import { runPipelineOnFile } from '../../../src/lib/upload/pipeline';

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
		expect((await runPipelineOnFile({ bytes: broken, areas, baseUnits })).fatal).toMatch(/looks like an Excel workbook .* could not be read/);
		const parquet = new Uint8Array([...new TextEncoder().encode('PAR1'), 1, 2, 3, ...new TextEncoder().encode('PAR1')]);
		expect((await runPipelineOnFile({ bytes: parquet, areas, baseUnits })).fatal).toMatch(/looks like a Parquet file/);
	});
});
