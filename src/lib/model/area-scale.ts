import { OPTIONS, type OptionKind } from './options';
import type { ParameterDefinition } from './parameter';
import type { AreaInputs } from './scenario';

/**
 * How much of England an area's staffing defaults are sized for: its share of England's estimated need.
 * Inputs without a share (England, presets, versions saved before shares existed) are England-sized.
 */
export function scaleOf(area: Pick<AreaInputs, 'englandShare'>): number {
	return area.englandShare ?? 1;
}

const roundStaff = (value: number, unit: ParameterDefinition['unit']) =>
	unit === 'people' ? Math.max(1, Math.round(value)) : Math.max(0.1, Math.round(value * 10) / 10);

/** A staff-number parameter sized for an area: default and range times the area's share, and a source that says so. */
function scaledDefinition(definition: ParameterDefinition, scale: number): ParameterDefinition {
	const percent = scale * 100 < 1 ? (scale * 100).toFixed(2) : (scale * 100).toFixed(1);
	const value = roundStaff(definition.value * scale, definition.unit);
	return {
		...definition,
		value,
		low: roundStaff(definition.low * scale, definition.unit),
		high: roundStaff(definition.high * scale, definition.unit),
		source: `${definition.source}; scaled to this area's ${percent}% of England's estimated need: ${value.toLocaleString('en-GB')} here (${definition.value.toLocaleString('en-GB')} for England)`
	};
}

/** An option's parameters for an area: staff numbers (the commissioner's decision) scaled to the area, the rest as defined. */
export function optionParameters(kind: OptionKind, scale = 1): ParameterDefinition[] {
	const parameters = OPTIONS[kind].parameters;
	if (scale === 1) return parameters;
	return parameters.map((p) => (p.id === 'wte' ? scaledDefinition(p, scale) : p));
}
