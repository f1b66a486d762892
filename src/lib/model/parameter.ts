/** How a parameter's value is read and shown. */
export type ParameterUnit = 'wte' | 'people' | 'years' | 'gbp' | 'share' | 'women_per_wte' | 'qaly' | 'rate';

/**
 * One model input: its default value, the plausible range the uncertainty analysis draws from
 * (triangular, with the default as the mode), and where the value comes from.
 */
export interface ParameterDefinition {
	id: string;
	label: string;
	unit: ParameterUnit;
	value: number;
	low: number;
	high: number;
	/** Smallest and largest values the model accepts at all; outside them an input is rejected. */
	min: number;
	max: number;
	/** A citation, or for values without one, what the assumption rests on. */
	source: string;
	assumption: boolean;
	/** Whole numbers only (staff counts, years). */
	integer?: boolean;
	/** A choice the commissioner makes (how many staff), not an uncertain quantity: never varied in the uncertainty analysis. */
	decision?: boolean;
}

export type ParameterValues = Record<string, number>;

export function defaultValues(definitions: readonly ParameterDefinition[]): ParameterValues {
	return Object.fromEntries(definitions.map((d) => [d.id, d.value]));
}

/** Why a value is not acceptable for a parameter, or null. */
export function checkParameter(definition: ParameterDefinition, value: unknown): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return `${definition.label} must be a number`;
	if (definition.integer && !Number.isInteger(value)) return `${definition.label} must be a whole number`;
	if (value < definition.min) return `${definition.label} must be at least ${definition.min} (got ${value})`;
	if (value > definition.max) return `${definition.label} must be at most ${definition.max} (got ${value})`;
	return null;
}
