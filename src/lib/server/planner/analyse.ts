import { createNetBenefitChart } from '../../charts/net-benefit-chart';
import { createReachChart } from '../../charts/reach-chart';
import { createTornadoChart } from '../../charts/tornado-chart';
import type { Scenario } from '../../model/scenario';
import { createMemo } from '../cache/memo';
import { renderToMarkup } from '../charts/render-svg';
import { error } from '@sveltejs/kit';
import { modelPool } from '../workers';
import { ModelBusyError } from '../workers/model-pool';
import { WorkerFailedError } from '../workers/worker-pool';
import type { ModelTaskResult } from '../workers/model-task';

export const DRAWS = 1_000;
export const SEED = 1;

export interface Analysis extends Omit<ModelTaskResult, 'monteCarlo'> {
	scenario: Scenario;
	monteCarlo: NonNullable<ModelTaskResult['monteCarlo']>;
}

// A scenario (area inputs included) always gives the same analysis, so pages showing it share one run.
const analyses = createMemo<Analysis>({ max: 200 });

/**
 * What the planner shows for a scenario: its results, the tornado and the 1,000-draw Monte Carlo bands,
 * computed in the model pool (off the event loop) once per distinct scenario.
 */
export function analyseScenario(scenario: Scenario, { client }: { client?: string } = {}): Promise<Analysis> {
	return analyses(JSON.stringify(scenario), async () => {
		try {
			const { result, tornado, monteCarlo } = await modelPool().run({ scenario, monteCarlo: { draws: DRAWS, seed: SEED } }, { client });
			return { scenario, result, tornado, monteCarlo: monteCarlo! };
		} catch (cause) {
			// Too many runs at once: the page says so (429), rather than failing.
			if (cause instanceof ModelBusyError) error(429, cause.message);
			if (cause instanceof WorkerFailedError) {
				console.error(`planner: ${cause.message}`);
				error(503, 'The model run stopped on the server before it finished; reload the page to run it again.');
			}
			throw cause;
		}
	});
}

// Keyed by the result object, which every spread of an analysis shares.
const charts = new WeakMap<object, ReturnType<typeof drawCharts>>();

function drawCharts({ result, tornado, monteCarlo }: Analysis) {
	return {
		netBenefit: renderToMarkup((document) => createNetBenefitChart({ years: result.years, band: monteCarlo.cumulativeNetBenefit, document })),
		tornado: renderToMarkup((document) => createTornadoChart({ ...tornado, document })),
		reach: renderToMarkup((document) => createReachChart({ options: result.options, unmetByYear: result.unmetByYear, document }))
	};
}

/** The planner's three charts as SVG markup, for the first HTML (drawn once per analysis). */
export function renderPlannerCharts(analysis: Analysis) {
	let svgs = charts.get(analysis.result);
	if (!svgs) charts.set(analysis.result, (svgs = drawCharts(analysis)));
	return svgs;
}
