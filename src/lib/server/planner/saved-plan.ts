import type { Scenario } from '../../model/scenario';
import { evaluateScenario } from '../../model/evaluate';
import { runMonteCarlo, runTornado } from '../../model/uncertainty';
import type { Db } from '../db/client';
import { DRAWS, SEED } from './plan';
import { loadScenario } from './scenario-store';

/** A saved version's results, from its stored request and the area inputs stored with it. */
export async function planFromSavedVersion(db: Db, id: string, version?: number) {
	const saved = await loadScenario(db, id, version);
	if (!saved) return undefined;
	const scenario: Scenario = { area: saved.inputs, horizonYears: saved.request.horizonYears, options: saved.request.options, economics: saved.request.economics };
	return { saved, scenario, result: evaluateScenario(scenario), tornado: runTornado(scenario), monteCarlo: runMonteCarlo(scenario, { draws: DRAWS, seed: SEED }) };
}
