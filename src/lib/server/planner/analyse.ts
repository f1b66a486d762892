import { createNetBenefitChart } from '../../charts/net-benefit-chart';
import { createReachChart } from '../../charts/reach-chart';
import { createTornadoChart } from '../../charts/tornado-chart';
import { evaluateScenario } from '../../model/evaluate';
import type { Scenario } from '../../model/scenario';
import { runMonteCarlo, runTornado } from '../../model/uncertainty';
import { renderToMarkup } from '../charts/render-svg';

export const DRAWS = 1_000;
export const SEED = 1;

/** What the planner shows for a scenario: its results, the tornado and the Monte Carlo bands. */
export function analyseScenario(scenario: Scenario) {
	return { scenario, result: evaluateScenario(scenario), tornado: runTornado(scenario), monteCarlo: runMonteCarlo(scenario, { draws: DRAWS, seed: SEED }) };
}

export type Analysis = ReturnType<typeof analyseScenario>;

/** The planner's three charts as SVG markup, for the first HTML. */
export function renderPlannerCharts({ result, tornado, monteCarlo }: Analysis) {
	return {
		netBenefit: renderToMarkup((document) => createNetBenefitChart({ years: result.years, band: monteCarlo.cumulativeNetBenefit, document })),
		tornado: renderToMarkup((document) => createTornadoChart({ ...tornado, document })),
		reach: renderToMarkup((document) => createReachChart({ options: result.options, unmetByYear: result.unmetByYear, document }))
	};
}
