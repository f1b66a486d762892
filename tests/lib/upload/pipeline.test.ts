import { csvFormatRows, csvParseRows } from 'd3-dsv';
import { readFileSync } from 'node:fs';
import { referenceAreas } from '../../helpers/reference-areas';
import { mhsdsMonthlyText } from '../../helpers/mhsds-monthly';
import { describe, expect, it } from 'vitest';
import { checkTable, runPipeline } from '../../../src/lib/upload/pipeline';
import { findPii, isNhsNumber } from '../../../src/lib/upload/pii';
import { parsePeriod, toEthnicGroup } from '../../../src/lib/upload/observations';

const areas = referenceAreas;
const baseUnits = { pmh_specialist_access: 'count', maternities: 'count' };
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/upload/${name}`));
const run = (name: string, extra = {}) => runPipeline({ bytes: fixture(name), areas, baseUnits, ...extra });

describe('a Fingertips export (BOM, CRLF, quoted names with commas, " - QXX" suffixes, a newline inside a note)', () => {
	const result = run('fingertips-export.csv');
	const rows = result.adapted!.observations;
	const byArea = (code: string, period = '2023/24') => rows.find((o) => o.areaCode === code && o.period === period && o.categoryType === '');

	it('is recognised, read as UTF-8 without the byte-order mark, with every line accounted for', () => {
		expect(result.detection?.format).toBe('fingertips');
		expect(result.encoding).toBe('UTF-8');
		expect(result.readNotes.join(' ')).toMatch(/byte-order mark/);
		expect(result.header[0]).toBe('Indicator ID');
		expect(result.rowCount).toBe(9);
		expect(result.errorCount).toBe(0);
		expect(result.ok).toBe(true);
	});

	it('maps a former code to the current one, keeps an area the reference lacks (with its parent), and leaves out deprivation deciles, saying so', () => {
		expect(byArea('E54000063')?.count).toBe(1003);
		expect(result.adapted!.notes.join(' ')).toMatch(
			/Areas given other than by their current ONS code, matched to it: .*E54000052 -> E54000063 \(by former code\)/
		);
		expect(result.adapted!.areas).toEqual([{ areaCode: 'E08000003', name: 'Manchester', parentCode: 'E40000010', parentName: 'North West' }]);
		expect(result.adapted!.notes.join(' ')).toMatch(/2 rows left out: breakdown "County & UA deprivation deciles/);
		expect(rows).toHaveLength(7);
	});

	it('reads the suppressed row as suppressed (never 0), the line where it starts, and the unit from value = count / denominator', () => {
		const suppressed = byArea('E54000011')!;
		expect(suppressed).toMatchObject({ value: null, count: null, suppressed: true, line: 6 });
		expect(suppressed.note).toContain('\n');
		// The row after the two-line note starts on line 8.
		expect(byArea('E08000003')?.line).toBe(8);
		expect(result.adapted!.indicators[0]).toMatchObject({ indicatorId: 'fingertips_90001', unit: 'percent' });
	});

	it('applies disclosure control: England unrounded, sub-national counts rounded to 5', () => {
		const disclosed = result.disclosed!.rows;
		const find = (code: string) => disclosed.find((o) => o.areaCode === code && o.period === '2023/24' && o.categoryType === '')!;
		expect(find('E92000001').count).toBe(57000);
		expect(find('E54000057').count).toBe(2905);
		expect(find('E54000063').count).toBe(1005);
		expect(find('E54000063').denominator).toBe(11000);
		expect(find('E08000003').count).toBe(980);
	});
});

describe('the Fingertips export header as it has changed over the years', () => {
	// Two later headers seen in public code that reads real exports: 27 columns, with "Time period range" and the
	// regional comparison column renamed.
	const VARIANTS = [
		['Compared to Region value or percentiles', 'Compared to Regions (statistical) value or percentiles'],
		['Compared to Region value or percentiles', 'Compared to percentiles']
	];
	const text = new TextDecoder().decode(fixture('fingertips-export.csv'));
	for (const [from, to] of VARIANTS)
		it(`reads the export with "${to}" and a trailing "Time period range" column as the 26-column one`, () => {
			// The header renamed and a column added; every record ends its last line with one more empty cell.
			const [header, ...rest] = text.split('\r\n');
			expect(header).toContain(from);
			const records = rest.join('\r\n').replace(/,(\r\n(?=\d)|\r\n$)/g, ',,$1');
			const variant = new TextEncoder().encode(`${header.replace(from, to)},Time period range\r\n${records}`);
			const result = runPipeline({ bytes: variant, areas, baseUnits });
			expect(result.detection).toEqual({ format: 'fingertips', description: 'Fingertips (OHID) data export, 27 columns' });
			expect(result.errorCount).toBe(0);
			expect(result.adapted!.observations).toEqual(run('fingertips-export.csv').adapted!.observations);
		});
});

// Rows like the Fingertips fixture's first (England, 2023/24), with named columns changed.
const [header, first] = new TextDecoder()
	.decode(fixture('fingertips-export.csv'))
	.replace(/^\uFEFF/, '')
	.split('\r\n');
const names = csvParseRows(header)[0];
const template = csvParseRows(first)[0];
/** A row like the fixture's first (England, 2023/24), with the named columns changed. */
const row = (changes: Record<string, string>) => csvFormatRows([template.map((value, i) => changes[names[i]] ?? value)]);
const file = (...rows: string[]) => runPipeline({ bytes: new TextEncoder().encode([header, ...rows].join('\r\n') + '\r\n'), areas, baseUnits });
const GM = {
	'Parent Code': 'E40000010',
	'Parent Name': 'North West',
	'Area Code': 'E54000057',
	'Area Name': 'NHS Greater Manchester ICB - QOP',
	'Area Type': 'ICBs'
};
const read = (result: ReturnType<typeof file>) => result.adapted!.observations.map((o) => [o.areaCode, o.period, o.periodStart, o.periodEnd, o.count]);

describe('a Fingertips export of an indicator published by sex, by age band, for pooled years, and with repeated rows', () => {
	it('reads Persons and leaves out the rows for each sex, saying so; the definition says who the figures are for', () => {
		const result = file(
			row({ Sex: 'Persons', Count: '57000' }),
			row({ Sex: 'Male', Count: '1000' }),
			row({ Sex: 'Female', Count: '56000' }),
			row({ ...GM, Sex: 'Persons', Count: '2905' }),
			row({ ...GM, Sex: 'Female', Count: '2900' })
		);
		expect(result.errorCount).toBe(0);
		expect(read(result).map((r) => [r[0], r[4]])).toEqual([
			['E92000001', 57000],
			['E54000057', 2905]
		]);
		expect(result.adapted!.notes.join(' ')).toContain('3 rows left out: rows for one sex where the export also has Persons rows');
		expect(result.adapted!.indicators[0].definition).toBe('Test indicator: women seen by specialist perinatal mental health services (%) (Persons, All ages)');
	});

	it('reads All ages and leaves out the age bands; one age band alone is read as it is', () => {
		const bands = file(row({ Age: 'All ages', Count: '57000' }), row({ Age: '15-44 yrs', Count: '50000' }), row({ Age: '45+ yrs', Count: '7000' }));
		expect(bands.errorCount).toBe(0);
		expect(read(bands).map((r) => r[4])).toEqual([57000]);
		expect(bands.adapted!.notes.join(' ')).toContain('2 rows left out: rows for an age band where the export also has All ages rows');
		const one = file(row({ Age: '15-44 yrs', Count: '50000' }));
		expect(read(one).map((r) => r[4])).toEqual([50000]);
		expect(one.adapted!.indicators[0].definition).toMatch(/\(Female, 15-44 yrs\)$/);
	});

	it('does not guess between sexes when there is no Persons row: one problem for the indicator, saying what to export', () => {
		const result = file(row({ Sex: 'Male', Count: '1000' }), row({ Sex: 'Female', Count: '56000' }), row({ ...GM, Sex: 'Female' }));
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => [p.row, p.column, p.value, p.kind])).toEqual([[2, 'Sex', 'Male; Female', 'several sexes']]);
		expect(result.problems[0].message).toBe(
			'indicator 90001 has rows for Male, Female and none for all of them together, and the dashboard has no breakdown by sex'
		);
		expect(result.problems[0].fix).toMatch(/^Export the indicator for Persons, or for one sex only/);
		expect(result.adapted!.observations).toEqual([]);
	});

	it('reads pooled years, calendar and financial, with the dates they cover', () => {
		const result = file(row({ 'Time period': '2011 - 13' }), row({ 'Time period': '2016/17 - 20/21' }), row({ 'Time period': '2098 - 02' }));
		expect(result.errorCount).toBe(0);
		expect(read(result).map((r) => r.slice(1, 4))).toEqual([
			['2011 - 13', '2011-01-01', '2013-12-31'],
			['2016/17 - 20/21', '2016-04-01', '2021-03-31'],
			['2098 - 02', '2098-01-01', '2102-12-31']
		]);
		const bad = file(row({ 'Time period': '2016/17 - 20/22' }), row({ 'Time period': '2013 - 11' }));
		expect(bad.problems.map((p) => [p.value, p.kind])).toEqual([
			['2016/17 - 20/22', 'bad period'],
			['2013 - 11', 'bad period']
		]);
	});

	it('reads a row repeated exactly (an area listed under two parents) once, and still stops two rows that disagree', () => {
		const repeated = file(row(GM), row({ ...GM, 'Parent Code': 'E92000001', 'Parent Name': 'England' }), row({}));
		expect(repeated.errorCount).toBe(0);
		expect(read(repeated).map((r) => r[0])).toEqual(['E54000057', 'E92000001']);
		expect(repeated.adapted!.notes.join(' ')).toContain('1 row repeated an earlier row exactly');
		const disagree = file(row(GM), row({ ...GM, Count: '2910' }));
		expect(disagree.problems.map((p) => [p.row, p.kind, p.message])).toEqual([
			[3, 'duplicate row', 'the same indicator, area, period and breakdown as line 2, with other figures']
		]);
	});
});

describe('the unit of a Fingertips indicator, read from its figures', () => {
	// 35,241 admissions in a population of 9,987,942: worked out here, not by the importer.
	const [count, denominator] = [35241, 9987942];
	const crude = (scale: number) => (count / denominator) * scale;
	const figures = (value: number, extra: Record<string, string> = {}) => ({
		'Indicator ID': '90813',
		'Indicator Name': 'Hospital admissions as a result of self-harm (10 to 24 years)',
		Value: String(value),
		'Lower CI 95.0 limit': String(value * 0.99),
		'Upper CI 95.0 limit': String(value * 1.01),
		Count: String(count),
		Denominator: String(denominator),
		...extra
	});
	const only = (result: ReturnType<typeof file>) => ({
		unit: result.adapted!.indicators[0]?.unit,
		note: result.adapted!.notes.find((n) => n.includes('unit read as')),
		row: result.adapted!.observations[0]
	});

	it('holds a rate per 100,000 as a rate per 1,000: value and limits divided by 100, said in the note and the definition', () => {
		const result = file(row(figures(crude(100_000))), row({ ...figures(400, { Count: '2000', Denominator: '500000' }), ...GM }));
		expect(result.problems).toEqual([]);
		const { unit, note, row: england } = only(result);
		expect(unit).toBe('rate_per_1000');
		expect(note).toBe(
			'Hospital admissions as a result of self-harm (10 to 24 years): unit read as a rate per 1,000 (a rate per 100,000: value = count / denominator x 100,000; held per 1,000: each value and limit divided by 100).'
		);
		expect(england.value).toBeCloseTo(crude(1_000), 9);
		expect(england.lowerCi95).toBeCloseTo(crude(1_000) * 0.99, 9);
		expect(england.upperCi95).toBeCloseTo(crude(1_000) * 1.01, 9);
		expect(result.adapted!.observations[1].value).toBe(4);
		expect(result.adapted!.indicators[0].definition).toMatch(/Published as a rate per 100,000; shown per 1,000$/);
	});

	it('reads a directly standardised rate (near the crude one, not equal to it) by its nearest scale, and says it is standardised', () => {
		const { unit, note, row: england } = only(file(row(figures(crude(100_000) * 0.8))));
		expect(unit).toBe('rate_per_1000');
		expect(note).toMatch(/a rate per 100,000: value ≈ count \/ denominator x 100,000, a standardised rate; held per 1,000/);
		expect(england.value).toBeCloseTo(crude(1_000) * 0.8, 9);
	});

	it('holds a proportion as a percentage, and reads percentages, rates per 1,000 and counts as they are', () => {
		expect(only(file(row(figures(crude(1))))).row.value).toBeCloseTo(crude(100), 9);
		expect(only(file(row(figures(crude(1))))).unit).toBe('percent');
		expect(only(file(row(figures(crude(100)))))).toMatchObject({ unit: 'percent', row: { value: crude(100) } });
		expect(only(file(row(figures(crude(1_000)))))).toMatchObject({ unit: 'rate_per_1000', row: { value: crude(1_000) } });
		expect(only(file(row(figures(count))))).toMatchObject({ unit: 'count', note: expect.stringMatching(/value equals count/) });
	});

	it('goes by the name when there is no count and denominator, and stops an indicator whose unit nothing says', () => {
		const bare = (value: string, name: string) =>
			row(figures(0, { Value: value, Count: '', Denominator: '', 'Lower CI 95.0 limit': '', 'Upper CI 95.0 limit': '', 'Indicator Name': name }));
		expect(only(file(bare('352.8', 'Suicide rate per 100,000')))).toMatchObject({ unit: 'rate_per_1000', row: { value: 3.528 } });
		expect(only(file(bare('412', 'Women seen')))).toMatchObject({ unit: 'count', note: expect.stringMatching(/whole numbers, no denominator/) });
		const unknown = file(bare('352.8', 'Self-harm admissions'));
		expect(unknown.ok).toBe(false);
		expect(unknown.problems).toEqual([
			expect.objectContaining({
				kind: 'unit not known',
				message:
					'the unit of Self-harm admissions cannot be told: its values are not whole numbers (352.8), so not counts, and neither a count and denominator nor its name says whether they are percentages or rates'
			})
		]);
	});

	it('says once how the units of many indicators were read alike (a profile export holds dozens), each of a few on its own', () => {
		const percent = (k: number) => ({
			'Indicator ID': String(92000 + k),
			'Indicator Name': `Measure ${k}, women (%)`,
			Value: String((2905 / 32000) * 100),
			'Lower CI 95.0 limit': '8.8',
			'Upper CI 95.0 limit': '9.4',
			Count: '2905',
			Denominator: '32000'
		});
		const result = file(...[1, 2, 3, 4, 5].map((k) => row(percent(k))), row(figures(crude(100_000))));
		expect(result.problems).toEqual([]);
		expect(result.adapted!.notes.filter((n) => n.includes('unit read as'))).toEqual([
			'5 indicators, unit read as a percentage (a percentage: value = count / denominator x 100): Measure 1, women (%); Measure 2, women (%); Measure 3, women (%) and 2 more.',
			'Hospital admissions as a result of self-harm (10 to 24 years): unit read as a rate per 1,000 (a rate per 100,000: value = count / denominator x 100,000; held per 1,000: each value and limit divided by 100).'
		]);
	});
});

describe('an indicator the dataset already has, in the unit it is held in there', () => {
	// A local extract through the mapping screen: one indicator, England and one ICB, 2023/24.
	const mapping = { area: 'Area', period: 'Year', indicator: 'Indicator', value: 'Value', count: 'Count', denominator: 'Denominator' };
	const upload = (held: Record<string, string>, ...rows: [string, string, string, string][]) =>
		runPipeline({
			bytes: new TextEncoder().encode(
				[
					'Area\tYear\tIndicator\tValue\tCount\tDenominator',
					...rows.map(([area, value, count, den]) => `${area}\t2023/24\tlocal_rate\t${value}\t${count}\t${den}`)
				].join('\n')
			),
			areas,
			baseUnits: { ...baseUnits, ...held },
			mapping
		});
	const values = (result: ReturnType<typeof upload>) => result.adapted!.observations.map((o) => o.value);

	it('takes the unit from the dataset when the file cannot say it (fractional values, no count or denominator)', () => {
		const result = upload({ local_rate: 'percent' }, ['E92000001', '12.5', '', ''], ['QOP', '13.25', '', '']);
		expect(result.problems).toEqual([]);
		expect(result.adapted!.indicators[0].unit).toBe('percent');
		expect(values(result)).toEqual([12.5, 13.25]);
		expect(result.adapted!.notes.join(' ')).toMatch(/local_rate: unit read as a percentage \(the unit the dataset holds it in\)/);
		// Without the dataset's unit the same file cannot be read.
		expect(upload({}, ['E92000001', '12.5', '', ''], ['QOP', '13.25', '', '']).problems.map((p) => p.kind)).toEqual(['unit not known']);
	});

	it('takes the unit from the dataset over a guess from whole numbers', () => {
		const result = upload({ local_rate: 'percent' }, ['E92000001', '12', '', ''], ['QOP', '13', '', '']);
		expect(result.problems).toEqual([]);
		expect(result.adapted!.indicators[0].unit).toBe('percent');
	});

	it('puts a rate the figures show on the scale the dataset holds it on (a percentage held per 1,000 is x 10)', () => {
		// 120 of 1,000 is 12%, 12 per 100 = 120 per 1,000: worked out here.
		const result = upload({ local_rate: 'rate_per_1000' }, ['E92000001', '12', '120', '1000'], ['QOP', '5', '50', '1000']);
		expect(result.problems).toEqual([]);
		expect(result.adapted!.indicators[0].unit).toBe('rate_per_1000');
		expect(values(result)).toEqual([120, 50]);
		expect(result.adapted!.notes.join(' ')).toMatch(/held per 1,000, as the dataset holds it: each value and limit multiplied by 10/);
	});

	it('stops an indicator whose figures say another kind of unit than the dataset holds, rather than publish it mislabelled', () => {
		// 5 of 50 women as 10%: the dataset holds local_rate as a count, so 10 would be published as 10 women.
		const result = upload({ local_rate: 'count' }, ['E92000001', '10', '5', '50'], ['QOP', '20', '10', '50']);
		expect(result.ok).toBe(false);
		expect(result.problems).toEqual([
			expect.objectContaining({
				kind: 'unit differs from the dataset',
				value: 'local_rate',
				message: 'local_rate is held in this dataset as a count, but the file gives it as a percentage (a percentage: value = count / denominator x 100)'
			})
		]);
		expect(result.adapted!.observations).toEqual([]);
	});

	it('reads women counted from a record-level extract as a count, and stops them for an indicator the dataset holds as a percentage', () => {
		// The counting query's result for one ICB and England, as DuckDB gives it to the checks.
		const counted = (indicator: string, held: Record<string, string>) =>
			checkTable({
				table: {
					delimiter: ',',
					header: ['indicator_id', 'area_code', 'period', 'category_type', 'category', 'value'],
					rows: [
						[indicator, 'QOP', '2023/24', '', '', '412'],
						[indicator, 'E92000001', '2023/24', '', '', '5120']
					],
					lines: [2, 3]
				},
				detection: { format: 'record-level', description: 'Record-level extract' },
				areas,
				baseUnits: { ...baseUnits, ...held },
				mapping: { area: 'area_code', period: 'period', indicator: 'indicator_id', value: 'value', categoryType: 'category_type', category: 'category' },
				pii: [],
				encoding: 'text, by DuckDB',
				readNotes: []
			});
		const reached = counted('pmh_specialist_access', {});
		expect(reached.problems).toEqual([]);
		expect(reached.adapted!.indicators[0].unit).toBe('count');
		// Whole numbers would otherwise be taken for the held percentage: 412 women shown as 412%.
		const ambition = counted('ltp_access_ambition', { ltp_access_ambition: 'percent' });
		expect(ambition.ok).toBe(false);
		expect(ambition.problems.map((p) => p.message)).toEqual([
			'ltp_access_ambition is held in this dataset as a percentage, but the file gives it as a count (women counted from the records)'
		]);
	});

	it('stops MHS91 (read as a count of women reached) where the dataset holds that indicator in another unit', () => {
		const result = run('mhsds-monthly.csv', { baseUnits: { ...baseUnits, pmh_specialist_access: 'percent' } });
		expect(result.ok).toBe(false);
		expect(result.problems.filter((p) => p.kind === 'unit differs from the dataset').map((p) => p.message)).toEqual([
			'pmh_specialist_access is held in this dataset as a percentage, but the file gives it as a count'
		]);
		expect(result.adapted!.observations.some((o) => o.indicatorId === 'pmh_specialist_access')).toBe(false);
	});
});

describe('a Fingertips export of an indicator published down to GP practices', () => {
	// Practices (ODS practice codes, their parent a PCN) and PCNs, as Fingertips names their area types.
	const GP = 'Some Surgery';
	const extra = [
		`90001,Test indicator,U15488,East Basildon PCN,F81012,${GP},GPs,Female,All ages,,,2023/24,9.1000,,,,,91,1000,,,,,20230000,,`,
		'90001,Test indicator,E54000026,NHS Mid and South Essex ICB,U15488,East Basildon PCN,PCNs (v. 15/07/24),Female,All ages,,,2023/24,9.0000,,,,,450,5000,,,,,20230000,,',
		`90001,Test indicator,U15488,East Basildon PCN,F81013,"${GP.toUpperCase()}, BASILDON",GP practice,Female,All ages,,,2022/23,9.3000,,,,,93,1000,,,,,20220000,,`
	];
	const text = new TextDecoder().decode(fixture('fingertips-export.csv'));
	const result = runPipeline({ bytes: new TextEncoder().encode(`${text}${extra.join('\r\n')}\r\n`), areas, baseUnits });

	it('reads the other areas as before and counts the practice and PCN rows as left out, not as unknown areas', () => {
		expect(result.errorCount).toBe(0);
		expect(result.rowCount).toBe(12);
		expect(result.adapted!.observations).toEqual(run('fingertips-export.csv').adapted!.observations);
		const notes = result.adapted!.notes.join(' ');
		expect(notes).toContain('2 rows left out: GP practice rows');
		expect(notes).toContain('1 row left out: primary care network rows');
		expect(result.adapted!.areas.map((a) => a.name)).not.toContain(GP);
	});
});

describe('an MHSDS monthly file', () => {
	const result = run('mhsds-monthly.csv');
	const rows = result.adapted!.observations;

	it('reads MHS91 as women reached for the 12 months to each month, areas by ODS and Y-codes, "*" as suppressed', () => {
		expect(result.detection?.format).toBe('mhsds-monthly');
		expect(result.errorCount).toBe(0);
		const gm = rows.filter((o) => o.areaCode === 'E54000057');
		expect(gm.map((o) => [o.period, o.periodStart, o.periodEnd, o.value])).toEqual([
			['2023/24', '2023-04-01', '2024-03-31', 3160],
			['12 months to 2024-06', '2023-07-01', '2024-06-30', 3205]
		]);
		expect(rows.find((o) => o.areaCode === 'E40000012')?.value).toBe(9870);
		expect(rows.find((o) => o.areaCode === 'E54000011')).toMatchObject({ value: null, suppressed: true });
		expect(rows.every((o) => o.indicatorId === 'pmh_specialist_access')).toBe(true);
		expect(rows.find((o) => o.categoryType === 'ethnic_group')).toMatchObject({ areaCode: 'E92000001', category: 'Asian', value: 5120 });
	});

	it('reports provider and sub-ICB rows as left out rather than dropping them silently', () => {
		const notes = result.adapted!.notes.join(' ');
		expect(notes).toMatch(/1 row left out: provider rows/);
		expect(notes).toMatch(/1 row left out: sub-ICB rows/);
	});
});

describe('an MHSDS monthly file with the breakdown labels, dates and unknown areas of the real files', () => {
	const MHS91 = 'MHS91,Number of people in contact with Specialist Perinatal Mental Health Community Services (12 month rolling)';
	const row = (start: string, end: string, breakdown: string, level: string, name: string, second: string, value: string) =>
		`${start},${end},Performance,${breakdown},${level},${name},${second},${second},${MHS91},${value}`;
	const GM = 'NHS GREATER MANCHESTER INTEGRATED CARE BOARD';
	// Labels NHS England has used for the same geographies (publication code in the public domain names them), and
	// the date forms people who read these files report.
	const lines = [
		row('01-04-2022', '30-04-2022', 'STP - GP Practice or Residence', 'QOP', GM, 'NONE', '2890'),
		row('01/05/22', '31/05/22', 'ICB of Residence', 'QOP', GM, 'NONE', '2900'),
		row('2023-06-01', '2023-06-30 00:00:00', 'ICB - GP Practice or Residence; Ethnicity', 'QOP', GM, 'White', '2400'),
		row('01/03/2024', '31/03/2024', 'ICB - GP Practice or Residence', 'UNKNOWN', 'UNKNOWN', 'NONE', '310'),
		row('01/03/2024', '31/03/2024', 'Sub-ICB Location - GP Practice or Residence', '00T', 'NHS GREATER MANCHESTER ICB - 00T', 'NONE', '480'),
		row('01/03/2024', '31/03/2024', 'Provider of Responsibility', 'RW5', 'LANCASHIRE & SOUTH CUMBRIA NHS FOUNDATION TRUST', 'NONE', '1432'),
		row('01/03/2024', '31/03/2024', 'LAD/UA', 'E08000003', 'Manchester', 'NONE', '700'),
		row('01/03/2024', '31/03/2024', 'Bed Type as Reported to MHSDS; Age Group', 'Adult', 'Adult', '18 and over', '12'),
		row('01/03/2024', '31/03/2024', 'England; Provider Type', 'England', 'England', 'NHS', '50000')
	];
	const text = new TextDecoder().decode(fixture('mhsds-monthly.csv'));
	const result = runPipeline({ bytes: new TextEncoder().encode(`${text.trimEnd()}\n${lines.join('\n')}\n`), areas, baseUnits });
	const base = run('mhsds-monthly.csv').adapted!.observations;
	const added = result.adapted!.observations.slice(base.length);
	const notes = result.adapted!.notes.join(' ');

	it('reads ICBs under each of their labels, with dd-mm-yyyy, two-digit-year and yyyy-mm-dd dates', () => {
		expect(result.errorCount).toBe(0);
		expect(result.adapted!.observations.slice(0, base.length)).toEqual(base);
		expect(added.map((o) => [o.areaCode, o.period, o.periodEnd, o.categoryType, o.category, o.value])).toEqual([
			['E54000057', '12 months to 2022-04', '2022-04-30', '', '', 2890],
			['E54000057', '12 months to 2022-05', '2022-05-31', '', '', 2900],
			['E54000057', '12 months to 2023-06', '2023-06-30', 'ethnic_group', 'White', 2400]
		]);
	});

	it('leaves out unknown areas, sub-ICB locations, providers, local authorities and breakdowns with no area, each with its reason', () => {
		expect(notes).toContain('1 row left out: rows for an unknown area (PRIMARY_LEVEL UNKNOWN');
		expect(notes).toContain('2 rows left out: sub-ICB rows');
		expect(notes).toContain('2 rows left out: provider rows');
		expect(notes).toContain('1 row left out: local authority rows');
		expect(notes).toContain('1 row left out: rows of breakdowns that are not by England, ICB or commissioning region');
		expect(notes).toContain('Breakdowns left out: Bed Type as Reported to MHSDS.');
		// England by provider type: England, but by a breakdown the dashboard does not have.
		expect(notes).toContain('1 row left out: breakdown "Provider Type"');
		expect(result.adapted!.areas).toEqual([]);
	});

	it('reads a financial year only when it is one of this dashboard\'s years, not a misread "0023/24"', () => {
		expect(parsePeriod('2023/24')).toEqual({ period: '2023/24', start: '2023-04-01', end: '2024-03-31' });
		expect(parsePeriod('0023/24')).toBeUndefined();
		expect(parsePeriod('2023/25')).toBeUndefined();
	});

	it('still says which dates it cannot read, and how they are written', () => {
		const bad = runPipeline({
			bytes: new TextEncoder().encode(`${text.trimEnd()}\n${row('1 June 2024', '30.06.2024', 'ICB', 'QOP', GM, 'NONE', '5')}\n`),
			areas,
			baseUnits
		});
		expect(bad.problems.map((p) => [p.column, p.value, p.message])).toEqual([
			['REPORTING_PERIOD_END', '30.06.2024', '"30.06.2024" is not a date (dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd)']
		]);
	});
});

describe('ethnic categories that the dashboard counts as one group', () => {
	const mhsdsHeader = new TextDecoder().decode(fixture('mhsds-monthly.csv')).split('\n')[0].trim();
	const MHS91 = 'MHS91,Number of people in contact with Specialist Perinatal Mental Health Community Services (12 month rolling)';
	const measureRow = (breakdown: string, level: string, category: string, value: string) =>
		`01/03/2024,31/03/2024,Performance,${breakdown},${level},${level === 'England' ? 'England' : 'NHS GREATER MANCHESTER INTEGRATED CARE BOARD'},${category},${category},${MHS91},${value}`;
	const higher = (category: string, value: string) => measureRow('England; Ethnicity (Higher Level)', 'England', category, value);
	const lower = (category: string, value: string, level = 'England') =>
		measureRow(`${level === 'England' ? 'England' : 'ICB - GP Practice or Residence'}; Ethnicity (Lower Level)`, level, category, value);
	const result = runPipeline({
		bytes: new TextEncoder().encode(
			[
				mhsdsHeader,
				higher('White', '1000'),
				higher('Mixed', '60'),
				higher('Not Stated', '40'),
				higher('Not Known', '25'),
				// The same women again in the finer categories: never added to the broader ones.
				lower('British', '800'),
				lower('Irish', '50'),
				lower('Any Other White Background', '150'),
				lower('White and Black Caribbean', '30'),
				lower('White and Asian', '30'),
				// Greater Manchester only in the finer categories: added up; one suppressed, so the group is.
				lower('White and Black African', '20', 'QOP'),
				lower('Any Other Mixed Background', '15', 'QOP'),
				lower('British', '900', 'QOP'),
				lower('Irish', '*', 'QOP')
			].join('\r\n')
		),
		areas,
		baseUnits
	});
	const group = (area: string, category: string) =>
		result.adapted!.observations.filter((o) => o.areaCode === area && o.categoryType === 'ethnic_group' && o.category === category);
	const notes = result.adapted!.notes.join(' ');

	it('reads the broader breakdown where both are given, and adds "Not Stated" and "Not Known" together', () => {
		expect(result.errorCount).toBe(0);
		expect(group('E92000001', 'White').map((o) => o.count)).toEqual([1000]);
		expect(group('E92000001', 'Mixed').map((o) => o.count)).toEqual([60]);
		expect(group('E92000001', 'Not stated').map((o) => o.count)).toEqual([65]);
		expect(notes).toContain('5 rows left out: rows of a finer breakdown given beside a broader one for the same group (the broader is read).');
		expect(notes).toContain('Categories the dashboard counts as one group were added together: "Not Stated" + "Not Known" as Not stated (1 area and period).');
	});

	it('adds up the finer categories where only they are given, suppressed when one of them is', () => {
		expect(group('E54000057', 'Mixed').map((o) => [o.count, o.suppressed])).toEqual([[35, false]]);
		expect(group('E54000057', 'White').map((o) => [o.count, o.suppressed, o.note])).toEqual([
			[null, true, 'Suppressed: a category added into it was suppressed in the source']
		]);
		// After disclosure control the Mixed 35 is published (rounded to 35) and nothing recovers White.
		expect(result.disclosed!.rows.filter((o) => o.areaCode === 'E54000057').map((o) => [o.category, o.count])).toEqual([
			['Mixed', 35],
			['White', null]
		]);
	});

	it('maps the NHS categories to their groups, with or without the group before them', () => {
		for (const [label, groupName] of [
			['White and Black Caribbean', 'Mixed'],
			['Mixed - White and Asian', 'Mixed'],
			['Any other mixed background', 'Mixed'],
			['Any Other White Background', 'White'],
			['White - Irish', 'White'],
			['British', 'White'],
			['Bangladeshi', 'Asian'],
			['Asian or Asian British - Any other Asian background', 'Asian'],
			['African', 'Black'],
			['Black/African/Caribbean/Black British', 'Black'],
			['Chinese', 'Other'],
			['Any other ethnic group', 'Other'],
			['Not Known', 'Not stated']
		])
			expect(toEthnicGroup(label), label).toBe(groupName);
	});

	it('reads one of two breakdowns into the same groups (district and county deprivation quintiles), not an error', () => {
		const quintiles = file(
			row({ ...GM }),
			...['District & UA deprivation quintiles (IMD2019)', 'County & UA deprivation quintiles (IMD2019)'].map((type, k) =>
				row({
					'Category Type': type,
					Category: 'Most deprived quintile (IMD2019)',
					Value: String(9 + k / 10),
					Count: String(900 + k * 10),
					Denominator: '10000',
					'Lower CI 95.0 limit': '',
					'Upper CI 95.0 limit': '',
					...GM
				})
			)
		);
		expect(quintiles.errorCount).toBe(0);
		expect(quintiles.adapted!.observations.filter((o) => o.categoryType === 'imd_quintile').map((o) => [o.category, o.count])).toEqual([['1', 900]]);
		expect(quintiles.adapted!.notes.join(' ')).toContain('1 row left out: rows of a second breakdown into the same groups');
	});

	it('leaves out figures that cannot be added together (rates), saying why', () => {
		const rates = file(
			row({ ...GM }),
			row({ 'Category Type': 'Ethnic groups', Category: 'White: British', Value: '9.1', Count: '910', Denominator: '10000', ...GM }),
			row({ 'Category Type': 'Ethnic groups', Category: 'White: Irish', Value: '8.0', Count: '80', Denominator: '1000', ...GM })
		);
		expect(rates.errorCount).toBe(0);
		expect(rates.adapted!.observations.map((o) => [o.areaCode, o.categoryType])).toEqual([['E54000057', '']]);
		expect(rates.adapted!.observations.filter((o) => o.categoryType === 'ethnic_group')).toEqual([]);
		expect(rates.adapted!.notes.join(' ')).toContain(
			'2 rows left out: rows for categories the dashboard counts as one group ("White: British" + "White: Irish" as White) that are not counts, so cannot be added together: export the broader groups.'
		);
	});
});

describe('an MHSDS monthly file of the make-up NHS England publishes (measures by England, ethnicity, regions, ICBs, sub-ICBs and providers)', () => {
	const { text, makeUp } = mhsdsMonthlyText(12);
	const result = runPipeline({ bytes: new TextEncoder().encode(text), areas, baseUnits });
	const { perRow } = makeUp;

	it('reads MHS91 for England, its ethnic groups, the regions and every ICB, and accounts for every other row by reason', () => {
		expect(result.rowCount).toBe(makeUp.rows);
		expect(result.errorCount).toBe(0);
		const left = Object.fromEntries(result.adapted!.leftOut.map((l) => [l.reason.split(' (')[0], l.rows]));
		expect(left).toEqual({
			'provider rows': makeUp.measures * perRow.providers,
			'sub-ICB rows': makeUp.measures * perRow.subIcbs,
			'measures not about perinatal mental health': (makeUp.measures - 1) * (perRow.england + perRow.ethnicity + perRow.regions + perRow.icbs)
		});
		const observations = result.adapted!.observations;
		// Seven ethnicity rows are six groups: "Not Stated" and "Not Known" are both Not stated.
		expect(observations).toHaveLength(perRow.england + perRow.ethnicity - 1 + perRow.regions + perRow.icbs);
		expect(new Set(observations.filter((o) => o.areaCode.startsWith('E54')).map((o) => o.areaCode)).size).toBe(42);
		// MHS91 is the file's eighth measure (m = 7): England 50,000 + 7; Not stated (9,000 - 5,000 + 7) + (9,000 - 6,000 + 7).
		const england = observations.filter((o) => o.areaCode === 'E92000001');
		expect(england.find((o) => o.categoryType === '')!.count).toBe(50_007);
		expect(england.find((o) => o.category === 'Not stated')!.count).toBe(7_014);
		expect(observations.every((o) => o.indicatorId === 'pmh_specialist_access' && o.period === '2023/24')).toBe(true);
	});
});

describe('an MHSDS monthly file as NHS England publishes it, with every MHSDS measure in it', () => {
	// Besides MHS91, a measure of another service and two perinatal ones (illustrative ids): a count, and a proportion.
	const extra = [
		'01/03/2024,31/03/2024,Performance,ICB,QOP,NHS GREATER MANCHESTER INTEGRATED CARE BOARD,NONE,NONE,MHS01,People in contact with secondary mental health services at the end of the reporting period,51234',
		'01/03/2024,31/03/2024,Performance,ICB,QOP,NHS GREATER MANCHESTER INTEGRATED CARE BOARD,NONE,NONE,MHS95,Proportion of women in contact with perinatal services seen within 2 weeks (%),57',
		'01/03/2024,31/03/2024,Performance,ICB,QOP,NHS GREATER MANCHESTER INTEGRATED CARE BOARD,NONE,NONE,MHS96,Women in contact with specialist perinatal mental health community services in the reporting period,1200',
		'01/03/2024,31/03/2024,Performance,ICB,QOP,NHS GREATER MANCHESTER INTEGRATED CARE BOARD,NONE,NONE,MHS32,"Referrals to perinatal mental health services per 100,000 women",310'
	];
	const text = new TextDecoder().decode(fixture('mhsds-monthly.csv'));
	const result = runPipeline({ bytes: new TextEncoder().encode(`${text.trimEnd()}\n${extra.join('\n')}\n`), areas, baseUnits });

	it('reads the perinatal counts, and leaves out (and names) the measures of other services and the rates and proportions', () => {
		expect(result.errorCount).toBe(0);
		const base = run('mhsds-monthly.csv').adapted!.observations;
		const read = result.adapted!.observations;
		expect(read.slice(0, base.length)).toEqual(base);
		expect(read.slice(base.length).map((o) => [o.indicatorId, o.areaCode, o.period, o.value])).toEqual([['mhsds_mhs96', 'E54000057', '2024-03', 1200]]);
		const notes = result.adapted!.notes.join(' ');
		expect(notes).toContain('1 row left out: measures not about perinatal mental health');
		expect(notes).toContain('2 rows left out: measures that are rates, percentages or proportions');
		expect(notes).toContain('Measures left out: MHS01, MHS95, MHS32.');
	});
});

describe('real rows of an MHSDS monthly file that holds no perinatal measure', () => {
	// mhsds-4ww-real-rows.csv: 13 rows copied unchanged from NHS England's MHSDS 4-week waits file for April 2024
	// ("MHSDS Data_4WW_AprPerf_2024_v2.csv", Open Government Licence): England, ICBs by ODS code (names quoted with
	// commas), "*", proportions, a median and a 90th percentile, and provider rows.
	const result = run('mhsds-4ww-real-rows.csv');

	it('is recognised, and says in one problem why nothing was read, row by row, and which file to upload instead', () => {
		expect(result.detection?.format).toBe('mhsds-monthly');
		expect(result.rowCount).toBe(13);
		expect(result.adapted!.observations).toEqual([]);
		expect(result.problems).toEqual([
			expect.objectContaining({
				kind: 'nothing to publish',
				message:
					'none of the 13 rows could be read as observations, all being left out: measures not about perinatal mental health (this dashboard reads MHS91 and any measure named perinatal), 10 rows; provider rows (providers are organisations, not areas of residence), 3 rows',
				fix: expect.stringMatching(
					/^This file's measures \(MRS01, MRS01a, MRS01b, MRS07b, MRS03a, MRS03b, MRS06\) are not ones this dashboard reads: .*Upload an MHSDS monthly file that holds MHS91/
				)
			})
		]);
		expect(result.ok).toBe(false);
	});
});

describe('an MHSDS file with METRIC and METRIC_VALUE columns (as some MHSDS publication files are laid out)', () => {
	it('is read like the MEASURE_ID layout, giving the same observations', () => {
		const text = readFileSync('tests/fixtures/upload/mhsds-monthly.csv', 'utf8');
		const [header, ...rest] = text.split('\n');
		// The same file with its measure columns renamed and the name column dropped.
		const cells = (line: string) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
		const drop = header.split(',').indexOf('MEASURE_NAME');
		const renamed = [header.replace('MEASURE_ID', 'METRIC').replace('MEASURE_VALUE', 'METRIC_VALUE'), ...rest]
			.map((line) =>
				line
					? cells(line)
							.filter((_, i) => i !== drop)
							.join(',')
					: line
			)
			.join('\n');
		const metric = runPipeline({ bytes: new TextEncoder().encode(renamed), areas, baseUnits });
		expect(metric.detection).toEqual({
			format: 'mhsds-monthly',
			description: 'NHS England Mental Health Services Data Set (MHSDS) monthly CSV, METRIC and METRIC_VALUE columns'
		});
		expect(metric.errorCount).toBe(0);
		const strip = (rows: NonNullable<typeof metric.adapted>['observations']) => rows.map(({ line, ...o }) => (void line, o));
		expect(strip(metric.adapted!.observations)).toEqual(strip(run('mhsds-monthly.csv').adapted!.observations));
	});

	it('leaves out rows broken down by a third level, and says so', () => {
		const text = readFileSync('tests/fixtures/upload/mhsds-monthly.csv', 'utf8').trim().split('\n');
		const [header, first] = text;
		const withTertiary = [
			`${header},TERTIARY_LEVEL,TERTIARY_LEVEL_DESCRIPTION`,
			`${first},NONE,NONE`,
			`${first.replace('England,England,England,NONE,NONE', 'England;Ethnicity;Age,England,England,A,White')},16to24,16 to 24`
		].join('\n');
		const result = runPipeline({ bytes: new TextEncoder().encode(withTertiary), areas, baseUnits });
		expect(result.errorCount).toBe(0);
		expect(result.adapted!.observations).toHaveLength(1);
		expect(result.adapted!.notes.join(' ')).toMatch(/1 row left out: rows broken down by a third or fourth level/);
	});
});

describe('the perinatal quarterly layout', () => {
	it('reads METRIC_ID rows for the quarter, by LEVEL', () => {
		const result = run('perinatal-quarterly.csv');
		expect(result.detection?.format).toBe('perinatal-quarterly');
		expect(result.errorCount).toBe(0);
		expect(result.adapted!.observations.map((o) => [o.indicatorId, o.areaCode, o.period, o.value])).toEqual([
			['perinatal_pmh01b', 'E92000001', '2024-04-01 to 2024-06-30', 15020],
			['perinatal_pmh01b', 'E54000057', '2024-04-01 to 2024-06-30', 842],
			['perinatal_pmh01b', 'E54000011', '2024-04-01 to 2024-06-30', null]
		]);
	});
});

describe('a file in no known layout', () => {
	it('asks for a mapping, then reads it and applies secondary suppression so the small group cannot be worked out from the total', () => {
		expect(run('local-extract.tsv')).toMatchObject({ needsMapping: true, ok: false });
		const mapping = { area: 'ICB', period: 'Year', indicator: 'Measure', value: 'Women seen', categoryType: 'Breakdown', category: 'Group' };
		const result = run('local-extract.tsv', { mapping });
		expect(result.errorCount).toBe(0);
		const disclosed = result.disclosed!.rows;
		const quintile = (q: string) => disclosed.find((o) => o.category === q)!;
		expect(quintile('2').suppressed).toBe(true);
		// 412 - (133 + 96 + 90 + 90) = 3 would give quintile 2 away: the smallest other quintile goes too.
		expect([quintile('4').suppressed, quintile('5').suppressed].filter(Boolean)).toHaveLength(1);
		// 412, 133 and 96 move to 410, 135 and 95; 90 is already a multiple of 5.
		expect(result.disclosed!.summary).toEqual({ primary: 1, secondary: 1, rounded: 3 });
		expect(disclosed.find((o) => o.categoryType === '')!.value).toBe(410);
	});
});

describe('personal data', () => {
	it('stops a file holding NHS numbers and email addresses, by column, with the examples masked', () => {
		const result = run('with-nhs-numbers.csv');
		expect(result.ok).toBe(false);
		expect(result.pii.map((f) => [f.column, f.kind, f.count])).toEqual([
			['comment', 'NHS number', 1],
			['comment', 'email address', 1]
		]);
		expect(JSON.stringify(result.pii)).not.toContain('476');
		expect(JSON.stringify(result.pii)).not.toContain('jane');
	});

	it('finds a titled name in any column, whatever the case of the title, and not a title alone or lower-case words', () => {
		const findings = findPii(['note'], [['Mrs Jane Smith'], ['DR. Patel'], [" mr O'Neil "], ['Miss'], ['mrs smith'], ['Dr Who knows'], ['Ms-Jones']]);
		expect(findings.map((f) => [f.column, f.kind, f.count])).toEqual([['note', 'personal name', 3]]);
	});

	it('checks the NHS number modulus 11 digit', () => {
		expect(isNhsNumber('943 476 5919')).toBe(true);
		expect(isNhsNumber('9434765918')).toBe(false);
		expect(isNhsNumber('943476591')).toBe(false);
	});
});

describe('files that are not data', () => {
	it.each([
		['empty', new Uint8Array(), /empty/],
		['an XLSX (ZIP)', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), /Excel/],
		['binary', new Uint8Array([1, 2, 0, 4, 5]), /not text/],
		['a header only', new TextEncoder().encode('a,b,c\n'), /no data rows/],
		['an unclosed quote', new TextEncoder().encode(`a,b\n"x${'y'.repeat(20_000)}`), /quote is probably not closed/]
	])('%s gets a specific message', (_, bytes, message) => {
		expect(runPipeline({ bytes, areas, baseUnits }).fatal).toMatch(message);
	});

	it('reads Windows-1252 and says so', () => {
		const bytes = new Uint8Array([...new TextEncoder().encode('area_code,period,indicator_id,value\nE54000057,2023/24,x,5\n'), 0xe9]);
		const result = runPipeline({ bytes, areas, baseUnits });
		expect(result.encoding).toBe('Windows-1252');
		expect(result.readNotes.join(' ')).toMatch(/Windows-1252/);
	});
});

describe('text that a spreadsheet would run', () => {
	it('is reported as a warning and kept as text', () => {
		const csv = 'area_code,period,indicator_id,indicator_name,value\nE54000057,2023/24,local_x,"=cmd|\' /C calc\'!A0",40\n';
		const result = runPipeline({
			bytes: new TextEncoder().encode(csv),
			areas,
			baseUnits,
			mapping: { area: 'area_code', period: 'period', indicator: 'indicator_id', indicatorName: 'indicator_name', value: 'value' }
		});
		expect(result.totals).toContainEqual({ kind: 'looks like a formula', count: 1, severity: 'warning' });
		expect(result.ok).toBe(true);
		expect(result.adapted!.indicators[0].name).toBe("=cmd|' /C calc'!A0");
	});
});
