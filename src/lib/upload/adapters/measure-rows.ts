import { INDICATOR } from '../../contract/indicators';
import { ENGLAND } from '../../contract/vocabulary';
import { someOf } from '../../format/list';
import { columns } from '../detect';
import { AdaptedBuilder, parseDate, rollingYearTo, type Adapted, type Period } from '../observations';
import { toBreakdown } from './breakdowns';
import { cell, numberAt, observation, type AdaptInput } from './cells';

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
