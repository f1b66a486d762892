import { MissingInputsError, queryScenarioInputs } from '../../metrics/scenario-inputs';
import type { FieldError, ScenarioRequest } from '../../model/validate';
import type { Scenario } from '../../model/scenario';
import { findArea } from '../../queries/areas';
import { demoDataset } from '../demo-dataset';

/** Turns a validated request into a scenario, with the area's inputs from the server's dataset. */
export async function resolveScenario(request: ScenarioRequest): Promise<{ ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] }> {
	const { engine, manifest } = await demoDataset();
	const area = await findArea(engine, request.area);
	if (!area) return { ok: false, errors: [{ path: 'area', message: `unknown area code: ${request.area}` }] };
	try {
		const inputs = await queryScenarioInputs(engine, { area: area.areaCode, areaName: area.shortName, period: manifest.latestPeriod });
		return { ok: true, scenario: { area: inputs, horizonYears: request.horizonYears, options: request.options, economics: request.economics } };
	} catch (error) {
		if (error instanceof MissingInputsError) return { ok: false, errors: [{ path: 'area', message: error.message }] };
		throw error;
	}
}
