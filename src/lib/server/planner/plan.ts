import { fromSearchParams } from '../../model/url-state';
import { validateScenarioRequest, type FieldError } from '../../model/validate';
import type { ServerDataset } from '../datasets';
import { analyseScenario } from './analyse';
import { resolveScenario } from './resolve-scenario';

/**
 * Everything the planner shows for a URL's scenario: problems with any field (left at their defaults), the
 * scenario with the area's inputs, its results, the tornado and the Monte Carlo bands.
 */
export async function planFromSearchParams(params: URLSearchParams, { client, dataset }: { client?: string; dataset: ServerDataset }) {
	const validated = validateScenarioRequest(fromSearchParams(params));
	const request = validated.ok ? validated.request : validated.partial;
	const errors: FieldError[] = validated.ok ? [] : [...validated.errors];
	let resolved = await resolveScenario(request, dataset);
	if (!resolved.ok) {
		errors.push(...resolved.errors);
		resolved = await resolveScenario({ ...request, area: 'E92000001' }, dataset);
		if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '));
	}
	const scenario = resolved.scenario;
	if (scenario.options.length === 0) scenario.options = [{ kind: 'practitioners', params: {} }];
	return {
		request: { ...request, area: scenario.area.areaCode, options: scenario.options },
		errors,
		...(await analyseScenario(scenario, { client }))
	};
}
