import * as v from 'valibot';
import { PRESETS } from './presets';
import { scenarioFields } from './scenario-schema';

export const MAX_DRAWS = 10_000;

const wholeDraws = `must be a whole number from 100 to ${MAX_DRAWS}`;
const monteCarloSchema = v.optional(
	v.strictObject(
		{
			draws: v.optional(v.pipe(v.number(wholeDraws), v.integer(wholeDraws), v.minValue(100, wholeDraws), v.maxValue(MAX_DRAWS, wholeDraws)), 1_000),
			seed: v.optional(v.pipe(v.number('must be a whole number'), v.safeInteger('must be a whole number')), 1)
		},
		(issue) =>
			issue.expected === 'never' ? 'unknown field; monteCarlo has draws and seed' : 'must be an object such as { "draws": 1000, "seed": 1 }, or left out'
	)
);

const presetIds = Object.keys(PRESETS);

const presetRequestSchema = v.strictObject(
	{ preset: v.picklist(presetIds, `unknown preset; use one of ${presetIds.join(', ')}`), monteCarlo: monteCarloSchema },
	(issue) => (issue.expected === 'never' ? 'unknown field; with a preset, send only preset and monteCarlo' : 'send a JSON object')
);

const scenarioEvaluateSchema = v.strictObject({ ...scenarioFields, monteCarlo: monteCarloSchema }, (issue) =>
	issue.expected === 'never'
		? 'unknown field; a scenario has area, horizonYears, options, economics and monteCarlo'
		: 'send a JSON object with area, horizonYears and options, or with preset'
);

/** `POST /api/model/evaluate` takes a preset or a scenario, either with optional Monte Carlo settings: the schema for this body. */
export function evaluateRequestSchemaFor(body: unknown) {
	return typeof body === 'object' && body !== null && Object.hasOwn(body, 'preset') ? presetRequestSchema : scenarioEvaluateSchema;
}

export type EvaluateRequest = v.InferOutput<typeof presetRequestSchema> | v.InferOutput<typeof scenarioEvaluateSchema>;
