import { MissingInputsError, queryScenarioInputs } from '../../metrics/scenario-inputs';
import type { FieldError, ScenarioRequest } from '../../model/validate';
import type { AreaInputs, Scenario } from '../../model/scenario';
import type { Engine } from '../../engine/engine';
import { findArea } from '../../queries/areas';
import type { ServerDataset } from '../datasets';

/** Turns a validated request into a scenario, with the area's inputs from the server's dataset. */
export async function resolveScenario(
	request: ScenarioRequest,
	{ engine, manifest, memo }: ServerDataset
): Promise<{ ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] }> {
	const found = await memo(`scenario-inputs:${request.area}`, () => areaInputs(engine, request.area, manifest.latestPeriod));
	if (!found.ok) return found;
	return { ok: true, scenario: { area: { ...found.inputs }, horizonYears: request.horizonYears, options: request.options, economics: request.economics } };
}

/** An area's baseline for the planner, from the dataset's latest period (the same for every request: memoised). */
async function areaInputs(engine: Engine, code: string, period: string): Promise<{ ok: true; inputs: AreaInputs } | { ok: false; errors: FieldError[] }> {
	const area = await findArea(engine, code);
	if (!area) return { ok: false, errors: [{ path: 'area', message: `unknown area code: ${code}` }] };
	try {
		return { ok: true, inputs: await queryScenarioInputs(engine, { area: area.areaCode, areaName: area.shortName, period }) };
	} catch (error) {
		if (error instanceof MissingInputsError) return { ok: false, errors: [{ path: 'area', message: error.message }] };
		throw error;
	}
}
