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

type Names = { indicator(id: string): string; area(code: string): string };

/** Each observation a publish would send, described for the analyst (the two lists pair up by index). */
function describe(read: readonly UploadObservation[], sent: readonly UploadObservation[], names: Names) {
	if (read.length !== sent.length) throw new Error(`the rows read (${read.length}) and to be published (${sent.length}) must pair up`);
	return sent.map((row, i) => ({
		row,
		line: row.line > 0 ? row.line : null,
		indicator: names.indicator(row.indicatorId),
		area: names.area(row.areaCode),
		breakdown: breakdownOf(row.categoryType),
		group: row.categoryType === '' ? 'All' : row.category,
		action: disclosureAction(read[i], row)
	}));
}

const TABLE_NAME = 'The observations to be published, after disclosure control';

/**
 * The observations a publish would send, as the CSV the analyst can download: each with the line of the file it
 * came from (none for counts made from a record-level extract), its indicator and area by name and code, its figures
 * after disclosure control, and what disclosure control did to it.
 */
export function toPublishTable(read: readonly UploadObservation[], sent: readonly UploadObservation[], names: Names): Table {
	return {
		name: TABLE_NAME,
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
		rows: describe(read, sent, names).map(({ row, line, indicator, area, breakdown, group, action }) => [
			line,
			indicator,
			row.indicatorId,
			area,
			row.areaCode,
			row.period,
			breakdown,
			group,
			row.value,
			row.lowerCi95,
			row.upperCi95,
			row.count,
			row.denominator,
			action
		])
	};
}

/**
 * The same observations as the page shows them, narrow enough to read: the indicator by its id, one column each
 * for the area (name and code) and the group, and no interval limits (the CSV has every column).
 */
export function toPreviewTable(read: readonly UploadObservation[], sent: readonly UploadObservation[], names: Names): Table {
	return {
		name: TABLE_NAME,
		columns: ['Line', 'Indicator', 'Area', 'Period', 'Group', 'Value', 'Count', 'Denominator', 'Disclosure control'],
		rows: describe(read, sent, names).map(({ row, line, area, breakdown, group, action }) => [
			line,
			row.indicatorId,
			`${area} (${row.areaCode})`,
			row.period,
			breakdown === 'All' ? 'All' : `${breakdown}: ${group}`,
			row.value,
			row.count,
			row.denominator,
			action
		])
	};
}
