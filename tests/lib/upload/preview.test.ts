import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discloseRows } from '../../../src/lib/disclosure/disclosure-control';
import { disclosureContext, runPipeline } from '../../../src/lib/upload/pipeline';
import type { UploadObservation } from '../../../src/lib/upload/observations';
import { disclosureAction, toPreviewTable, toPublishTable } from '../../../src/lib/upload/preview';
import { toCsv } from '../../../src/lib/tables/table';
import { referenceAreas } from '../../helpers/reference-areas';

const names = { indicator: (id: string) => `name of ${id}`, area: (code: string) => `name of ${code}` };

describe('the observations to be published, as the upload page shows them', () => {
	const result = runPipeline({
		bytes: new Uint8Array(readFileSync('tests/fixtures/upload/mhsds-monthly.csv')),
		areas: referenceAreas,
		baseUnits: { pmh_specialist_access: 'count' }
	});
	const table = toPublishTable(result.adapted!.observations, result.disclosed!.rows, names);
	const column = (name: string) => table.columns.indexOf(name);
	const rowOf = (code: string, period: string, group = 'All') =>
		table.rows.find((r) => r[column('Area code')] === code && r[column('Period')] === period && r[column('Group')] === group)!;

	it('has one row per observation sent, each naming the line it came from and what disclosure control did, as worked out from the file', () => {
		expect(table.rows).toHaveLength(result.disclosed!.rows.length);
		// The file's lines (tests/fixtures/upload/mhsds-monthly.csv): England 57,215 on line 2; Greater Manchester (QOP)
		// 3,160 on line 3; Shropshire (QOC) "*" on line 4; Bristol (QUY) 612 on line 5; Asian women in England on line 9.
		const expected: [string, string, number, number | null, string][] = [
			['E92000001', 'All', 2, 57215, 'England: published as read, not rounded'],
			['E54000057', 'All', 3, 3160, 'Published as read'],
			['E54000011', 'All', 4, null, 'Suppressed in the file'],
			['E54000039', 'All', 5, 610, 'Counts rounded to the nearest 5']
		];
		for (const [code, group, line, value, action] of expected) {
			const row = rowOf(code, '2023/24', group);
			expect(row, code).toBeDefined();
			expect([row[column('Line in the file')], row[column('Value')], row[column('Disclosure control')]], code).toEqual([line, value, action]);
			expect(row[column('Area')]).toBe(`name of ${code}`);
			expect(row[column('Indicator')]).toBe('name of pmh_specialist_access');
		}
		const asian = table.rows.find((r) => r[column('Breakdown')] === 'Ethnic group')!;
		expect([asian[column('Line in the file')], asian[column('Area code')], asian[column('Disclosure control')]]).toEqual([
			9,
			'E92000001',
			'England: published as read, not rounded'
		]);
	});

	it('is shown narrower: the area with its code, the group with its breakdown, the same rows in the same order', () => {
		const preview = toPreviewTable(result.adapted!.observations, result.disclosed!.rows, names);
		expect(preview.rows).toHaveLength(table.rows.length);
		const asian = preview.rows.find((r) => String(r[4]).startsWith('Ethnic group: '))!;
		expect(asian.slice(0, 5)).toEqual([9, 'pmh_specialist_access', 'name of E92000001 (E92000001)', '2023/24', 'Ethnic group: Asian']);
		expect(preview.rows.map((r) => r.at(-1))).toEqual(table.rows.map((r) => r.at(-1)));
	});

	it('downloads as CSV with a header and one line per observation', () => {
		const lines = toCsv(table).trimEnd().split('\r\n');
		expect(lines[0]).toBe(table.columns.join(','));
		expect(lines).toHaveLength(table.rows.length + 1);
	});
});

describe('what disclosure control did to a row', () => {
	const row = (areaCode: string, count: number | null, extra: Partial<UploadObservation> = {}): UploadObservation => ({
		indicatorId: 'women',
		areaCode,
		period: '2023/24',
		categoryType: '',
		category: '',
		value: count,
		lowerCi95: null,
		upperCi95: null,
		count,
		denominator: null,
		suppressed: false,
		note: null,
		line: 0,
		periodStart: '2023-04-01',
		periodEnd: '2024-03-31',
		...extra
	});
	// A region of 43 with two ICBs of 3 and 40: the 3 is below 5, and the 40 would give it away (43 - 40).
	const read = [row('E40000010', 43), row('E54000057', 3), row('E54000048', 40)];
	const context = disclosureContext(
		[
			{ areaCode: 'E40000010', parentCode: 'E92000001' },
			{ areaCode: 'E54000057', parentCode: 'E40000010' },
			{ areaCode: 'E54000048', parentCode: 'E40000010' }
		],
		{ women: 'count' }
	);
	const sent = discloseRows(read, context).rows;

	it('says primary and secondary suppression apart, and rounding', () => {
		expect(sent.map((r, i) => disclosureAction(read[i], r))).toEqual([
			'Counts rounded to the nearest 5',
			'Suppressed: a count below 5',
			'Suppressed so that another suppressed figure cannot be worked out from the total'
		]);
	});

	it('leaves out the line for counts made from a record-level extract (they have none) and refuses lists that do not pair up', () => {
		const table = toPublishTable(read, sent, names);
		expect(table.rows.map((r) => r[0])).toEqual([null, null, null]);
		expect(() => toPublishTable(read, sent.slice(1), names)).toThrow(/pair up/);
	});
});
