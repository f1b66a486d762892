import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { evaluateRequestSchemaFor } from '$lib/model/evaluate-request-schema';
import { PRESETS } from '$lib/model/presets';
import { requireApiRole } from '$lib/server/auth/access';
import { defaultDataset } from '$lib/server/datasets';
import { readBodyText } from '$lib/server/http/body';
import { resolveScenario } from '$lib/server/planner/resolve-scenario';
import { sourceAddressOf } from '$lib/server/request';
import { modelPool } from '$lib/server/workers';
import { ModelBusyError } from '$lib/server/workers/model-pool';
import { WorkerFailedError } from '$lib/server/workers/worker-pool';
import { toFieldErrors } from '$lib/validation/issues';
import type { RequestHandler } from './$types';

const badRequest = (errors: { path: string; message: string }[]) => json({ errors }, { status: 400 });

/**
 * Evaluates `{ preset }` or `{ area, horizonYears, options, economics? }` and returns the planner's results
 * (present values in pounds). Add `monteCarlo: { draws, seed }` for uncertainty bands. Stores nothing. The
 * model runs in the worker pool; a client with too many runs in progress gets 429.
 */
export const POST: RequestHandler = async (event) => {
	requireApiRole(event, 'demo');
	const text = await readBodyText(event.request);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (cause) {
		return badRequest([
			{ path: '', message: `the request body is not valid JSON (${(cause as Error).message.slice(0, 120)}); send an object such as {"preset":"lse-2022"}` }
		]);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return badRequest([{ path: '', message: 'send a JSON object with area, horizonYears and options, or with preset' }]);
	const parsed = v.safeParse(evaluateRequestSchemaFor(body), body, { abortPipeEarly: true });
	if (!parsed.success) return badRequest(toFieldErrors(parsed.issues));
	const input = parsed.output;
	let scenario;
	let preset;
	if ('preset' in input) {
		preset = PRESETS[input.preset];
		scenario = preset.scenario;
	} else {
		const resolved = await resolveScenario(
			{ area: input.area, horizonYears: input.horizonYears, options: input.options, economics: input.economics },
			await defaultDataset()
		);
		if (!resolved.ok) return badRequest(resolved.errors);
		scenario = resolved.scenario;
	}
	const task = { scenario, monteCarlo: input.monteCarlo };
	try {
		// The same scenario always gives the same answer: computed once, shared.
		const { result, tornado, monteCarlo } = await (
			await defaultDataset()
		).memo(`evaluate:${JSON.stringify(task)}`, () => modelPool().run(task, { client: sourceAddressOf(event) }));
		return json({
			preset: preset ? { id: preset.id, label: preset.label, note: preset.note } : undefined,
			scenario,
			...result,
			tornado,
			monteCarlo: monteCarlo ?? undefined
		});
	} catch (error) {
		if (error instanceof ModelBusyError) return json({ errors: [{ path: '', message: error.message }] }, { status: 429, headers: { 'retry-after': '2' } });
		if (error instanceof WorkerFailedError) {
			console.error(`POST /api/model/evaluate: ${error.message}`);
			return json({ errors: [{ path: '', message: 'The model run stopped on the server before it finished; send the request again.' }] }, { status: 503 });
		}
		throw error;
	}
};
