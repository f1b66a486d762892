import * as v from 'valibot';
import { AREA_CODE_PATTERN } from '../contract/vocabulary';
import { ECONOMIC_PARAMETERS } from './economics';
import { OPTION_KINDS, OPTIONS } from './options';
import type { ParameterDefinition, ParameterValues } from './parameter';
import { DEFAULT_HORIZON, MAX_OPTIONS } from './scenario';

/** A parameter's value: a finite number within its hard limits (whole when it must be), with the label in every message. */
export function parameterSchema(d: ParameterDefinition) {
	const got = (issue: { input: unknown }) => ` (got ${typeof issue.input === 'number' ? issue.input : JSON.stringify(issue.input)?.slice(0, 40)})`;
	return v.pipe(
		v.number(`${d.label} must be a number`),
		v.finite(`${d.label} must be a number`),
		v.check((n) => !d.integer || Number.isInteger(n), `${d.label} must be a whole number`),
		v.minValue(d.min, (issue) => `${d.label} must be at least ${d.min}${got(issue)}`),
		v.maxValue(d.max, (issue) => `${d.label} must be at most ${d.max}${got(issue)}`)
	);
}

/** An object of parameter values by id; any other key (prototype keys included) is an unknown parameter. */
export function parameterValuesSchema(definitions: readonly ParameterDefinition[]) {
	const ids = definitions.map((d) => d.id).join(', ');
	return v.optional(
		v.pipe(
			v.strictObject(Object.fromEntries(definitions.map((d) => [d.id, v.optional(parameterSchema(d))])), (issue) =>
				issue.expected === 'never' ? `unknown parameter; expected one of ${ids}` : 'must be an object of parameter values'
			),
			v.transform((values) => values as ParameterValues)
		),
		{}
	);
}

const optionSchema = v.variant(
	'kind',
	OPTION_KINDS.map((kind) =>
		v.strictObject({ kind: v.literal(kind), params: parameterValuesSchema(OPTIONS[kind].parameters) }, (issue) =>
			issue.expected === 'never' ? 'unknown field; an option has kind and params' : 'must be an object with kind and params'
		)
	),
	`must be one of ${OPTION_KINDS.join(', ')}`
);

export const areaCodeSchema = v.pipe(
	v.string((issue) => `${JSON.stringify(issue.input)?.slice(0, 40)} is not an area code; use an ONS code such as E92000001 (England) or E54000057`),
	v.trim(),
	v.toUpperCase(),
	v.regex(AREA_CODE_PATTERN, (issue) => `"${String(issue.input).slice(0, 40)}" is not an area code; use an ONS code such as E92000001 (England) or E54000057`)
);

export const horizonSchema = v.optional(
	v.pipe(
		v.number('must be a whole number of years from 1 to 30'),
		v.integer('must be a whole number of years from 1 to 30'),
		v.minValue(1, 'must be a whole number of years from 1 to 30'),
		v.maxValue(30, 'must be a whole number of years from 1 to 30')
	),
	DEFAULT_HORIZON
);

/** The fields of a scenario request; the evaluate API adds `monteCarlo` to them. */
export const scenarioFields = {
	area: areaCodeSchema,
	horizonYears: horizonSchema,
	// The length first, then the items: valibot checks every item of a list before its length, and 21,000 empty
	// options (a 64 KiB body) took 58 ms to refuse that way.
	options: v.pipe(
		v.array(v.unknown(), `choose between 1 and ${MAX_OPTIONS} options`),
		v.minLength(1, `choose between 1 and ${MAX_OPTIONS} options`),
		v.maxLength(MAX_OPTIONS, `choose between 1 and ${MAX_OPTIONS} options`),
		v.array(optionSchema)
	),
	economics: parameterValuesSchema(ECONOMIC_PARAMETERS)
};

const unknownField = (issue: { expected: string | null }) =>
	issue.expected === 'never'
		? 'unknown field; a scenario has area, horizonYears, options and economics'
		: 'send a JSON object with area, horizonYears and options';

/** A scenario request from a URL, a form, JSON or the database. */
export const scenarioRequestSchema = v.strictObject(scenarioFields, unknownField);
