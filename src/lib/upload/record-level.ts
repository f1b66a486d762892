import type { Engine } from '../engine/engine';
import { findPii, isPersonalColumn, type PiiFinding } from './pii';
import type { ParsedTable } from './text';

/**
 * A pseudonymised record-level extract (one row per woman or per contact), aggregated to the data contract by
 * DuckDB where the file is: in the browser, DuckDB-wasm reads the File through a handle, so the records are never
 * copied into JavaScript and never leave the machine. Only the counts go on, through the same checks as any file.
 */

export interface RecordColumns {
	/** The pseudonymised person id: each woman is counted once per area and year. */
	person: string;
	/** Area of residence or commissioner: ONS or ODS code. */
	area: string;
	/** Date of the contact (dd/mm/yyyy or yyyy-mm-dd); its financial year is the period. */
	date: string;
	imd?: string;
	ethnicity?: string;
	/** Indicator the counts are published as. */
	indicatorId: string;
}

export const RECORD_FIELDS: { key: Exclude<keyof RecordColumns, 'indicatorId'>; label: string; required: boolean }[] = [
	{ key: 'person', label: 'Person id (pseudonymised)', required: true },
	{ key: 'area', label: 'Area code (ONS or ODS)', required: true },
	{ key: 'date', label: 'Contact date', required: true },
	{ key: 'imd', label: 'IMD quintile (1 = most deprived)', required: false },
	{ key: 'ethnicity', label: 'Ethnic group', required: false }
];

/** The record columns guessed from a header. */
export function guessRecordColumns(header: string[]): Partial<RecordColumns> {
	const find = (pattern: RegExp, not?: RegExp) => header.find((h) => pattern.test(h) && !not?.test(h));
	return {
		person: find(/person|patient|pseudo|woman|mother|client|record/i, /date|name/i),
		area: find(/icb|area|ods|org|commission|residence|location/i, /name/i),
		date: find(/date|contact|referral|start|seen/i, /birth|dob/i),
		imd: find(/imd|depriv|quintile/i),
		ethnicity: find(/ethnic/i),
		indicatorId: 'pmh_specialist_access'
	};
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** A column as read: text, since the reader takes every column as VARCHAR. */
const raw = (name: string) => quoteIdent(name);
/**
 * A column's value without the spaces around it. DuckDB's trim makes a new string for every value, which costs
 * about a tenth of a pass per column; the CASE trims only values that start or end with a space (trim removes
 * spaces alone), so the result is the same.
 */
const col = (name: string | undefined) =>
	name ? `CASE WHEN starts_with(${raw(name)}, ' ') OR ends_with(${raw(name)}, ' ') THEN trim(${raw(name)}) ELSE ${raw(name)} END` : `''`;
const dateOf = (name: string) => `try_strptime(${col(name)}, ['%d/%m/%Y', '%Y-%m-%d'])`;

/** DuckDB's CSV reader over the file, every column as text (nothing is guessed or lost). */
export const readCsvSql = (source: string) => `read_csv(${quoteText(source)}, header = true, all_varchar = true, auto_detect = true)`;

/**
 * The SQL that aggregates the records, written to be read: the analyst sees exactly what is counted. Each woman
 * counts once per area and financial year of contact; her deprivation and ethnic group are those of her first
 * contact that year.
 */
export function aggregateSql(source: string, c: RecordColumns): string {
	return `-- One row per woman, area and financial year: her first contact in the year decides her groups.
-- Spaces around a value are trimmed (the CASE trims only values that have them: quicker than trimming all).
WITH records AS (
  SELECT
    ${col(c.person)} AS person,
    upper(${col(c.area)}) AS area,
    ${dateOf(c.date)} AS contact,
    ${col(c.imd)} AS imd_quintile,
    ${col(c.ethnicity)} AS ethnic_group
  FROM ${readCsvSql(source)}
),
yearly AS (
  SELECT
    person,
    area,
    CASE WHEN month(contact) >= 4 THEN year(contact) ELSE year(contact) - 1 END AS fy,
    arg_min(imd_quintile, contact) AS imd_quintile,
    arg_min(ethnic_group, contact) AS ethnic_group
  FROM records
  WHERE contact IS NOT NULL AND person <> '' AND area <> ''
  GROUP BY person, area, fy
)
SELECT area, printf('%d/%02d', fy, (fy + 1) % 100) AS period, '' AS category_type, '' AS category, count(*) AS women
FROM yearly GROUP BY area, fy
UNION ALL
SELECT area, printf('%d/%02d', fy, (fy + 1) % 100), 'imd_quintile', imd_quintile, count(*)
FROM yearly WHERE imd_quintile <> '' GROUP BY area, fy, imd_quintile
UNION ALL
SELECT area, printf('%d/%02d', fy, (fy + 1) % 100), 'ethnic_group', ethnic_group, count(*)
FROM yearly WHERE ethnic_group <> '' GROUP BY area, fy, ethnic_group
ORDER BY 1, 2, 3, 4`;
}

const NHS_LIKE = '(^|[^0-9])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}([^0-9]|$)';
const EMAIL_LIKE = '[A-Z0-9._%+-]+@[A-Z0-9.-]+\\.[A-Z]{2,}';
const POSTCODE_LIKE = '(^|[^A-Z0-9])[A-PR-UWYZ][A-HK-Y0-9]?[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}([^A-Z0-9]|$)';
/** One pattern for anything shaped like an NHS number, an email address or a postcode (upper-cased text). */
const SHAPED = `${NHS_LIKE}|${EMAIL_LIKE}|${POSTCODE_LIKE}`;
/**
 * Whether a value is shaped like personal data. Nothing shorter than 5 characters can be (a postcode is at least 5,
 * an NHS number 10), and CASE skips the pattern for those: the scan is then about a sixth quicker. Case-insensitive.
 * The value is not trimmed: the pattern's edges accept spaces, and an untrimmed value is never shorter.
 */
const shaped = (column: string) => `CASE WHEN length(${raw(column)}) >= 5 THEN regexp_matches(${raw(column)}, '${SHAPED}', 'i') ELSE false END`;

/**
 * One pass over the file: how many records there were and how many cannot be counted (and why), and per column
 * how many values are shaped like personal data (checked exactly afterwards) or sit in a column named for it.
 */
export function scanSql(source: string, c: RecordColumns, header: string[]): string {
	const perColumn = header.map((h, i) =>
		isPersonalColumn(h) ? `count(*) FILTER (WHERE ${col(h)} <> '') AS "c${i}"` : `count(*) FILTER (WHERE ${shaped(h)}) AS "c${i}"`
	);
	return `SELECT
  count(*) AS records,
  count(*) FILTER (WHERE ${dateOf(c.date)} IS NULL) AS unreadable_dates,
  count(*) FILTER (WHERE ${col(c.person)} = '') AS no_person,
  count(*) FILTER (WHERE ${col(c.area)} = '') AS no_area,
  ${perColumn.join(',\n  ')}
FROM ${readCsvSql(source)}`;
}

/** At most this many candidate values per column are checked exactly (NHS numbers by their check digit). */
const SAMPLE = 5_000;

/** The candidate values of the columns the scan flagged, checked exactly (an NHS number needs a valid modulus 11 digit). */
async function checkFlaggedColumns(engine: Engine, source: string, header: string[], counts: Record<string, unknown>): Promise<PiiFinding[]> {
	const findings: PiiFinding[] = [];
	for (const [i, h] of header.entries()) {
		if (!Number(counts[`c${i}`])) continue;
		const where = isPersonalColumn(h) ? `${col(h)} <> ''` : shaped(h);
		const rows = await engine.query<{ v: string }>(`SELECT ${col(h)} AS v FROM ${readCsvSql(source)} WHERE ${where} LIMIT ${SAMPLE}`);
		findings.push(
			...findPii(
				[h],
				rows.map((r) => [r.v])
			)
		);
	}
	return findings;
}

export interface RecordLevelResult {
	table: ParsedTable;
	stats: { records: number; unreadableDates: number; noPerson: number; noArea: number };
	pii: PiiFinding[];
	sql: string;
	/** Milliseconds per pass: the scan (statistics and personal data), the counts, the exact personal-data check. */
	timings: { scanMs: number; aggregateMs: number; piiCheckMs: number };
}

/** The passes over the file, in order, as the progress shows them. */
export const RECORD_PASSES = {
	scan: 'looking for personal data and unreadable records',
	count: 'counting women by area, year and group',
	check: 'checking the values that look like personal data'
} as const;
export type RecordPass = keyof typeof RECORD_PASSES;

/** Aggregates a record-level file (already readable by the engine as `source`) into contract rows. */
export async function aggregateRecords(
	engine: Engine,
	source: string,
	header: string[],
	columns: RecordColumns,
	{ onPass }: { onPass?: (pass: RecordPass) => void } = {}
): Promise<RecordLevelResult> {
	let t = performance.now();
	const lap = () => {
		const ms = performance.now() - t;
		t = performance.now();
		return Math.round(ms);
	};
	onPass?.('scan');
	const [scan] = await engine.query(scanSql(source, columns, header));
	const scanMs = lap();
	const sql = aggregateSql(source, columns);
	onPass?.('count');
	const rows = await engine.query<{ area: string; period: string; category_type: string; category: string; women: number }>(sql);
	const aggregateMs = lap();
	onPass?.('check');
	const pii = await checkFlaggedColumns(engine, source, header, scan);
	const piiCheckMs = lap();
	return {
		sql,
		pii,
		timings: { scanMs, aggregateMs, piiCheckMs },
		stats: { records: Number(scan.records), unreadableDates: Number(scan.unreadable_dates), noPerson: Number(scan.no_person), noArea: Number(scan.no_area) },
		table: {
			delimiter: ',',
			header: ['indicator_id', 'area_code', 'period', 'category_type', 'category', 'value'],
			rows: rows.map((r) => [columns.indicatorId, r.area, r.period, r.category_type, r.category, String(r.women)]),
			// Aggregated rows have no line in the file.
			lines: rows.map(() => 0)
		}
	};
}
