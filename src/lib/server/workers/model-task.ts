import { evaluateScenario } from '../../model/evaluate';
import type { Scenario } from '../../model/scenario';
import { runMonteCarlo, runTornado } from '../../model/uncertainty';

/** One piece of model work: a scenario's results, its tornado and, when draws are asked for, its Monte Carlo bands. */
export interface ModelTask {
	scenario: Scenario;
	monteCarlo?: { draws: number; seed: number };
}

/** Runs a task; the same function runs in a worker thread (production) or inline (development, unit tests). */
export function runModelTask({ scenario, monteCarlo }: ModelTask) {
	return {
		result: evaluateScenario(scenario),
		tornado: runTornado(scenario),
		monteCarlo: monteCarlo ? runMonteCarlo(scenario, monteCarlo) : null
	};
}

export type ModelTaskResult = ReturnType<typeof runModelTask>;
