import type { Adapted } from './observations';
import type { Problems } from './problems';

/**
 * Checks that hold for every layout once rows are in contract terms: counts are whole and not negative,
 * a count is not above its denominator, percentages lie in 0-100, and an interval contains its value.
 */
export function validateObservations({ observations, indicators, areas }: Adapted, problems: Problems): void {
	// Text a spreadsheet would run as a formula (CSV injection): kept as text, and every CSV download prefixes it.
	for (const [column, value] of [...indicators.map((i) => ['indicator name', i.name] as const), ...areas.map((a) => ['area name', a.name] as const)])
		if (/^[=+\-@]/.test(value) && !/^-?\d/.test(value))
			problems.add({
				row: 0,
				column,
				value,
				kind: 'looks like a formula',
				message: 'this text starts like a spreadsheet formula',
				fix: 'It is kept as text and prefixed with an apostrophe in CSV downloads; correct it in the source if it is not meant.',
				severity: 'warning'
			});
	const unitOf = new Map(indicators.map((i) => [i.indicatorId, i.unit]));
	for (const o of observations) {
		const unit = unitOf.get(o.indicatorId);
		const where = { row: o.line };
		for (const [column, n] of [['count', o.count], ['denominator', o.denominator], ...(unit === 'count' ? ([['value', o.value]] as const) : [])] as const) {
			if (n === null) continue;
			if (n < 0)
				problems.add({
					...where,
					column,
					value: String(n),
					kind: 'negative count',
					message: `a ${column} cannot be negative`,
					fix: 'Correct the value, or leave the cell empty if it is not known.'
				});
			else if (!Number.isInteger(n))
				problems.add({
					...where,
					column,
					value: String(n),
					kind: 'fractional count',
					message: `a ${column} of people must be a whole number`,
					fix: 'Give whole numbers of women; rates go in the value column.'
				});
		}
		if (o.count !== null && o.denominator !== null && o.count > o.denominator)
			problems.add({
				...where,
				column: 'count',
				value: `${o.count} of ${o.denominator}`,
				kind: 'count above denominator',
				message: 'the count is larger than its denominator',
				fix: 'Check that the two columns are not swapped.'
			});
		if (unit === 'percent' && o.value !== null && (o.value < 0 || o.value > 100))
			problems.add({
				...where,
				column: 'value',
				value: String(o.value),
				kind: 'percentage out of range',
				message: 'a percentage must lie between 0 and 100',
				fix: 'Give percentages as 12.5, not 0.125 or 1250.'
			});
		if (o.value !== null && o.lowerCi95 !== null && o.upperCi95 !== null && !(o.lowerCi95 <= o.value && o.value <= o.upperCi95))
			problems.add({
				...where,
				column: 'lower/upper 95% limits',
				value: `${o.lowerCi95} - ${o.upperCi95} (value ${o.value})`,
				kind: 'interval does not contain value',
				message: 'the 95% interval does not contain the value',
				fix: 'Check the limit columns are the 95% ones and not swapped with 99.8%.'
			});
	}
}
