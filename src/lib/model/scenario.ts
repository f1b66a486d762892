import { ECONOMIC_PARAMETERS } from './economics';
import { optionParameters, scaleOf } from './area-scale';
import type { OptionKind } from './options';
import { defaultValues, type ParameterValues } from './parameter';

/** What the model needs to know about an area, for its baseline year. */
export interface AreaInputs {
	areaCode: string;
	areaName: string;
	/** The year the figures are for, e.g. '2024/25'; the horizon starts the year after. */
	period: string;
	maternities: number;
	needTotal: number;
	needSevere: number;
	/** Women reached by specialist services in the baseline year. */
	reached: number;
	/**
	 * The area's share of the Long Term Plan commitment (66,000 women in England) in the baseline year. When
	 * present, the unmet need specialist teams can reach is this less women reached. Versions saved before it
	 * existed lack it and keep their old numbers (severe need less women reached).
	 */
	commitmentShare?: number;
	/**
	 * The area's share of England's estimated need in the baseline year; staff-number defaults are scaled by
	 * it. Absent for England, presets and versions saved before it existed: England-sized, as they were.
	 */
	englandShare?: number;
}

export interface OptionChoice {
	kind: OptionKind;
	/** Values for this option's parameters; missing ones take their defaults. */
	params: ParameterValues;
}

export interface Scenario {
	area: AreaInputs;
	horizonYears: number;
	options: OptionChoice[];
	/** Values for the shared economic parameters; missing ones take their defaults. */
	economics: ParameterValues;
}

export const MAX_OPTIONS = 4;
export const DEFAULT_HORIZON = 10;

export function withDefaults(scenario: Scenario): Scenario {
	return {
		...scenario,
		economics: { ...defaultValues(ECONOMIC_PARAMETERS), ...scenario.economics },
		options: scenario.options.map((o) => ({ kind: o.kind, params: { ...defaultValues(optionParameters(o.kind, scaleOf(scenario.area))), ...o.params } }))
	};
}
