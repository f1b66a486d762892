import { ENGLAND } from '../contract/vocabulary';
import { BREAKDOWN_DEFINITIONS, BREAKDOWNS, type Breakdown } from '../inequalities/breakdowns';
import type { Table } from '../tables/table';
import type { UploadObservation } from './observations';

/** How many of the observations to be published the page shows; the CSV holds them all. */
export const PREVIEW_ROWS = 100;

/**
 * What disclosure control did to one row, from the row as the file gave it (`read`) and as it would be published
 * (`sent`): discloseRows keeps its rows in the order it was given them, so the two lists pair up by index.
 */
export function disclosureAction(read: UploadObservation, sent: UploadObservation): string {
	if (sent.suppressed) {
		const empty = read.value === null && read.count === null && read.denominator === null;
		return read.suppressed || empty ? 'Suppressed in the file' : (sent.note ?? 'Suppressed');
	}
	if (read.areaCode === ENGLAND) return 'England: published as read, not rounded';
	return read.count !== sent.count || read.denominator !== sent.denominator || read.value !== sent.value
		? 'Counts rounded to the nearest 5'
		: 'Published as read';
}

const breakdownOf = (type: string) =>
	type === '' ? 'All' : (BREAKDOWNS as readonly string[]).includes(type) ? BREAKDOWN_DEFINITIONS[type as Breakdown].label : type;

/**
 * The observations a publish would send, as a table the analyst can read and download: each with the line of the
 * file it came from (none for counts made from a record-level extract), the names of its indicator and area, its
 * figures after disclosure control, and what disclosure control did to it.
 */
export function toPublishTable(
	read: readonly UploadObservation[],
	sent: readonly UploadObservation[],
	names: { indicator(id: string): string; area(code: string): string }
): Table {
	if (read.length !== sent.length) throw new Error(`the rows read (${read.length}) and to be published (${sent.length}) must pair up`);
	return {
		name: 'The observations to be published, after disclosure control',
		columns: [
			'Line in the file',
			'Indicator',
			'Indicator id',
			'Area',
			'Area code',
			'Period',
			'Breakdown',
			'Group',
			'Value',
			'Lower 95% limit',
			'Upper 95% limit',
			'Count',
			'Denominator',
			'Disclosure control'
		],
		rows: sent.map((row, i) => [
			row.line > 0 ? row.line : null,
			names.indicator(row.indicatorId),
			row.indicatorId,
			names.area(row.areaCode),
			row.areaCode,
			row.period,
			breakdownOf(row.categoryType),
			row.categoryType === '' ? 'All' : row.category,
			row.value,
			row.lowerCi95,
			row.upperCi95,
			row.count,
			row.denominator,
			disclosureAction(read[i], row)
		])
	};
}

/**
 * The same observations as the page shows them, narrow enough to read: one column each for the area (name and code)
 * and the group, and no interval limits (the CSV has every column).
 */
export function toPreviewTable(full: Table): Table {
	const at = (name: string) => full.columns.indexOf(name);
	const [line, indicator, area, code, period, breakdown, group, value, count, denominator, action] = [
		'Line in the file',
		'Indicator id',
		'Area',
		'Area code',
		'Period',
		'Breakdown',
		'Group',
		'Value',
		'Count',
		'Denominator',
		'Disclosure control'
	].map(at);
	return {
		name: full.name,
		columns: ['Line', 'Indicator', 'Area', 'Period', 'Group', 'Value', 'Count', 'Denominator', 'Disclosure control'],
		rows: full.rows.map((r) => [
			r[line],
			r[indicator],
			`${r[area]} (${r[code]})`,
			r[period],
			r[breakdown] === 'All' ? 'All' : `${r[breakdown]}: ${r[group]}`,
			r[value],
			r[count],
			r[denominator],
			r[action]
		])
	};
}
