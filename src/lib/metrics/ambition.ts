import type { Metric } from './metric';

/** The default ambition: 10% of maternities reached by specialist services each year (NHS Long Term Plan, from 2022/23). */
export const DEFAULT_AMBITION_RATE = 0.1;

/** Women the ambition expects to be reached, less women reached: positive is a shortfall, negative is ahead. */
export function createAmbitionGap({ ambitionRate = DEFAULT_AMBITION_RATE }: { ambitionRate?: number } = {}): Metric {
	if (!(ambitionRate >= 0 && ambitionRate <= 1)) throw new RangeError(`ambition rate must be a share between 0 and 1 (got ${ambitionRate})`);
	return {
		id: 'ambition_gap',
		label: `Gap to ${Math.round(ambitionRate * 1000) / 10}% of maternities`,
		unit: 'count',
		polarity: 'lower_is_better',
		description: `The Long Term Plan's rate: women needed to reach ${Math.round(ambitionRate * 1000) / 10}% of this year's maternities, less women reached; a positive number is a shortfall, a negative one means ahead.`,
		value: (params) => `${params.bind(ambitionRate)}::DOUBLE * maternities - reached`
	};
}

export const ambitionGap = createAmbitionGap();

/** The Long Term Plan's published access ambition for the period, as a percentage of births. */
export const ambitionPath: Metric = {
	id: 'ambition_path',
	label: 'Long Term Plan ambition',
	unit: 'percent',
	polarity: 'none',
	description: 'Expected specialist access as a percentage of births, as the NHS Long Term Plan set it for the year.',
	value: () => 'ambition_percent'
};
