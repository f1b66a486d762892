import { csvParse } from 'd3-dsv';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceAreas } from '../../helpers/reference-areas';
import { NodeEngine } from '../../../src/lib/server/engine/node-engine';
import { detectFormat } from '../../../src/lib/upload/detect';
import { checkTable } from '../../../src/lib/upload/pipeline';
import { aggregateRecords, countSql, describeFirstLook, guessRecordColumns, type RecordColumns } from '../../../src/lib/upload/record-level';
import { DuckDBInstance } from '@duckdb/node-api';
import { describePii } from '../../../src/lib/upload/pii';
import { countFailure, countParts } from '../../../src/lib/upload/record-upload';
import { RECORD_HEADER, validNhsNumbers, writeRecordExtract } from '../../helpers/record-extract';
import type { Engine } from '../../../src/lib/engine/engine';

const areas = referenceAreas;
const dir = mkdtempSync(join(tmpdir(), 'pmh-records-'));
const file = join(dir, 'extract.csv');
const header = RECORD_HEADER.split(',');
let engine: Engine;

beforeAll(async () => {
	await writeRecordExtract(file, { rows: 20_000 });
	engine = await NodeEngine.create();
});
afterAll(async () => engine.close());

/** The same counts by plain JavaScript over the parsed file: distinct women per ICB and financial year. */
function independentCounts() {
	const counts = new Map<string, Set<string>>();
	for (const r of csvParse(readFileSync(file, 'utf8'))) {
		const [d, m, y] = r.contact_date!.split('/').map(Number);
		const fy = m >= 4 ? y : y - 1;
		const key = `${r.icb_code}|${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
		(counts.get(key) ?? counts.set(key, new Set()).get(key)!).add(r.pseudo_id!);
		void d;
	}
	return new Map([...counts].map(([k, v]) => [k, v.size]));
}

/** Writes a small extract (its lines, the first the header) and counts it, by the usual column names unless told. */
async function countLines(name: string, lines: string[], columns: Partial<RecordColumns> = {}, header = lines[0].split(',')) {
	const path = join(dir, name);
	writeFileSync(path, lines.join('\n') + '\n');
	return aggregateRecords(engine, path, header, {
		person: 'pseudo_id',
		area: 'icb_code',
		date: 'contact_date',
		indicatorId: 'pmh_specialist_access',
		...columns
	});
}

describe('a record-level extract, aggregated by DuckDB where the file is', () => {
	it('is recognised from its header, and its columns guessed', () => {
		expect(detectFormat(header).format).toBe('record-level');
		expect(guessRecordColumns(header)).toMatchObject({
			person: 'pseudo_id',
			area: 'icb_code',
			date: 'contact_date',
			imd: 'imd_quintile',
			ethnicity: 'ethnic_group'
		});
	});

	it('counts each woman once per area and financial year, exactly as an independent count does', async () => {
		const columns = guessRecordColumns(header) as RecordColumns;
		const result = await aggregateRecords(engine, file, header, columns);
		expect(result.stats).toMatchObject({ records: 20_000, unreadableDates: 0, noPerson: 0 });
		expect(result.pii).toEqual([]);
		const expected = independentCounts();
		const all = result.table.rows.filter((r) => r[3] === '');
		expect(all.length).toBe(expected.size);
		for (const r of all) expect(Number(r[5]), `${r[1]} ${r[2]}`).toBe(expected.get(`${r[1]}|${r[2]}`));
		// Quintiles of an area-year add up to its total (every record has one).
		const gm = result.table.rows.filter((r) => r[1] === 'QOP' && r[2] === '2023/24');
		const total = Number(gm.find((r) => r[3] === '')![5]);
		expect(gm.filter((r) => r[3] === 'imd_quintile').reduce((a, r) => a + Number(r[5]), 0)).toBe(total);
		expect(result.sql).toContain("arg_min({'imd_quintile': imd_quintile, 'ethnic_group': ethnic_group}, contact)");
	});

	it('counted in parts at once (each woman in one part, by a hash of her id), gives exactly the counts of the whole', async () => {
		const columns = guessRecordColumns(header) as RecordColumns;
		const whole = await aggregateRecords(engine, file, header, columns);
		const others = await Promise.all([1, 2, 3].map(() => NodeEngine.create()));
		try {
			for (const of of [2, 3, 4]) {
				const parts = await aggregateRecords([engine, ...others].slice(0, of), file, header, columns);
				expect(parts.parts).toBe(of);
				expect(parts.table).toEqual(whole.table);
				expect(parts.stats).toEqual(whole.stats);
				expect(parts.sql).toContain(`% ${of} = 0`);
			}
			// With records that are not counted and personal data too: the checks add up as well.
			const risky = join(dir, 'risky-parts.csv');
			writeFileSync(
				risky,
				[
					'pseudo_id,icb_code,contact_date,comment',
					'P1,QOP,01/05/2023,943 476 5919',
					'P2,QOP,not a date,',
					',QOP,01/05/2023,',
					'P4,,01/05/2023,ann@example.org',
					'P5,QOP,02/05/2023,'
				].join('\n') + '\n'
			);
			const riskyHeader = ['pseudo_id', 'icb_code', 'contact_date', 'comment'];
			const riskyColumns = { person: 'pseudo_id', area: 'icb_code', date: 'contact_date', indicatorId: 'pmh_specialist_access' };
			const one = await aggregateRecords(engine, risky, riskyHeader, riskyColumns);
			const four = await aggregateRecords([engine, ...others], risky, riskyHeader, riskyColumns);
			expect(one.stats).toEqual({ records: 5, unreadableDates: 1, noPerson: 1, noArea: 1 });
			expect(four.stats).toEqual(one.stats);
			expect(four.table).toEqual(one.table);
			expect(four.pii.map((f) => [f.column, f.kind, f.count])).toEqual([
				['comment', 'NHS number', 1],
				['comment', 'email address', 1]
			]);
			expect(four.pii).toEqual(one.pii);
		} finally {
			await Promise.all(others.map((e) => e.close()));
		}
	});

	it('runs in one part per processor the browser reports, at most 4, and at most one per 2 GB of memory it reports', () => {
		expect([0, 1, 2, 3, 4, 16, Number.NaN, 2.5].map((n) => countParts(n))).toEqual([1, 1, 2, 3, 4, 4, 1, 2]);
		// Chromium reports memory as 0.25 to 8 GB; other browsers do not report it.
		expect([0.25, 0.5, 1, 2, 4, 6, 8, undefined, 0, Number.NaN].map((gb) => countParts(8, gb))).toEqual([1, 1, 1, 1, 2, 3, 4, 4, 4, 4]);
	});

	it('says what to do when DuckDB runs out of memory, not how to tune DuckDB', async () => {
		// DuckDB's own error, from a count with too little memory (as a browser short of memory gives it).
		const tight = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '30MB' });
		const connection = await tight.connect();
		const columns = guessRecordColumns(header) as RecordColumns;
		const error = await connection.run(`SET temp_directory = ''`).then(() =>
			connection.run(countSql(file, columns, header)).then(
				() => null,
				(e: Error) => e
			)
		);
		connection.closeSync();
		expect(error?.message).toMatch(/^Out of Memory Error/);
		const said = countFailure(error);
		expect(said).toMatch(
			/^The records could not be counted: this browser could not give DuckDB enough memory for this file \(Out of Memory Error: [^\n]+\)\. Nothing was kept\./
		);
		expect(said).toContain(
			"split the file by financial year (April to March, so that no woman's year is split) and publish each part in turn as the next version of the dataset."
		);
		expect(said).not.toMatch(/SET threads|temp_directory|https?:/);
		// The wasm engine's own abort when it cannot grow its memory.
		expect(countFailure(new Error('Aborted(OOM)'))).toContain('could not give DuckDB enough memory');
		expect(countFailure(new Error('Cancelled.'))).toBe('Counting was cancelled. Nothing was kept.');
		expect(countFailure(new Error('Parser Error: syntax error'))).toBe('The records could not be counted: Parser Error: syntax error');
	});

	it('then goes through the same checks as any file: ODS codes to ONS codes, ethnic labels to the six groups, disclosure control', async () => {
		const columns = guessRecordColumns(header) as RecordColumns;
		const { table } = await aggregateRecords(engine, file, header, columns);
		const checked = checkTable({
			table,
			detection: { format: 'record-level', description: 'Record-level extract' },
			areas,
			baseUnits: { pmh_specialist_access: 'count' },
			mapping: { area: 'area_code', period: 'period', indicator: 'indicator_id', value: 'value', categoryType: 'category_type', category: 'category' },
			pii: [],
			encoding: 'UTF-8',
			readNotes: []
		});
		expect(checked.errorCount).toBe(0);
		const rows = checked.disclosed!.rows;
		const onsOf = (ods: string) => areas.find((a) => a.odsCode === ods)!.areaCode;
		expect(new Set(rows.map((r) => r.areaCode))).toEqual(new Set(['QOP', 'QOC', 'QUY', 'QE1', 'QHG'].map(onsOf)));
		expect(new Set(rows.filter((r) => r.categoryType === 'ethnic_group').map((r) => r.category))).toEqual(
			new Set(['White', 'Asian', 'Black', 'Mixed', 'Other', 'Not stated'])
		);
		for (const r of rows) if (!r.suppressed) expect(r.value! % 5).toBe(0);
	});

	it('reads values with spaces around them as the values: one woman, a date, an area and an NHS number', async () => {
		const result = await countLines(
			'padded.csv',
			[
				'pseudo_id,icb_code,contact_date,imd_quintile,note',
				'P1,QOP,01/05/2023,2,',
				'" P1 "," qop ", 02/05/2023 , 2 ,',
				'P2,QOP,"2023-06-01 ",1," 943 476 5919 "',
				'P3,QOP,   ,1,',
				'"  ",QOP,01/05/2023,1,'
			],
			{ imd: 'imd_quintile' }
		);
		expect(result.stats).toEqual({ records: 5, unreadableDates: 1, noPerson: 1, noArea: 0 });
		expect(result.table.rows.filter((r) => r[3] === '')).toEqual([['pmh_specialist_access', 'QOP', '2023/24', '', '', '2']]);
		expect(result.table.rows.filter((r) => r[3] === 'imd_quintile').map((r) => [r[4], r[5]])).toEqual([
			['1', '1'],
			['2', '1']
		]);
		expect(result.pii.map((f) => [f.column, f.kind, f.count])).toEqual([['note', 'NHS number', 1]]);
	});

	it('reads contact dates in the forms local extracts write them, a two-digit year as 20yy (never the year 23)', async () => {
		// Each woman's one contact, and the financial year it is in, worked out by hand.
		const contacts: [string, string][] = [
			['14/05/2023', '2023/24'],
			['2023-05-14', '2023/24'],
			['14-05-2023', '2023/24'],
			['1/4/2023', '2023/24'],
			['14/05/23', '2023/24'],
			['31/03/24', '2023/24'],
			['2024-03-31 23:59:59', '2023/24'],
			['2023-05-14 00:00:00.000', '2023/24'],
			['2023-05-14T09:30:00', '2023/24'],
			['14/05/2023 09:30', '2023/24'],
			['01/04/24', '2024/25'],
			['2024-04-01 00:00:00', '2024/25'],
			['31/02/2024', 'unreadable'],
			['14.05.2023', 'unreadable'],
			['May 2023', 'unreadable']
		];
		const result = await countLines('dates.csv', ['pseudo_id,icb_code,contact_date', ...contacts.map(([date], i) => `P${i},QOP,"${date}"`)]);
		const expected = (fy: string) => contacts.filter(([, year]) => year === fy).length;
		expect(result.stats).toEqual({ records: contacts.length, unreadableDates: expected('unreadable'), noPerson: 0, noArea: 0 });
		expect(result.table.rows.map((r) => [r[2], Number(r[5])])).toEqual([
			['2023/24', expected('2023/24')],
			['2024/25', expected('2024/25')]
		]);
	});

	it('finds NHS numbers by their check digit, names by the column and postcodes in any case, without reading the file into JavaScript', async () => {
		const findings = await countLines('risky.csv', [
			'pseudo_id,icb_code,contact_date,nhs_no,first_name,comment',
			'P1,QOP,01/05/2023,943 476 5919,Ann,seen at m13 9pl',
			'P2,QOP,02/05/2023,1234567890,Bea,ok',
			'P3,QOP,ann@example.org,,,'
		]);
		expect(findings.stats).toMatchObject({ records: 3, unreadableDates: 1 });
		expect(findings.pii.map((f) => [f.column, f.kind, f.count])).toEqual([
			// A contact date that is not a date is looked at like any value.
			['contact_date', 'email address', 1],
			['nhs_no', 'NHS number', 1],
			['first_name', 'personal name', 2],
			// Lower case too: the scan's pattern ignores case.
			['comment', 'postcode', 1]
		]);
	});
	it('puts a woman in the groups of her first contact in each financial year, whatever the order of the file', async () => {
		const result = await countLines(
			'moving.csv',
			[
				'pseudo_id,icb_code,contact_date,imd_quintile,ethnic_group',
				'P1,QOP,10/06/2023,3,White',
				'P1,QOP,01/05/2023,1,Mixed',
				'P1,QOP,01/04/2024,5,White',
				'P2,QOP,31/03/2024,2,White'
			],
			{ imd: 'imd_quintile', ethnicity: 'ethnic_group' }
		);
		const of = (period: string, type: string) => result.table.rows.filter((r) => r[2] === period && r[3] === type).map((r) => `${r[4]}=${r[5]}`);
		expect(of('2023/24', '')).toEqual(['=2']);
		expect(of('2023/24', 'imd_quintile')).toEqual(['1=1', '2=1']);
		expect(of('2023/24', 'ethnic_group')).toEqual(['Mixed=1', 'White=1']);
		expect(of('2024/25', 'imd_quintile')).toEqual(['5=1']);
		expect(result.stats).toEqual({ records: 4, unreadableDates: 0, noPerson: 0, noArea: 0 });
		// One reading of the file does the counts and the checks; a second only when something looks like personal data.
		expect(result.sql.match(/read_csv\(/g)).toHaveLength(1);
	});

	it('finds a titled name in a free-text column, and says when only the first values of a column were checked', async () => {
		// 6,000 records with valid NHS numbers: more than the exact check reads.
		const lines = ['pseudo_id,icb_code,contact_date,note,ref'];
		validNhsNumbers(6_000).forEach((number, i) => lines.push(`P${i},QOP,01/05/2023,${i === 3 ? 'Mrs Jane Smith' : i === 4 ? 'mrs smith' : 'ok'},${number}`));
		const result = await countLines('notes.csv', lines);
		expect(result.pii.map((f) => [f.column, f.kind, f.count, f.sampled])).toEqual([
			// Not "mrs smith": the exact check wants a capitalised name after the title.
			['note', 'personal name', 1, undefined],
			['ref', 'NHS number', 5_000, 5_000]
		]);
		expect(describePii(result.pii)[1]).toMatch(
			/^Column "ref": 5,000 NHS numbers in the first 5,000 values checked, and there may be more \(for example \d{3} \*\*\* \*\*\*\*/
		);
	});
	it('finds NHS numbers used as the person id (looked at once per woman, area and year)', async () => {
		const result = await countLines(
			'nhs-ids.csv',
			['nhs_id,icb_code,contact_date', '943 476 5919,QOP,01/05/2023', '943 476 5919,QOP,02/05/2023', 'P2,QOP,01/05/2023', ' 9434765919 ,QOC,01/05/2024'],
			{ person: 'nhs_id' }
		);
		expect(result.pii.map((f) => [f.column, f.kind, f.count])).toEqual([['nhs_id', 'NHS number', 3]]);
	});

	it('names the columns in the SQL it shows, and a column name cannot end a comment', async () => {
		const header = ['pseudo_id', 'icb_code', 'contact_date', 'note\nSELECT 1; --'];
		const result = await countLines('odd-names.csv', ['pseudo_id,icb_code,contact_date,"note\nSELECT 1; --"', 'P1,QOP,01/05/2023,x'], {}, header);
		expect(result.sql).toContain('--   pii_0 "pseudo_id", pii_1 "icb_code", pii_2 "contact_date", pii_3 "note SELECT 1; --"\n');
		expect(result.stats.records).toBe(1);
		expect(result.table.rows.filter((r) => r[3] === '')).toEqual([['pmh_specialist_access', 'QOP', '2023/24', '', '', '1']]);
	});

	it('says so when the first rows hold no whole record', async () => {
		const result = await countLines('header-only.csv', ['pseudo_id,icb_code,contact_date']);
		expect(result.stats.records).toBe(0);
		expect(describeFirstLook(result)).toMatch(/^The first 1 MB of the file hold no whole record/);
	});

	it('says in words what a first look at the first rows found, from the same counts', async () => {
		const result = await countLines('few.csv', [
			'pseudo_id,icb_code,contact_date,note',
			'P1,QOP,01/05/2023,',
			'P1,QOP,01/06/2023,',
			'P2,QOC,01/05/2024,',
			'P3,QOC,soon,',
			',QOC,01/05/2024,943 476 5919',
			'P4,,01/05/2024,'
		]);
		// P1 once in QOP 2023/24, P2 once in QOC 2024/25; P3 has no date, then a record with no person and one with no area
		// (empty fields, which DuckDB reads as NULL: they were once left out without being reported).
		expect(describeFirstLook(result)).toBe(
			'A first look at the first 6 records with these columns: 2 women counted (once per area and financial year) in 2 areas over 2 financial years; 1 with no readable contact date, 1 with no person id, 1 with no area (not counted). Personal data seen: Column "note": 1 NHS number (for example 943 *** ****).'
		);
	});
});
