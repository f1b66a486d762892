import type { Scenario } from '../../model/scenario';
import type { Db } from '../db/client';
import { analyseScenario } from './analyse';
import { loadScenario } from './scenario-store';

/** A saved version's results, from its stored request and the area inputs stored with it. */
export async function planFromSavedVersion(db: Db, id: string, version?: number) {
	const saved = await loadScenario(db, id, version);
	if (!saved) return undefined;
	const scenario: Scenario = {
		area: saved.inputs,
		horizonYears: saved.request.horizonYears,
		options: saved.request.options,
		economics: saved.request.economics
	};
	return { saved, ...(await analyseScenario(scenario)) };
}
