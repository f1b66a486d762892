import { ECONOMIC_PARAMETERS } from './economics';
import { OPTION_KINDS, OPTIONS, type OptionKind } from './options';
import { MAX_OPTIONS } from './scenario';
import type { ScenarioRequest } from './validate';

/**
 * A scenario request as URL search parameters, readable and form-friendly:
 * `area=E54000057&years=10&option=practitioners&practitioners.wte=40&e.discountRate=0.035`.
 * Only values that differ from the defaults are written.
 */
export function toSearchParams(request: ScenarioRequest): URLSearchParams {
	const params = new URLSearchParams({ area: request.area, years: String(request.horizonYears) });
	for (const option of request.options) {
		params.append('option', option.kind);
		for (const definition of OPTIONS[option.kind].parameters) {
			const value = option.params[definition.id];
			if (value !== undefined && value !== definition.value) params.set(`${option.kind}.${definition.id}`, String(value));
		}
	}
	for (const definition of ECONOMIC_PARAMETERS) {
		const value = request.economics[definition.id];
		if (value !== undefined && value !== definition.value) params.set(`e.${definition.id}`, String(value));
	}
	return params;
}

const toNumber = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

/**
 * Reads search parameters (from the URL or the planner's form) into an unvalidated request, for
 * `validateScenarioRequest`. Empty fields are left out, so they take their defaults. One pass over the
 * parameters, and at most one option more than allowed is kept (for validation to refuse), so a query with
 * thousands of options costs no more than reading it.
 */
export function fromSearchParams(params: URLSearchParams, { defaultArea = 'E92000001' } = {}): Record<string, unknown> {
	const options = new Map<string, Record<string, unknown>>();
	// Null prototypes: a key such as __proto__ is then an ordinary (unknown) field for validation to name.
	const economics: Record<string, unknown> = Object.create(null);
	const values: [key: string, text: string][] = [];
	for (const [key, text] of params) {
		if (key === 'option') {
			if (!options.has(text) && options.size <= MAX_OPTIONS) options.set(text, Object.create(null));
		} else if (key.startsWith('e.')) {
			const value = toNumber(text);
			if (value !== undefined) economics[key.slice(2)] = value;
		} else if (key.includes('.')) values.push([key, text]);
	}
	for (const [key, text] of values) {
		const dot = key.indexOf('.');
		const kind = key.slice(0, dot);
		const target = options.get(kind);
		if (!target) continue;
		const id = key.slice(dot + 1);
		const known = OPTION_KINDS.includes(kind as OptionKind) && OPTIONS[kind as OptionKind].parameters.some((d) => d.id === id);
		const value = known ? toNumber(text) : text;
		if (value !== undefined) target[id] = value;
	}
	const years = params.get('years');
	return {
		area: params.get('area') || defaultArea,
		horizonYears: years ? toNumber(years) : undefined,
		options: options.size ? [...options].map(([kind, values]) => ({ kind, params: values })) : [{ kind: 'practitioners', params: {} }],
		economics
	};
}
