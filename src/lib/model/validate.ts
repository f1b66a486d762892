import * as v from 'valibot';
import { ENGLAND } from '../contract/vocabulary';
import { toFieldErrors, type FieldError } from '../validation/issues';
import { ECONOMIC_PARAMETERS } from './economics';
import { OPTION_KINDS, OPTIONS, type OptionKind } from './options';
import { areaCodeSchema, horizonSchema, parameterSchema, scenarioRequestSchema } from './scenario-schema';
import { DEFAULT_HORIZON, MAX_OPTIONS, type OptionChoice } from './scenario';
import type { ParameterDefinition, ParameterValues } from './parameter';

export type { FieldError };

export interface ScenarioRequest {
	area: string;
	horizonYears: number;
	options: OptionChoice[];
	economics: ParameterValues;
}

export type ValidationResult = { ok: true; request: ScenarioRequest } | { ok: false; errors: FieldError[]; partial: ScenarioRequest };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the values that pass their own parameter's schema: unknown ids (prototype keys among them) are dropped. */
function keepValid(values: unknown, definitions: readonly ParameterDefinition[]): ParameterValues {
	if (!isObject(values)) return {};
	const out: ParameterValues = {};
	for (const d of definitions) if (Object.hasOwn(values, d.id) && v.is(parameterSchema(d), values[d.id])) out[d.id] = values[d.id] as number;
	return out;
}

/** The request with every field that has a problem left out (so it takes its default), for pages that show errors beside a result. */
function partialRequest(input: unknown): ScenarioRequest {
	const raw = isObject(input) ? input : {};
	const area = v.safeParse(areaCodeSchema, raw.area);
	const horizon = v.safeParse(horizonSchema, raw.horizonYears);
	const options = (Array.isArray(raw.options) ? raw.options : [])
		.slice(0, MAX_OPTIONS)
		.filter((option): option is { kind: OptionKind; params?: unknown } => isObject(option) && OPTION_KINDS.includes(option.kind as OptionKind))
		.map(({ kind, params }) => ({ kind, params: keepValid(params, OPTIONS[kind].parameters) }));
	return {
		area: area.success ? area.output : ENGLAND,
		horizonYears: horizon.success ? horizon.output : DEFAULT_HORIZON,
		options,
		economics: keepValid(raw.economics, ECONOMIC_PARAMETERS)
	};
}

/**
 * Checks an untrusted scenario request (from a URL, a form or JSON) against the scenario schema and returns
 * it, or its problems (capped) together with `partial`: the request with each bad value left out.
 */
export function validateScenarioRequest(input: unknown): ValidationResult {
	if (!isObject(input))
		return { ok: false, errors: [{ path: '', message: 'send a JSON object with area, horizonYears and options' }], partial: partialRequest(input) };
	const result = v.safeParse(scenarioRequestSchema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, request: result.output as ScenarioRequest };
	const errors = toFieldErrors(result.issues);
	return { ok: false, errors, partial: partialRequest(input) };
}
