import type { ParameterDefinition, ParameterUnit } from './parameter';

const UNIT_WORDS: Record<ParameterUnit, string> = {
	wte: 'whole-time equivalents',
	people: 'people',
	years: 'years',
	gbp: '£',
	share: 'share from 0 to 1, e.g. 0.8 = 80%',
	women_per_wte: 'women a year',
	qaly: 'QALYs',
	rate: 'a year, from 0 to 1, e.g. 0.035 = 3.5%'
};

/** Labels that already say their unit ("Staff (whole-time equivalents)", "... per WTE per year"). */
const STATED: Partial<Record<ParameterUnit, RegExp>> = {
	wte: /whole-time/i,
	people: /headcount/i,
	women_per_wte: /per (wte|person trained) per year/i,
	years: /years/i
};

/**
 * The unit a parameter's field takes, in words for its label ("£", "share from 0 to 1, e.g. 0.8 = 80%"), or ''
 * when the label already says it.
 */
export function toUnitText(definition: Pick<ParameterDefinition, 'unit' | 'id' | 'label'>): string {
	if (STATED[definition.unit]?.test(definition.label)) return '';
	if (definition.unit === 'gbp' && definition.id === 'salary') return '£ a year';
	if (definition.unit === 'rate' && definition.id === 'maternitiesChange') return 'a year, e.g. -0.01 = 1% fewer';
	return UNIT_WORDS[definition.unit];
}
