import { ENGLAND, type Unit } from '../contract/vocabulary';
import { INDICATOR } from '../contract/indicators';
import type { AreaMatcher } from './areas';
import {
	AdaptedBuilder,
	UNIT_IN_WORDS,
	parseDate,
	parseNumber,
	parsePeriod,
	PERIOD_FIX,
	rollingYearTo,
	toEthnicGroup,
	toImdQuintile,
	type Adapted,
	type Period,
	type UploadObservation
} from './observations';
import type { Problems } from './problems';
import { parseDelimited, type ParsedTable } from './text';

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
function columns(header: string[]) {
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

export interface AdaptInput {
	table: ParsedTable;
	matchArea: AreaMatcher;
	problems: Problems;
	/** The unit of each indicator the dataset already holds (in the version the upload is added to). */
	baseUnits?: Readonly<Record<string, string>>;
}

const cell = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '') : '');

/** A number cell, or a problem (null when empty). */
function numberAt(problems: Problems, line: number, column: string, text: string): number | null {
	const n = parseNumber(text);
	if (n === undefined) {
		problems.add({
			row: line,
			column,
			value: text,
			kind: 'not a number',
			message: `"${text.trim()}" is not a number`,
			fix: 'Write numbers with digits and a decimal point only (12.5), or leave the cell empty.'
		});
		return null;
	}
	return n;
}

/**
 * The scales a value can be on, as count / denominator times the scale, and the contract unit each is held in: a
 * proportion is held as a percentage (x 100), and rates per 10,000 and per 100,000 (as Fingertips publishes many) as
 * rates per 1,000 (divided by 10 and 100), the dashboard's one rate.
 */
const SCALES: { scale: number; unit: Unit; words: string }[] = [
	{ scale: 1, unit: 'percent', words: 'a proportion (0 to 1)' },
	{ scale: 100, unit: 'percent', words: 'a percentage' },
	{ scale: 1_000, unit: 'rate_per_1000', words: 'a rate per 1,000' },
	{ scale: 10_000, unit: 'rate_per_1000', words: 'a rate per 10,000' },
	{ scale: 100_000, unit: 'rate_per_1000', words: 'a rate per 100,000' }
];
/** The scale of each contract unit that is a rate: a percentage is per 100. */
const HELD_SCALE: Partial<Record<Unit, number>> = { percent: 100, rate_per_1000: 1_000 };

/** The first `max` of a list, and how many more. */
export const someOf = (items: string[], max: number, separator = ', ') =>
	`${items.slice(0, max).join(separator)}${items.length > max ? ` and ${(items.length - max).toLocaleString('en-GB')} more` : ''}`;

/**
 * What an indicator's unit was read as: its contract unit, the scale the file gives it on (rates: count /
 * denominator x scale) and how that was read; `weak` when nothing but whole numbers said so.
 */
type UnitRead = { unit: Unit; how: string; scale?: { scale: number; words: string }; weak?: true } | { unit: null; why: string };

/** Scales an indicator's name can say it is on, when its figures cannot. */
const NAMED_SCALES: [RegExp, string, number][] = [
	[/per 100,?000\b/i, 'per 100,000', 100_000],
	[/per 10,?000\b/i, 'per 10,000', 10_000],
	[/per 1,?000\b/i, 'per 1,000', 1_000]
];

const median = (xs: number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Percent, rate or count: read from how value relates to count and denominator (the median of the rows sampled, so
 * one odd row does not decide), else from the name, else a count if every value is whole. A value within 1% of
 * count / denominator x a scale is that crude rate; within a factor of 1.5 it is a standardised one (directly
 * age-standardised rates, as Fingertips publishes, are near the crude rate, not equal to it). Fractional values with
 * nothing to say what they are is no unit at all: which would be a guess.
 */
function inferUnit(samples: Sample[], name: string): UnitRead {
	const scales = samples.flatMap((s) => (s.value !== null && s.count && s.denominator && s.denominator > 0 ? [(s.value * s.denominator) / s.count] : []));
	if (scales.length) {
		const m = median(scales);
		for (const [near, tolerance] of [
			['=', 0.01],
			['≈', 0.5]
		] as const)
			for (const c of SCALES)
				if (m / c.scale >= 1 / (1 + tolerance) && m / c.scale <= 1 + tolerance)
					return {
						unit: c.unit,
						scale: c,
						how: `${c.words}: value ${near} count / denominator x ${c.scale.toLocaleString('en-GB')}${near === '≈' ? ', a standardised rate' : ''}`
					};
	}
	const withCount = samples.filter((s) => s.value !== null && s.count !== null);
	if (withCount.length && withCount.every((s) => s.value === s.count)) return { unit: 'count', how: 'value equals count' };
	for (const [pattern, words, scale] of NAMED_SCALES)
		if (pattern.test(name)) {
			const c = SCALES.find((c) => c.scale === scale)!;
			return { unit: c.unit, scale: c, how: `the indicator name says "${words}"` };
		}
	if (/%|percent|proportion/i.test(name)) return { unit: 'percent', how: 'the indicator name reads as a percentage' };
	const values = samples.flatMap((s) => (s.value === null ? [] : [s.value]));
	if (values.every(Number.isInteger))
		return { unit: 'count', weak: true, how: values.length ? 'whole numbers, no denominator: read as a count' : 'no values: read as a count' };
	return {
		unit: null,
		why: `its values are not whole numbers (${someOf(values.map(String), 3)}), so not counts, and neither a count and denominator nor its name says whether they are percentages or rates`
	};
}

/**
 * The unit an indicator is held in, and the factor its values and limits are multiplied by to be on it. An indicator
 * the dataset already holds keeps the dataset's unit where the file does not say otherwise (its unit could not be
 * told, or only whole numbers suggested a count), and a rate is put on the dataset's scale (a percentage held per
 * 1,000 is x 10). A file that says another kind of unit keeps it, and the builder stops the indicator. Null: no unit
 * at all (none read, none held).
 */
function toHeld(read: UnitRead, held: Unit | undefined): { unit: Unit; factor: number; how: string; from?: string } | null {
	if (held && (read.unit === null || (held !== read.unit && read.weak))) return { unit: held, factor: 1, how: 'the unit the dataset holds it in' };
	if (read.unit === null) return null;
	const unit = held && HELD_SCALE[held] && HELD_SCALE[read.unit] ? held : read.unit;
	const factor = read.scale ? HELD_SCALE[unit]! / read.scale.scale : 1;
	if (factor === 1) return { unit, factor, how: read.how };
	const by = factor > 1 ? `multiplied by ${factor.toLocaleString('en-GB')}` : `divided by ${(1 / factor).toLocaleString('en-GB')}`;
	const as = `${unit === 'percent' ? 'held as a percentage' : 'held per 1,000'}${unit === held ? ', as the dataset holds it' : ''}`;
	return { unit, factor, from: read.scale?.words, how: `${read.how}; ${as}: each value and limit ${by}` };
}

type Sample = { value: number | null; count: number | null; denominator: number | null };
/** More indicators than this whose units were read alike (a profile's export holds dozens) share one note. */
const MAX_UNIT_NOTES = 3;

/**
 * Up to 50 rows per indicator, to read its unit from; then each indicator's unit set (and its values put on the
 * contract's scale, or the dataset's, where the file's is another), with a note saying how, or a problem saying why not.
 */
function unitSamples() {
	const samples = new Map<string, (Sample & { line: number })[]>();
	return {
		add(indicatorId: string, sample: Sample, line: number) {
			const list = samples.get(indicatorId) ?? [];
			if (list.length < 50) list.push({ ...sample, line });
			samples.set(indicatorId, list);
		},
		apply(out: AdaptedBuilder, problems: Problems): string[] {
			// Indicators whose units were read the same way, in the order met: one note each, or one for all of them.
			const readings = new Map<string, string[]>();
			for (const indicator of [...out.indicators.values()]) {
				const sampled = samples.get(indicator.indicatorId) ?? [];
				const inferred = inferUnit(sampled, indicator.name);
				const read = toHeld(inferred, out.heldUnit(indicator.indicatorId));
				if (!read) {
					problems.add({
						row: sampled[0]?.line ?? 0,
						column: 'value',
						value: indicator.name,
						kind: 'unit not known',
						message: `the unit of ${indicator.name} cannot be told: ${'why' in inferred ? inferred.why : ''}`,
						fix: 'Export it with its Count and Denominator columns filled in, or upload it through the mapping screen with a name that says its unit ("%", "per 1,000").'
					});
					// Not read: its rows would otherwise be checked as counts, each a problem of its own.
					out.drop(indicator.indicatorId);
					continue;
				}
				indicator.unit = read.unit;
				out.unitRead.set(indicator.indicatorId, read.how);
				if (read.factor !== 1) {
					const scaled = (n: number | null) => (n === null ? null : Math.round(n * read.factor * 1e9) / 1e9);
					for (const o of out.observations)
						if (o.indicatorId === indicator.indicatorId)
							Object.assign(o, { value: scaled(o.value), lowerCi95: scaled(o.lowerCi95), upperCi95: scaled(o.upperCi95) });
					indicator.definition = `${indicator.definition}. Published as ${read.from}; ${read.unit === 'percent' ? 'shown as a percentage' : 'shown per 1,000'}`;
				}
				const reading = `unit read as ${UNIT_IN_WORDS[read.unit]} (${read.how})`;
				readings.set(reading, [...(readings.get(reading) ?? []), indicator.name]);
			}
			return [...readings].flatMap(([reading, names]) =>
				names.length <= MAX_UNIT_NOTES
					? names.map((name) => `${name}: ${reading}.`)
					: [`${names.length.toLocaleString('en-GB')} indicators, ${reading}: ${someOf(names, MAX_UNIT_NOTES, '; ')}.`]
			);
		}
	};
}

/** An observation from the parts every adapter reads (the period's dates spread out; empty value = suppressed). */
function observation(
	line: number,
	key: { indicatorId: string; areaCode: string; period: Period; breakdown: { categoryType: string; category: string } },
	figures: { value: number | null; lowerCi95: number | null; upperCi95: number | null; count: number | null; denominator: number | null },
	{ suppressed = false, note = null }: { suppressed?: boolean; note?: string | null } = {}
): UploadObservation {
	const { indicatorId, areaCode, period, breakdown } = key;
	return {
		line,
		indicatorId,
		areaCode,
		period: period.period,
		periodStart: period.start,
		periodEnd: period.end,
		...breakdown,
		...figures,
		suppressed: suppressed || figures.value === null,
		note
	};
}

/** A breakdown label pair as the contract's (category_type, category), or why it is left out. */
function toBreakdown(typeText: string, categoryText: string): { categoryType: string; category: string } | { leaveOut: string } {
	const type = typeText.trim();
	const category = categoryText.trim();
	if (!type && !category) return { categoryType: '', category: '' };
	if (/ethnic/i.test(type) || (!type && toEthnicGroup(category))) {
		const group = toEthnicGroup(category);
		return group
			? { categoryType: 'ethnic_group', category: group }
			: { leaveOut: `ethnic group "${category}" is not one of Asian, Black, Mixed, White, Other, Not stated` };
	}
	if (/imd|depriv/i.test(type) && /quintile/i.test(`${type} ${category}`)) {
		const q = toImdQuintile(category);
		return q ? { categoryType: 'imd_quintile', category: q } : { leaveOut: `deprivation group "${category}" is not a quintile` };
	}
	if (type === 'imd_quintile' || type === 'ethnic_group') {
		const value = type === 'imd_quintile' ? toImdQuintile(category) : toEthnicGroup(category);
		return value ? { categoryType: type, category: value } : { leaveOut: `${type} "${category}" is not a group the dashboard knows` };
	}
	const label = type.length > 80 ? `${type.slice(0, 79)}…` : type;
	return { leaveOut: `breakdown "${label}" (the dashboard's breakdowns are IMD quintile and ethnic group)` };
}

function addPeriodProblem(problems: Problems, line: number, column: string, text: string) {
	problems.add({ row: line, column, value: text, kind: 'bad period', message: `"${text.trim()}" is not a period this dashboard reads`, fix: PERIOD_FIX });
}

/**
 * Why a Fingertips row of this area type is left out, if it is: GP practices (ODS practice codes, their parent a
 * primary care network) and primary care networks are organisations, not areas of residence, so an export of an
 * indicator published down to practices is read for its other areas and the practice rows are counted, not reported
 * as thousands of unknown areas.
 */
function organisationRows(areaType: string): string | undefined {
	if (/^GPs?\b|GP practice/i.test(areaType)) return 'GP practice rows (practices are organisations, not areas this dashboard shows)';
	if (/\bPCNs?\b|primary care network/i.test(areaType)) return 'primary care network rows (PCNs are groups of practices, not areas this dashboard shows)';
	return undefined;
}

/**
 * Which sex and age band of each indicator in a Fingertips export are read. The dashboard has no breakdown by sex or
 * age, and an export of an indicator published for Persons, Male and Female (or for several age bands) has a row for
 * each, for the same area and period. One sex (or one age band) is read as it is; of several, Persons (or All ages)
 * is read and the others are left out; several with neither is a problem, said once for the indicator: which would be
 * the indicator's figure is not for this importer to guess. An indicator with such a problem is not read.
 */
function choosePopulations(table: ParsedTable, col: { id: number; sex: number; age: number }, problems: Problems) {
	const seen = new Map<string, { line: number; sexes: Set<string>; ages: Set<string> }>();
	table.rows.forEach((row, i) => {
		const id = cell(row, col.id).trim();
		const entry = seen.get(id) ?? seen.set(id, { line: table.lines[i], sexes: new Set(), ages: new Set() }).get(id)!;
		entry.sexes.add(cell(row, col.sex).trim());
		entry.ages.add(cell(row, col.age).trim());
	});
	const chosen = new Map<string, { sex: string; age: string }>();
	for (const [id, { line, sexes, ages }] of seen) {
		const pick = (values: Set<string>, all: RegExp, column: string, what: string, kind: string, fix: string) => {
			if (values.size === 1) return [...values][0];
			const whole = [...values].find((v) => all.test(v));
			if (whole !== undefined) return whole;
			problems.add({
				row: line,
				column,
				value: [...values].join('; '),
				kind,
				message: `indicator ${id} has rows for ${someOf([...values], 6)} and none for all of them together, and the dashboard has no breakdown by ${what}`,
				fix
			});
			return undefined;
		};
		const sex = pick(
			sexes,
			/^persons$/i,
			'Sex',
			'sex',
			'several sexes',
			'Export the indicator for Persons, or for one sex only (upload another sex as a dataset of its own).'
		);
		const age = pick(
			ages,
			/^all ages$/i,
			'Age',
			'age',
			'several age bands',
			'Export the indicator for one age band only (upload other age bands as datasets of their own).'
		);
		if (sex !== undefined && age !== undefined) chosen.set(id, { sex, age });
	}
	return chosen;
}

/** A Fingertips export (any indicator, the 26-column layout and its variants). */
export function adaptFingertips({ table, matchArea, problems, baseUnits }: AdaptInput): Adapted {
	const has = columns(table.header);
	const col = {
		id: has('Indicator ID'),
		name: has('Indicator Name'),
		parentCode: has('Parent Code'),
		parentName: has('Parent Name'),
		areaCode: has('Area Code'),
		areaName: has('Area Name'),
		areaType: has('Area Type'),
		sex: has('Sex'),
		age: has('Age'),
		categoryType: has('Category Type'),
		category: has('Category'),
		period: has('Time period'),
		value: has('Value'),
		lower: has('Lower CI 95.0 limit'),
		upper: has('Upper CI 95.0 limit'),
		count: has('Count'),
		denominator: has('Denominator'),
		note: has('Value note')
	};
	const missing = Object.entries(col)
		.filter(([key, i]) => i < 0 && ['id', 'areaCode', 'period', 'value'].includes(key))
		.map(([key]) => key);
	if (missing.length) {
		problems.add({
			row: 1,
			column: missing.join(', '),
			value: '',
			kind: 'missing column',
			message: `the Fingertips layout needs ${missing.join(', ')}`,
			fix: 'Upload the CSV exactly as Fingertips downloads it.'
		});
		return new AdaptedBuilder(matchArea, problems, baseUnits).finish();
	}
	const out = new AdaptedBuilder(matchArea, problems, baseUnits);
	const samples = unitSamples();
	const populations = choosePopulations(table, col, problems);
	table.rows.forEach((row, i) => {
		const line = table.lines[i];
		const id = cell(row, col.id).trim();
		if (!/^\d{1,7}$/.test(id)) {
			problems.add({
				row: line,
				column: 'Indicator ID',
				value: id,
				kind: 'bad indicator id',
				message: `"${id}" is not a Fingertips indicator id (a whole number)`,
				fix: 'Upload the export unchanged.'
			});
			return;
		}
		const organisations = organisationRows(cell(row, col.areaType));
		if (organisations) return out.leaveOut(organisations);
		const population = populations.get(id);
		if (!population) return;
		const sex = cell(row, col.sex).trim();
		const age = cell(row, col.age).trim();
		if (sex !== population.sex)
			return out.leaveOut(`rows for one sex where the export also has ${population.sex} rows (those are read: the dashboard has no breakdown by sex)`);
		if (age !== population.age)
			return out.leaveOut(`rows for an age band where the export also has ${population.age} rows (those are read: the dashboard has no breakdown by age)`);
		const breakdown = toBreakdown(cell(row, col.categoryType), cell(row, col.category));
		if ('leaveOut' in breakdown) return out.leaveOut(breakdown.leaveOut);
		const period = parsePeriod(cell(row, col.period));
		if (!period) return addPeriodProblem(problems, line, 'Time period', cell(row, col.period));
		const areaCode = out.area(line, 'Area Code', cell(row, col.areaCode), cell(row, col.areaName), {
			code: cell(row, col.parentCode),
			name: cell(row, col.parentName)
		});
		if (!areaCode) return;
		const value = numberAt(problems, line, 'Value', cell(row, col.value));
		const count = numberAt(problems, line, 'Count', cell(row, col.count));
		const denominator = numberAt(problems, line, 'Denominator', cell(row, col.denominator));
		const indicatorId = `fingertips_${id}`;
		if (!out.indicators.has(indicatorId)) {
			const name = cell(row, col.name).trim() || `Fingertips indicator ${id}`;
			const who = [population.sex, population.age].filter(Boolean).join(', ');
			out.indicators.set(indicatorId, {
				indicatorId,
				name,
				unit: 'count',
				definition: who ? `${name} (${who})` : name,
				source: `Fingertips (OHID) indicator ${id}, from the uploaded export`
			});
		}
		samples.add(indicatorId, { value, count, denominator }, line);
		const note = cell(row, col.note).trim();
		const lowerCi95 = numberAt(problems, line, 'Lower CI 95.0 limit', cell(row, col.lower));
		const upperCi95 = numberAt(problems, line, 'Upper CI 95.0 limit', cell(row, col.upper));
		out.add(observation(line, { indicatorId, areaCode, period, breakdown }, { value, lowerCi95, upperCi95, count, denominator }, { note: note || null }), {
			type: cell(row, col.categoryType),
			label: cell(row, col.category)
		});
	});
	return out.finish(samples.apply(out, problems));
}

/**
 * Where the rows of an MHSDS breakdown are, from its first part (the geography): "ICB - GP Practice or Residence;
 * Ethnicity" is ICBs by ethnicity. NHS England has named the same geography several ways over the years ("ICB",
 * "ICB of Residence", "STP - GP Practice or Residence" before July 2022, "Sub ICB - GP Practice or Residence" for what
 * were CCGs), so the words are matched, not whole labels. England and ICBs and commissioning regions are read (by the
 * level's code); providers, sub-ICB locations and local authorities are left out with their reason, and so is a
 * breakdown with no geography this dashboard reads ("Bed Type as Reported to MHSDS"), by name.
 */
function geographyOf(breakdown: string): 'england' | 'area' | { leaveOut: string } {
	const geography = breakdown.split(';')[0].trim();
	if (!geography || /^(icb|stp)\b/i.test(geography) || /region/i.test(geography)) return 'area';
	if (/^england\b/i.test(geography)) return 'england';
	if (/provider/i.test(geography)) return { leaveOut: 'provider rows (providers are organisations, not areas of residence)' };
	if (/sub[ -]?icb|ccg/i.test(geography)) return { leaveOut: 'sub-ICB rows (this dataset has no sub-ICB areas)' };
	if (/^(lad|la|ua|utla|ltla)\b|local authority/i.test(geography)) return { leaveOut: 'local authority rows (this dataset\u2019s areas are ICBs and regions)' };
	return { leaveOut: 'rows of breakdowns that are not by England, ICB or commissioning region' };
}

/** A level that is no area: people whose ICB or region is not recorded, counted in England's total. */
const NO_AREA = /^(unknown|not known|invalid|missing)$/i;

/**
 * A measure whose name says it is a rate, a percentage or a proportion: the importer reads measures as counts (and
 * disclosure control rounds counts to 5), so such a measure is left out rather than published as a wrong count.
 * NHS England publishes the counts behind them as measures of their own.
 */
const NOT_A_COUNT = /\bper \d[\d,]*|percent|%|proportion|\b(rate|ratio|average|mean|median)s?\b/i;

/** MHSDS monthly CSV, or the perinatal quarterly layout: one measure value per row, areas by ODS code. */
function adaptMeasureRows(
	{ table, matchArea, problems, baseUnits }: AdaptInput,
	names: { level: string; levelName: string; level2: string; level2Name: string; id: string; name: string; value: string; breakdown?: string },
	{
		prefix,
		source,
		reads
	}: {
		prefix: string;
		source: string;
		/**
		 * Which measures the layout is read for, the reason the others are left out, and what to do when a file holds
		 * none of them (given the measures it holds).
		 */
		reads?: { test: (measureId: string, measureName: string) => boolean; otherwise: string; whenNone: (measures: string) => string };
	}
): Adapted {
	const has = columns(table.header);
	const col = {
		start: has('REPORTING_PERIOD_START'),
		end: has('REPORTING_PERIOD_END'),
		breakdown: names.breakdown ? has(names.breakdown) : -1,
		level: has(names.level),
		levelName: has(names.levelName),
		level2: has(names.level2),
		level2Name: has(names.level2Name),
		// MHSDS files can break an area down by a third and fourth level too (ethnicity by age, say).
		deeper: [has('TERTIARY_LEVEL'), has('QUARTERNARY_LEVEL', 'QUATERNARY_LEVEL')].filter((i) => i >= 0),
		id: has(names.id),
		name: has(names.name),
		value: has(names.value)
	};
	const out = new AdaptedBuilder(matchArea, problems, baseUnits);
	const otherMeasures = new Set<string>();
	/** Measures the layout is not read for (`reads`). */
	const unread = new Set<string>();
	const otherBreakdowns = new Set<string>();
	if (col.end < 0 || col.level < 0) {
		problems.add({
			row: 1,
			column: col.end < 0 ? 'REPORTING_PERIOD_END' : names.level,
			value: '',
			kind: 'missing column',
			message: 'this layout needs REPORTING_PERIOD_END and the level columns',
			fix: 'Upload the CSV as NHS England publishes it.'
		});
		return out.finish();
	}
	table.rows.forEach((row, i) => {
		const line = table.lines[i];
		const breakdown = cell(row, col.breakdown).trim();
		const geography = geographyOf(breakdown);
		if (typeof geography === 'object') {
			if (geography.leaveOut.startsWith('rows of breakdowns')) otherBreakdowns.add(breakdown.split(';')[0].trim());
			return out.leaveOut(geography.leaveOut);
		}
		if (geography === 'area' && NO_AREA.test(cell(row, col.level).trim()))
			return out.leaveOut('rows for an unknown area (PRIMARY_LEVEL UNKNOWN: people whose ICB or region is not recorded; England\u2019s total counts them)');
		if (col.deeper.some((i) => !/^(none|null|na|)$/i.test(cell(row, i).trim())))
			return out.leaveOut('rows broken down by a third or fourth level (the dashboard takes one breakdown at a time)');
		// A date cell: its ISO date, null when empty (allowed for the start only), or undefined after a problem.
		const dateAt = (column: string, text: string, example: string, required: boolean) => {
			if (!required && !text.trim()) return null;
			const date = parseDate(text);
			if (!date)
				problems.add({
					row: line,
					column,
					value: text,
					kind: 'bad date',
					message: `"${text.trim()}" is not a date (dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd)`,
					fix: `Dates are written ${example}.`
				});
			return date;
		};
		const end = dateAt('REPORTING_PERIOD_END', cell(row, col.end), '31/03/2024', true);
		if (!end) return;
		const start = dateAt('REPORTING_PERIOD_START', cell(row, col.start), '01/04/2023', false);
		if (start === undefined) return;
		const measureId = cell(row, col.id).trim();
		if (!/^[A-Za-z0-9_]{1,20}$/.test(measureId)) {
			problems.add({
				row: line,
				column: names.id,
				value: measureId,
				kind: 'bad measure id',
				message: `"${measureId}" is not a measure id`,
				fix: 'Upload the file unchanged.'
			});
			return;
		}
		const measureName = cell(row, col.name).trim();
		if (reads && !reads.test(measureId, measureName)) {
			otherMeasures.add(measureId);
			unread.add(measureId);
			return out.leaveOut(reads.otherwise);
		}
		if (NOT_A_COUNT.test(measureName)) {
			otherMeasures.add(measureId);
			return out.leaveOut('measures that are rates, percentages or proportions (the importer reads counts; the counts behind them are measures of their own)');
		}
		// MHS91 counts a rolling 12 months to the end of the reporting month; other measures cover the reporting period.
		const rolling = /^MHS91$/i.test(measureId);
		const period: Period =
			rolling || !start ? rollingYearTo(end) : { period: start.slice(0, 7) === end.slice(0, 7) ? end.slice(0, 7) : `${start} to ${end}`, start, end };
		const national = geography === 'england' || /^(england|eng)$/i.test(cell(row, col.level).trim());
		const areaCode = national ? ENGLAND : out.area(line, names.level, cell(row, col.level), cell(row, col.levelName));
		if (!areaCode) return;
		// A second level is a breakdown (ethnicity, deprivation) of the area.
		const second = cell(row, col.level2).trim();
		const secondName = cell(row, col.level2Name).trim();
		const hasSecond = second && !/^(none|null|na)$/i.test(second);
		const parts = breakdown.split(';').map((s) => s.trim());
		const b = hasSecond ? toBreakdown(parts[1] ?? (/ethnic/i.test(secondName) ? 'ethnic' : ''), secondName || second) : { categoryType: '', category: '' };
		if ('leaveOut' in b) return out.leaveOut(b.leaveOut);
		const valueText = cell(row, col.value);
		const suppressed = valueText.trim() === '*';
		const value = suppressed ? null : numberAt(problems, line, names.value, valueText);
		const indicatorId = rolling ? INDICATOR.specialistAccess : `${prefix}_${measureId.toLowerCase()}`;
		if (!out.indicators.has(indicatorId)) {
			const name = measureName || measureId;
			out.indicators.set(indicatorId, {
				indicatorId,
				name,
				unit: 'count',
				definition: `${measureId}: ${name}`,
				source: `${source}, measure ${measureId}, from the uploaded file`
			});
		}
		out.add(
			observation(
				line,
				{ indicatorId, areaCode, period, breakdown: b },
				{ value, lowerCi95: null, upperCi95: null, count: value, denominator: null },
				{ suppressed, note: suppressed ? 'Suppressed in the source ("*")' : null }
			),
			{ type: parts[1] ?? '', label: secondName || second }
		);
	});
	const left = [...otherMeasures];
	const others = [...otherBreakdowns];
	return out.finish(
		[
			'Values are read as counts. MHS91 (people in contact, rolling 12 months) is read as the dashboard’s "women reached" for the 12 months to each reporting month.',
			...(left.length ? [`Measures left out: ${someOf(left, 12)}.`] : []),
			...(others.length ? [`Breakdowns left out: ${someOf(others, 8)}.`] : [])
		],
		reads && unread.size ? reads.whenNone(someOf([...unread], 12)) : undefined
	);
}

export const adaptMhsdsMonthly = (input: AdaptInput) => {
	const metricColumns = columns(input.table.header)('MEASURE_ID') < 0;
	return adaptMeasureRows(
		input,
		{
			breakdown: 'BREAKDOWN',
			level: 'PRIMARY_LEVEL',
			levelName: 'PRIMARY_LEVEL_DESCRIPTION',
			level2: 'SECONDARY_LEVEL',
			level2Name: 'SECONDARY_LEVEL_DESCRIPTION',
			...(metricColumns ? { id: 'METRIC', name: 'METRIC_NAME', value: 'METRIC_VALUE' } : { id: 'MEASURE_ID', name: 'MEASURE_NAME', value: 'MEASURE_VALUE' })
		},
		{
			prefix: 'mhsds',
			source: 'NHS England, Mental Health Services Monthly Statistics',
			// The monthly file holds every MHSDS measure (adults', children's, eating disorders...): the perinatal ones are read.
			reads: {
				test: (id, name) => /^MHS91$/i.test(id) || /perinatal/i.test(name),
				otherwise: 'measures not about perinatal mental health (this dashboard reads MHS91 and any measure named perinatal)',
				whenNone: (measures) =>
					`This file's measures (${measures}) are not ones this dashboard reads: it reads MHS91, people in contact with specialist perinatal mental health community services, and any measure whose name says perinatal. Upload an MHSDS monthly file that holds MHS91, or a Fingertips export of a perinatal indicator.`
			}
		}
	);
};

export const adaptPerinatalQuarterly = (input: AdaptInput) =>
	adaptMeasureRows(
		input,
		{
			level: 'LEVEL',
			levelName: 'LEVEL_DESCRIPTION',
			level2: 'LEVEL_2',
			level2Name: 'LEVEL_2_DESCRIPTION',
			id: 'METRIC_ID',
			name: 'METRIC_NAME',
			value: 'METRIC_VALUE'
		},
		{ prefix: 'perinatal', source: 'NHS England, perinatal mental health quarterly publication' }
	);

/**
 * Any other layout, through the columns the analyst chose. `counted` says the values are counts of women (a
 * record-level extract counted in the browser): a count then, whatever unit the dataset holds the indicator in.
 */
export function adaptMapped({ table, matchArea, problems, baseUnits }: AdaptInput, mapping: ColumnMapping, counted = ''): Adapted {
	const has = columns(table.header);
	const at = (key: keyof ColumnMapping) => (mapping[key] ? has(mapping[key]!) : -1);
	const out = new AdaptedBuilder(matchArea, problems, baseUnits);
	for (const field of MAPPING_FIELDS)
		if (mapping[field.key] && at(field.key) < 0)
			problems.add({
				row: 1,
				column: mapping[field.key]!,
				value: '',
				kind: 'missing column',
				message: `the ${field.label} column "${mapping[field.key]}" is not in the file`,
				fix: 'Choose a column the file has.'
			});
	if (problems.errors) return out.finish();
	const samples = unitSamples();
	table.rows.forEach((row, i) => {
		const line = table.lines[i];
		const rawId = cell(row, at('indicator')).trim();
		const indicatorId = rawId
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_|_$/g, '');
		if (!/^[a-z][a-z0-9_]{0,59}$/.test(indicatorId)) {
			problems.add({
				row: line,
				column: mapping.indicator,
				value: rawId,
				kind: 'bad indicator id',
				message: `"${rawId}" is not an indicator id (start with a letter; letters, digits and _)`,
				fix: 'Give each indicator a short id such as pmh_specialist_access.'
			});
			return;
		}
		const breakdown = toBreakdown(cell(row, at('categoryType')), cell(row, at('category')));
		if ('leaveOut' in breakdown) return out.leaveOut(breakdown.leaveOut);
		const period = parsePeriod(cell(row, at('period')));
		if (!period) return addPeriodProblem(problems, line, mapping.period, cell(row, at('period')));
		const areaCode = out.area(line, mapping.area, cell(row, at('area')), cell(row, at('areaName')));
		if (!areaCode) return;
		const value = numberAt(problems, line, mapping.value, cell(row, at('value')));
		const count = numberAt(problems, line, mapping.count ?? '', cell(row, at('count')));
		const denominator = numberAt(problems, line, mapping.denominator ?? '', cell(row, at('denominator')));
		if (!out.indicators.has(indicatorId)) {
			const name = cell(row, at('indicatorName')).trim() || rawId;
			out.indicators.set(indicatorId, { indicatorId, name, unit: 'count', definition: name, source: 'Uploaded local extract' });
		}
		if (counted) out.unitRead.set(indicatorId, counted);
		else samples.add(indicatorId, { value, count, denominator }, line);
		const lowerCi95 = numberAt(problems, line, mapping.lowerCi95 ?? '', cell(row, at('lowerCi95')));
		const upperCi95 = numberAt(problems, line, mapping.upperCi95 ?? '', cell(row, at('upperCi95')));
		out.add(observation(line, { indicatorId, areaCode, period, breakdown }, { value, lowerCi95, upperCi95, count, denominator }), {
			type: cell(row, at('categoryType')),
			label: cell(row, at('category'))
		});
	});
	return out.finish(counted ? [] : samples.apply(out, problems));
}
