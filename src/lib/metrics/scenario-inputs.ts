import { ENGLAND } from '../contract/vocabulary';
import type { Engine } from '../engine/engine';
import type { AreaInputs } from '../model/scenario';
import { commitmentShare } from './commitment';
import { maternities, needSevere, needTotal, reached } from './counts';
import { queryMetric } from './query-metric';

/** Raised when an area's figures are suppressed or missing, so the model cannot start from them. */
export class MissingInputsError extends Error {}

/** The planner's inputs for an area, from the same metric functions the dashboard shows. */
export async function queryScenarioInputs(engine: Engine, { area, areaName, period }: { area: string; areaName: string; period: string }): Promise<AreaInputs> {
	const filter = { areas: [area], periods: [period] };
	const [m, n, s, r, c] = await Promise.all(
		[maternities, needTotal, needSevere, reached, commitmentShare].map((metric) => queryMetric(engine, metric, filter).then((rows) => rows[0]?.value ?? null))
	);
	const missing = Object.entries({ maternities: m, 'estimated need': n, 'estimated severe need': s, 'women reached': r }).filter(([, v]) => v === null);
	if (missing.length)
		throw new MissingInputsError(
			`${areaName} has no ${missing.map(([k]) => k).join(', ')} for ${period} (suppressed or missing), so the planner cannot model it`
		);
	if (!m) throw new MissingInputsError(`${areaName} has no maternities in ${period}, so the planner cannot model it`);
	const [englandNeed] = await queryMetric(engine, needTotal, { areas: [ENGLAND], periods: [period] });
	const inputs: AreaInputs = { areaCode: area, areaName, period, maternities: m, needTotal: n!, needSevere: s!, reached: r! };
	// Staff defaults are sized by the area's share of England's need; England itself is the unscaled case.
	if (area !== ENGLAND && englandNeed?.value) inputs.englandShare = Math.min(1, n! / englandNeed.value);
	// Before 2023/24 the plan set no number of women, so there is no commitment share to start from.
	return c === null ? inputs : { ...inputs, commitmentShare: c };
}
