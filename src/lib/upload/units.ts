import type { Unit } from '../contract/vocabulary';
import { someOf } from '../format/list';
import { UNIT_IN_WORDS, type AdaptedBuilder } from './observations';
import type { Problems } from './problems';

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
export function unitSamples() {
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
