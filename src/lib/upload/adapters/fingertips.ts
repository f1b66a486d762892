import { someOf } from '../../format/list';
import { columns } from '../detect';
import { AdaptedBuilder, parsePeriod, type Adapted } from '../observations';
import type { Problems } from '../problems';
import type { ParsedTable } from '../text';
import { unitSamples } from '../units';
import { toBreakdown } from './breakdowns';
import { addPeriodProblem, cell, numberAt, observation, type AdaptInput } from './cells';

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
