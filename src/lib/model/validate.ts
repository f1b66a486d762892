import * as v from 'valibot';
import { ENGLAND } from '../contract/vocabulary';
import { toFieldErrors, type FieldError } from '../validation/issues';
import { scenarioRequestSchema } from './scenario-schema';
import { DEFAULT_HORIZON, MAX_OPTIONS, type OptionChoice } from './scenario';
import type { ParameterValues } from './parameter';

export type { FieldError };

export interface ScenarioRequest {
	area: string;
	horizonYears: number;
	options: OptionChoice[];
	economics: ParameterValues;
}

export type ValidationResult = { ok: true; request: ScenarioRequest } | { ok: false; errors: FieldError[]; partial: ScenarioRequest };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request with every field that has a problem left out (so it takes its default), for pages that show errors beside a result. */
function partialRequest(input: unknown, errors: FieldError[]): ScenarioRequest {
	const bad = new Set(errors.map((e) => e.path));
	const safe = (path: string) => !bad.has(path);
	const raw = isObject(input) ? input : {};
	const area = typeof raw.area === 'string' && safe('area') ? raw.area.trim().toUpperCase() : ENGLAND;
	const horizonYears = typeof raw.horizonYears === 'number' && safe('horizonYears') ? raw.horizonYears : DEFAULT_HORIZON;
	const keepValues = (values: unknown, path: string): ParameterValues =>
		isObject(values) ? (Object.fromEntries(Object.entries(values).filter(([id, value]) => typeof value === 'number' && Object.hasOwn(values, id) && !bad.has(`${path}.${id}`))) as ParameterValues) : {};
	const options = (Array.isArray(raw.options) ? raw.options : [])
		.slice(0, MAX_OPTIONS)
		.map((option, i) => ({ option, i }))
		.filter(({ option, i }) => isObject(option) && !bad.has(`options[${i}].kind`) && !bad.has(`options[${i}]`))
		.map(({ option, i }) => ({ kind: (option as { kind: OptionChoice['kind'] }).kind, params: keepValues((option as { params?: unknown }).params, `options[${i}].params`) }));
	return { area, horizonYears, options, economics: keepValues(raw.economics, 'economics') };
}

/**
 * Checks an untrusted scenario request (from a URL, a form or JSON) against the scenario schema and returns
 * it, or its problems (capped) together with `partial`: the request with each bad value left out.
 */
export function validateScenarioRequest(input: unknown): ValidationResult {
	const result = v.safeParse(scenarioRequestSchema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, request: result.output as ScenarioRequest };
	const errors = toFieldErrors(result.issues);
	return { ok: false, errors, partial: partialRequest(input, toFieldErrors(result.issues, { max: Infinity })) };
}
