import { ECONOMIC_PARAMETERS } from './economics';
import { OPTION_KINDS, OPTIONS, type OptionKind } from './options';
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
 * `validateScenarioRequest`. Empty fields are left out, so they take their defaults.
 */
export function fromSearchParams(params: URLSearchParams, { defaultArea = 'E92000001' } = {}): Record<string, unknown> {
	const kinds = params.getAll('option').filter((k, i, all) => all.indexOf(k) === i);
	const options = kinds.map((kind) => {
		const values: Record<string, unknown> = {};
		const definitions = OPTION_KINDS.includes(kind as OptionKind) ? OPTIONS[kind as OptionKind].parameters : [];
		for (const [key, text] of params) {
			if (!key.startsWith(`${kind}.`)) continue;
			const id = key.slice(kind.length + 1);
			const value = definitions.some((d) => d.id === id) ? toNumber(text) : text;
			if (value !== undefined) values[id] = value;
		}
		return { kind, params: values };
	});
	const economics: Record<string, unknown> = {};
	for (const [key, text] of params) {
		if (!key.startsWith('e.')) continue;
		const value = toNumber(text);
		if (value !== undefined) economics[key.slice(2)] = value;
	}
	const years = params.get('years');
	return {
		area: params.get('area') || defaultArea,
		horizonYears: years ? toNumber(years) : undefined,
		options: options.length ? options : [{ kind: 'practitioners', params: {} }],
		economics
	};
}
