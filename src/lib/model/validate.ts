import { ENGLAND, isAreaCode } from '../contract/vocabulary';
import { ECONOMIC_PARAMETERS } from './economics';
import { OPTION_KINDS, OPTIONS, type OptionKind } from './options';
import { checkParameter, type ParameterDefinition, type ParameterValues } from './parameter';
import { DEFAULT_HORIZON, MAX_OPTIONS, type OptionChoice } from './scenario';

/** A problem with one field of a scenario, addressed by a path like `options[1].params.caseload`. */
export interface FieldError {
	path: string;
	message: string;
}

export interface ScenarioRequest {
	area: string;
	horizonYears: number;
	options: OptionChoice[];
	economics: ParameterValues;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValues(values: unknown, definitions: ParameterDefinition[], path: string, errors: FieldError[]): ParameterValues {
	if (values === undefined) return {};
	if (!isObject(values)) {
		errors.push({ path, message: 'must be an object of parameter values' });
		return {};
	}
	const out: ParameterValues = {};
	for (const [id, value] of Object.entries(values)) {
		const definition = definitions.find((d) => d.id === id);
		if (!definition) {
			errors.push({ path: `${path}.${id}`, message: `unknown parameter; expected one of ${definitions.map((d) => d.id).join(', ')}` });
			continue;
		}
		const problem = checkParameter(definition, value);
		if (problem) errors.push({ path: `${path}.${id}`, message: problem });
		else out[id] = value as number;
	}
	return out;
}

export type ValidationResult = { ok: true; request: ScenarioRequest } | { ok: false; errors: FieldError[]; partial: ScenarioRequest };

/**
 * Checks an untrusted scenario request (from a URL, a form or JSON) and returns it, or every problem found
 * together with `partial`: the request with each bad value left out (so it takes its default), for pages
 * that show the errors beside a result.
 */
export function validateScenarioRequest(input: unknown): ValidationResult {
	const errors: FieldError[] = [];
	if (!isObject(input)) return { ok: false, errors: [{ path: '', message: 'send a JSON object with area, horizonYears and options' }], partial: { area: ENGLAND, horizonYears: DEFAULT_HORIZON, options: [], economics: {} } };
	const area = typeof input.area === 'string' ? input.area.trim().toUpperCase() : '';
	if (!isAreaCode(area)) errors.push({ path: 'area', message: `"${String(input.area ?? '')}" is not an area code; use an ONS code such as E92000001 (England) or E54000057` });
	const horizonYears = input.horizonYears ?? 10;
	if (typeof horizonYears !== 'number' || !Number.isInteger(horizonYears) || horizonYears < 1 || horizonYears > 30) {
		errors.push({ path: 'horizonYears', message: 'must be a whole number of years from 1 to 30' });
	}
	const options: OptionChoice[] = [];
	if (!Array.isArray(input.options) || input.options.length === 0 || input.options.length > MAX_OPTIONS) {
		errors.push({ path: 'options', message: `choose between 1 and ${MAX_OPTIONS} options` });
	} else {
		input.options.forEach((option: unknown, i) => {
			const kind = isObject(option) ? option.kind : undefined;
			if (!OPTION_KINDS.includes(kind as OptionKind)) {
				errors.push({ path: `options[${i}].kind`, message: `must be one of ${OPTION_KINDS.join(', ')}` });
				return;
			}
			const params = checkValues((option as Record<string, unknown>).params, OPTIONS[kind as OptionKind].parameters, `options[${i}].params`, errors);
			options.push({ kind: kind as OptionKind, params });
		});
	}
	const economics = checkValues(input.economics, ECONOMIC_PARAMETERS, 'economics', errors);
	const request = { area, horizonYears: horizonYears as number, options, economics };
	if (errors.length) {
		const partial = {
			area: errors.some((e) => e.path === 'area') ? ENGLAND : area,
			horizonYears: errors.some((e) => e.path === 'horizonYears') ? DEFAULT_HORIZON : (horizonYears as number),
			options: options.slice(0, MAX_OPTIONS),
			economics
		};
		return { ok: false, errors, partial };
	}
	return { ok: true, request };
}
