import { parseDelimited } from './text';

export type FormatId = 'fingertips' | 'mhsds-monthly' | 'perinatal-quarterly' | 'record-level' | 'mapped';

/** Which columns hold what, for a file in no known layout (the analyst chooses on the mapping screen). */
export interface ColumnMapping {
	area: string;
	areaName?: string;
	period: string;
	indicator: string;
	indicatorName?: string;
	value: string;
	count?: string;
	denominator?: string;
	categoryType?: string;
	category?: string;
	lowerCi95?: string;
	upperCi95?: string;
}

export const MAPPING_FIELDS: { key: keyof ColumnMapping; label: string; required: boolean }[] = [
	{ key: 'area', label: 'Area code (ONS or ODS)', required: true },
	{ key: 'areaName', label: 'Area name', required: false },
	{ key: 'period', label: 'Period (2023/24, 2023 or 2023/24 Q1)', required: true },
	{ key: 'indicator', label: 'Indicator id', required: true },
	{ key: 'indicatorName', label: 'Indicator name', required: false },
	{ key: 'value', label: 'Value', required: true },
	{ key: 'count', label: 'Count (numerator)', required: false },
	{ key: 'denominator', label: 'Denominator', required: false },
	{ key: 'categoryType', label: 'Breakdown (imd_quintile or ethnic_group)', required: false },
	{ key: 'category', label: 'Breakdown group', required: false },
	{ key: 'lowerCi95', label: 'Lower 95% limit', required: false },
	{ key: 'upperCi95', label: 'Upper 95% limit', required: false }
];

export interface Detection {
	format: FormatId;
	/** What was recognised, in words, for the page. */
	description: string;
	/** For a file in no known layout: the mapping guessed from its column names (the analyst can change it). */
	mapping?: Partial<ColumnMapping>;
}

const norm = (h: string) =>
	h
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();

/** A column finder over a header, matching names case- and punctuation-insensitively. */
export function columns(header: string[]) {
	const index = new Map(header.map((h, i) => [norm(h), i] as const).reverse());
	return (...names: string[]) => {
		for (const name of names) {
			const i = index.get(norm(name));
			if (i !== undefined) return i;
		}
		return -1;
	};
}

const PERSON_COLUMN = /^(person|patient|pseudo|pseudonym|woman|mother|record|client|service user)[ _]?(id|key|number|no)?$|^pseudo[ _]?id$|^nhs[ _]?number$/i;

/** How much of a file is looked at to tell a record-level extract (read by DuckDB where it is) from the rest. */
export const HEAD_BYTES = 64 * 1024;

/**
 * The header of a record-level extract, from the first `HEAD_BYTES` of the file as text; null for any other file
 * (which is read whole and checked in the Worker).
 */
export function recordLevelHeader(head: string): string[] | null {
	const lines = head.slice(0, head.lastIndexOf('\n') + 1) || head;
	const start = parseDelimited(lines.replace(/^\uFEFF/, ''));
	return start.ok && detectFormat(start.table.header).format === 'record-level' ? start.table.header : null;
}

/** Recognises the layouts the importer reads, from the header line alone. */
export function detectFormat(header: string[]): Detection {
	const has = columns(header);
	const first = header.slice(0, 3).map(norm).join(',');
	if (first === 'indicator id,indicator name,parent code')
		return { format: 'fingertips', description: `Fingertips (OHID) data export, ${header.length} columns` };
	if (has('REPORTING_PERIOD_START') >= 0 && has('MEASURE_ID') >= 0 && has('MEASURE_VALUE') >= 0)
		return { format: 'mhsds-monthly', description: 'NHS England Mental Health Services Data Set (MHSDS) monthly CSV' };
	// Some MHSDS publication files name the measure METRIC and its value METRIC_VALUE, with no name column.
	if (has('REPORTING_PERIOD_START') >= 0 && has('PRIMARY_LEVEL') >= 0 && has('METRIC') >= 0 && has('METRIC_VALUE') >= 0)
		return { format: 'mhsds-monthly', description: 'NHS England Mental Health Services Data Set (MHSDS) monthly CSV, METRIC and METRIC_VALUE columns' };
	if (has('LEVEL') >= 0 && has('METRIC_ID') >= 0 && has('METRIC_VALUE') >= 0)
		return { format: 'perinatal-quarterly', description: 'NHS England perinatal mental health quarterly publication CSV' };
	if (header.some((h) => PERSON_COLUMN.test(h.trim())))
		return {
			format: 'record-level',
			description: 'Record-level extract (one row per woman or contact): aggregated here, in your browser, before anything else'
		};
	const guess: Partial<ColumnMapping> = {};
	const pick = (key: keyof ColumnMapping, ...names: string[]) => {
		const i = has(...names);
		if (i >= 0) guess[key] = header[i];
	};
	pick('area', 'area_code', 'area code', 'ons code', 'ods code', 'icb code', 'code');
	pick('areaName', 'area_name', 'area name', 'name');
	pick('period', 'period', 'time period', 'year', 'financial year');
	pick('indicator', 'indicator_id', 'indicator id', 'indicator', 'measure', 'metric');
	pick('indicatorName', 'indicator_name', 'indicator name');
	pick('value', 'value', 'rate', 'percentage');
	pick('count', 'count', 'numerator');
	pick('denominator', 'denominator');
	pick('categoryType', 'category_type', 'category type', 'breakdown');
	pick('category', 'category', 'group');
	pick('lowerCi95', 'lower_ci95', 'lower ci 95 0 limit', 'lower ci');
	pick('upperCi95', 'upper_ci95', 'upper ci 95 0 limit', 'upper ci');
	return { format: 'mapped', description: 'No known layout: choose which column holds what', mapping: guess };
}
