import { json } from '@sveltejs/kit';
import { evaluateScenario } from '$lib/model/evaluate';
import { PRESETS } from '$lib/model/presets';
import { runMonteCarlo, runTornado } from '$lib/model/uncertainty';
import { validateScenarioRequest } from '$lib/model/validate';
import { resolveScenario } from '$lib/server/planner/resolve-scenario';
import type { RequestHandler } from './$types';

const MAX_DRAWS = 10_000;

/**
 * Evaluates `{ preset }` or `{ area, horizonYears, options, economics? }` and returns the planner's results
 * (present values in pounds). Add `monteCarlo: { draws, seed }` for uncertainty bands. Stores nothing.
 */
export const POST: RequestHandler = async ({ request }) => {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ errors: [{ path: '', message: 'the request body is not valid JSON' }] }, { status: 400 });
	}
	const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	let scenario;
	let preset;
	if (input.preset !== undefined) {
		preset = PRESETS[String(input.preset)];
		if (!preset) return json({ errors: [{ path: 'preset', message: `unknown preset; use one of ${Object.keys(PRESETS).join(', ')}` }] }, { status: 400 });
		scenario = preset.scenario;
	} else {
		const validated = validateScenarioRequest(body);
		if (!validated.ok) return json({ errors: validated.errors }, { status: 400 });
		const resolved = await resolveScenario(validated.request);
		if (!resolved.ok) return json({ errors: resolved.errors }, { status: 400 });
		scenario = resolved.scenario;
	}
	const mc = input.monteCarlo as { draws?: unknown; seed?: unknown } | undefined;
	if (mc !== undefined) {
		const draws = mc.draws ?? 1_000;
		if (typeof draws !== 'number' || !Number.isInteger(draws) || draws < 100 || draws > MAX_DRAWS) {
			return json({ errors: [{ path: 'monteCarlo.draws', message: `must be a whole number from 100 to ${MAX_DRAWS}` }] }, { status: 400 });
		}
		if (mc.seed !== undefined && (typeof mc.seed !== 'number' || !Number.isInteger(mc.seed))) {
			return json({ errors: [{ path: 'monteCarlo.seed', message: 'must be a whole number' }] }, { status: 400 });
		}
	}
	const result = evaluateScenario(scenario);
	return json({
		preset: preset ? { id: preset.id, label: preset.label, note: preset.note } : undefined,
		scenario,
		...result,
		tornado: runTornado(scenario),
		monteCarlo: mc ? runMonteCarlo(scenario, { draws: (mc.draws as number) ?? 1_000, seed: (mc.seed as number) ?? 1 }) : undefined
	});
};
