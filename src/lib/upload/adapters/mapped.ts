import { columns, MAPPING_FIELDS, type ColumnMapping } from '../detect';
import { AdaptedBuilder, parsePeriod, type Adapted } from '../observations';
import { unitSamples } from '../units';
import { toBreakdown } from './breakdowns';
import { addPeriodProblem, cell, numberAt, observation, type AdaptInput } from './cells';

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
