import type { Engine } from '../engine/engine';
import { describePii, findPii, isPersonalColumn, type PiiFinding } from './pii';
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
	/** Date of the contact (see `DATE_FORMATS`); its financial year is the period. */
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
 * spaces alone), so the result is the same. An empty field, which the reader gives as NULL, is ''.
 */
const col = (name: string | undefined) =>
	name
		? `CASE WHEN ${raw(name)} IS NULL THEN '' WHEN starts_with(${raw(name)}, ' ') OR ends_with(${raw(name)}, ' ') THEN trim(${raw(name)}) ELSE ${raw(name)} END`
		: `''`;
/**
 * The forms a contact date is read in, tried in turn (a value read by one is not tried again, so the others cost
 * nothing for a file in the first): dd/mm/yyyy, yyyy-mm-dd, dd-mm-yyyy, each with or without leading zeros, and the
 * date and time a database export writes ("2023-05-14 00:00:00.000", "14/05/2023 09:30"). A two-digit year
 * (14/05/23) is read by %Y as the year 23, so the SQL moves a year below 100 to 20yy, as `parseDate` reads it.
 */
export const DATE_FORMATS = [
	'%d/%m/%Y',
	'%Y-%m-%d',
	'%d-%m-%Y',
	'%Y-%m-%d %H:%M:%S',
	'%Y-%m-%d %H:%M:%S.%g',
	'%Y-%m-%dT%H:%M:%S',
	'%d/%m/%Y %H:%M',
	'%d/%m/%Y %H:%M:%S'
];
/** The same forms in words, for the page. */
export const DATE_FORMS_IN_WORDS = 'dd/mm/yyyy, yyyy-mm-dd or dd-mm-yyyy, with or without a time';
const dateOf = (name: string) => `try_strptime(${col(name)}, [${DATE_FORMATS.map(quoteText).join(', ')}])`;

/** DuckDB's CSV reader over the file, every column as text (nothing is guessed or lost). */
export const readCsvSql = (source: string) => `read_csv(${quoteText(source)}, header = true, all_varchar = true, auto_detect = true)`;

const NHS_LIKE = '(^|[^0-9])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}([^0-9]|$)';
const EMAIL_LIKE = '[A-Z0-9._%+-]+@[A-Z0-9.-]+\\.[A-Z]{2,}';
const POSTCODE_LIKE = '(^|[^A-Z0-9])[A-PR-UWYZ][A-HK-Y0-9]?[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}([^A-Z0-9]|$)';
/** "Mrs Jane Smith", "Dr. Patel": a title, then a word. */
const TITLED_LIKE = '^\\s*(MR|MRS|MS|MISS|MX|DR)\\.?\\s+[A-Z]';
/** One pattern for anything shaped like an NHS number, an email address, a postcode or a titled name (any case). */
export const SHAPED = `${NHS_LIKE}|${EMAIL_LIKE}|${POSTCODE_LIKE}|${TITLED_LIKE}`;
/**
 * Whether a value is shaped like personal data. Nothing shorter than 5 characters can be (a postcode is at least 5,
 * an NHS number 10, "Dr A" is not a name to find), and CASE skips the pattern for those: the scan is then about a
 * sixth quicker. Case-insensitive. The value is not trimmed: the pattern's edges accept spaces, and an untrimmed
 * value is never shorter. A column named for personal data (dates of birth, names) is flagged by any value.
 */
const shaped = (column: string) =>
	isPersonalColumn(column)
		? `${col(column)} <> ''`
		: `CASE WHEN length(${raw(column)}) >= 5 THEN regexp_matches(${raw(column)}, '${SHAPED}', 'i') ELSE false END`;

/** The kind of a row of the counting query's result. */
export type CountRowKind = 'women' | 'check';

/**
 * One of the parts a count is split into, each run at the same time by a DuckDB of its own: the women whose person
 * id hashes, modulo `of`, to `index`. A woman (every record with her id) is in one part only, so the parts' counts
 * add up to the whole file's.
 */
export interface CountPart {
	index: number;
	of: number;
}
const WHOLE: CountPart = { index: 0, of: 1 };

/**
 * The SQL that counts the records, written to be read: the analyst sees exactly what is counted and checked. One
 * pass over the file (reading it is a good part of the time): each woman counts once per area and financial year
 * of contact, her deprivation and ethnic group those of her first contact that year; the same pass counts the
 * records that cannot be counted and finds the columns with values shaped like personal data, which are then
 * checked exactly (an NHS number needs its check digit). Given a part, only that part's women are counted.
 */
export function countSql(source: string, c: RecordColumns, header: string[], part: CountPart = WHOLE): string {
	// A value read as a contact date is a date and nothing else, so only unreadable ones are looked at; the person id
	// is looked at once per woman, area and year (its value, trimmed, is the group's), not once per record.
	const onceAWoman = (h: string) => h === c.person && !isPersonalColumn(h);
	const flag = (h: string) => (h === c.date && !isPersonalColumn(h) ? `CASE WHEN contact IS NULL THEN ${shaped(h)} ELSE false END` : shaped(h));
	const pii = header.map((_, i) => `pii_${i}`);
	const personFlag = `CASE WHEN length(person) >= 5 THEN regexp_matches(person, '${SHAPED}', 'i') ELSE false END`;
	const period = `printf('%d/%02d', fy, (fy + 1) % 100)`;
	// The columns' names in a comment, with anything that could end the comment made a space.
	const safe = (h: string) => [...h].map((ch) => (/[\p{Cc}\u2028\u2029]/u.test(ch) ? ' ' : ch)).join('');
	const names = header.map((h, i) => `${pii[i]} ${JSON.stringify(safe(h))}`);
	const lines = names.reduce<string[]>((out, name) => {
		const last = out.length - 1;
		if (last >= 0 && out[last].length + name.length < 110) out[last] += `, ${name}`;
		else out.push(`--   ${name}`);
		return out;
	}, []);
	const split =
		part.of > 1
			? `-- Part ${part.index + 1} of ${part.of}, counted at the same time as the others by a DuckDB of its own: the women whose person id
-- hashes to ${part.index} (hash(id) % ${part.of}). Each woman is in one part only, so the parts' counts are added up. The other parts' SQL
-- differs only in that number.
`
			: '';
	return `${split}-- Spaces around a value are trimmed (the CASE trims only values that have them: quicker than trimming all).
-- pii_N: whether column N's value is shaped like personal data (or is any value, in a column named for it):
${lines.join(',\n')}
WITH records AS (
  SELECT
    ${col(c.person)} AS person,
    upper(${col(c.area)}) AS area,
    -- The contact date in the first form that reads it; a two-digit year (14/05/23) reads as the year 23: made 2023.
    ${dateOf(c.date)} AS date_read,
    CASE WHEN date_read < TIMESTAMP '0100-01-01' THEN date_read + INTERVAL 2000 YEAR ELSE date_read END AS contact,
    ${col(c.imd)} AS imd_quintile,
    ${col(c.ethnicity)} AS ethnic_group,
    ${header.flatMap((h, i) => (onceAWoman(h) ? [] : [`${flag(h)} AS ${pii[i]}`])).join(',\n    ')}
  FROM ${readCsvSql(source)}${part.of > 1 ? `\n  WHERE hash(${col(c.person)}) % ${part.of} = ${part.index}` : ''}
),
-- One row per woman, area and financial year: her first contact in the year decides her groups.
yearly AS (
  SELECT
    person,
    area,
    CASE WHEN month(contact) >= 4 THEN year(contact) ELSE year(contact) - 1 END AS fy,
    arg_min({'imd_quintile': imd_quintile, 'ethnic_group': ethnic_group}, contact) AS first_contact,
    count(*) AS records,
    ${header.map((h, i) => (onceAWoman(h) ? `${personFlag} AS ${pii[i]}` : `bool_or(${pii[i]}) AS ${pii[i]}`)).join(',\n    ')}
  FROM records
  GROUP BY person, area, fy
),
-- Women and records per area, year and group: small, so the counts and checks below are quick.
cells AS (
  SELECT
    area,
    fy,
    first_contact.imd_quintile AS imd_quintile,
    first_contact.ethnic_group AS ethnic_group,
    person <> '' AS has_person,
    count(*) AS women,
    sum(records) AS records,
    ${pii.map((p) => `count(*) FILTER (WHERE ${p}) AS ${p}`).join(',\n    ')}
  FROM yearly
  GROUP BY ALL
),
counted AS (SELECT * FROM cells WHERE fy IS NOT NULL AND has_person AND area <> '')
SELECT 'women' AS kind, area, ${period} AS period, '' AS category_type, '' AS category, sum(women)::BIGINT AS n
FROM counted GROUP BY area, fy
UNION ALL
SELECT 'women', area, ${period}, 'imd_quintile', imd_quintile, sum(women)::BIGINT
FROM counted WHERE imd_quintile <> '' GROUP BY area, fy, imd_quintile
UNION ALL
SELECT 'women', area, ${period}, 'ethnic_group', ethnic_group, sum(women)::BIGINT
FROM counted WHERE ethnic_group <> '' GROUP BY area, fy, ethnic_group
-- The checks: records read, records that cannot be counted and why, and per column how many women-years have a
-- value shaped like personal data.
UNION ALL
SELECT 'check', '', '', name, '', n FROM (
  SELECT
    sum(records)::BIGINT AS records,
    coalesce(sum(records) FILTER (WHERE fy IS NULL), 0)::BIGINT AS unreadable_dates,
    coalesce(sum(records) FILTER (WHERE NOT has_person), 0)::BIGINT AS no_person,
    coalesce(sum(records) FILTER (WHERE area = ''), 0)::BIGINT AS no_area,
    ${pii.map((p) => `sum(${p})::BIGINT AS ${p}`).join(',\n    ')}
  FROM cells
) UNPIVOT INCLUDE NULLS (n FOR name IN (records, unreadable_dates, no_person, no_area, ${pii.join(', ')}))
ORDER BY 1 DESC, 2, 3, 4, 5`;
}

/** At most this many candidate values per column are checked exactly (NHS numbers by their check digit). */
const SAMPLE = 5_000;

/** The candidate values of the columns the count flagged, checked exactly (an NHS number needs a valid modulus 11 digit). */
async function checkFlaggedColumns(engine: Engine, source: string, header: string[], flagged: number[]): Promise<PiiFinding[]> {
	const findings: PiiFinding[] = [];
	for (const i of flagged) {
		const h = header[i];
		const rows = await engine.query<{ v: string }>(`SELECT ${col(h)} AS v FROM ${readCsvSql(source)} WHERE ${shaped(h)} LIMIT ${SAMPLE}`);
		const sampled = rows.length === SAMPLE ? SAMPLE : undefined;
		findings.push(
			...findPii(
				[h],
				rows.map((r) => [r.v])
			).map((f) => (sampled ? { ...f, sampled } : f))
		);
	}
	return findings;
}

export interface RecordLevelResult {
	table: ParsedTable;
	stats: { records: number; unreadableDates: number; noPerson: number; noArea: number };
	pii: PiiFinding[];
	/** The SQL of the count (of its first part, when it ran in parts: the others differ in one number). */
	sql: string;
	/** How many parts the count ran in at once, each on a DuckDB of its own. */
	parts: number;
	/** Milliseconds per pass: the count (with the checks), then the exact check of values shaped like personal data. */
	timings: { countMs: number; piiCheckMs: number };
}

/** The passes over the file, in order, as the progress shows them. */
export const RECORD_PASSES = {
	count: 'counting women by area, year and group, and looking for personal data',
	check: 'checking the values that look like personal data'
} as const;
export type RecordPass = keyof typeof RECORD_PASSES;

export type CountRow = { kind: CountRowKind; area: string; period: string; category_type: string; category: string; n: number | null };

/**
 * The parts' rows added up: women per area, period and group, and each check, summed over the parts (each woman is
 * counted in one part only). Sorted as the SQL sorts, so the result is the same however many parts there were.
 */
export function addParts(parts: CountRow[][]): CountRow[] {
	const sums = new Map<string, CountRow>();
	for (const row of parts.flat()) {
		const key = JSON.stringify([row.kind, row.area, row.period, row.category_type, row.category]);
		const sum = sums.get(key);
		if (sum) sum.n = Number(sum.n ?? 0) + Number(row.n ?? 0);
		else sums.set(key, { ...row, n: Number(row.n ?? 0) });
	}
	const order = (r: CountRow) => [r.kind === 'women' ? 0 : 1, r.area, r.period, r.category_type, r.category] as const;
	return [...sums.values()].sort((a, b) => {
		const [x, y] = [order(a), order(b)];
		for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
		return 0;
	});
}

/**
 * Aggregates a record-level file (already readable by each engine as `source`) into contract rows. Given several
 * engines, each counts one part of the women at the same time (see `CountPart`) and the counts are added up; the
 * exact check of values shaped like personal data then runs on the first.
 */
export async function aggregateRecords(
	engine: Engine | readonly Engine[],
	source: string,
	header: string[],
	columns: RecordColumns,
	{ onPass }: { onPass?: (pass: RecordPass) => void } = {}
): Promise<RecordLevelResult> {
	const engines: readonly Engine[] = Array.isArray(engine) ? engine : [engine as Engine];
	let t = performance.now();
	const lap = () => {
		const ms = performance.now() - t;
		t = performance.now();
		return Math.round(ms);
	};
	const sqls = engines.map((_, index) => countSql(source, columns, header, { index, of: engines.length }));
	onPass?.('count');
	const result = addParts(await Promise.all(engines.map((e, i) => e.query<CountRow>(sqls[i]))));
	const countMs = lap();
	const rows = result.filter((r) => r.kind === 'women');
	const checks = new Map(result.filter((r) => r.kind === 'check').map((r) => [r.category_type, Number(r.n)]));
	const check = (name: string) => checks.get(name) ?? 0;
	const flagged = header.map((_, i) => i).filter((i) => check(`pii_${i}`) > 0);
	onPass?.('check');
	const pii = await checkFlaggedColumns(engines[0], source, header, flagged);
	const piiCheckMs = lap();
	return {
		sql: sqls[0],
		parts: engines.length,
		pii,
		timings: { countMs, piiCheckMs },
		stats: { records: check('records'), unreadableDates: check('unreadable_dates'), noPerson: check('no_person'), noArea: check('no_area') },
		table: {
			delimiter: ',',
			header: ['indicator_id', 'area_code', 'period', 'category_type', 'category', 'value'],
			rows: rows.map((r) => [columns.indicatorId, r.area, r.period, r.category_type, r.category, String(r.n)]),
			// Aggregated rows have no line in the file.
			lines: rows.map(() => 0)
		}
	};
}

/** How many bytes from the start of the file the first look reads (about 27,000 rows of a typical extract). */
export const FIRST_LOOK_BYTES = 1024 * 1024;

/** What the counts of a first look at a file's first rows say, in words: whether the chosen columns count. */
export function describeFirstLook({ stats, table, pii }: Pick<RecordLevelResult, 'stats' | 'table' | 'pii'>): string {
	const n = (x: number) => x.toLocaleString('en-GB');
	const totals = table.rows.filter((r) => r[3] === '');
	const women = totals.reduce((sum, r) => sum + Number(r[5]), 0);
	const areas = new Set(totals.map((r) => r[1])).size;
	const years = new Set(totals.map((r) => r[2])).size;
	const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;
	if (stats.records === 0)
		return `The first ${FIRST_LOOK_BYTES / 1024 / 1024} MB of the file hold no whole record after the header, so there is nothing to look at before counting.`;
	const missing = [
		[stats.unreadableDates, 'no readable contact date'],
		[stats.noPerson, 'no person id'],
		[stats.noArea, 'no area']
	] as const;
	return [
		`A first look at the first ${plural(stats.records, 'record', 'records')} with these columns:`,
		`${plural(women, 'woman', 'women')} counted (once per area and financial year) in ${plural(areas, 'area', 'areas')} over ${plural(years, 'financial year', 'financial years')};`,
		missing.every(([count]) => count === 0)
			? 'every record has a readable contact date, a person id and an area.'
			: `${missing
					.filter(([count]) => count > 0)
					.map(([count, what]) => `${n(count)} with ${what}`)
					.join(', ')} (not counted).`,
		pii.length ? `Personal data seen: ${describePii(pii).join(' ')}` : ''
	]
		.filter(Boolean)
		.join(' ');
}
