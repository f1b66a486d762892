import { createRandom, triangular } from '../random/seeded';
import { ECONOMIC_PARAMETERS } from './economics';
import { evaluateScenario } from './evaluate';
import { OPTIONS } from './options';
import type { ParameterDefinition } from './parameter';
import { withDefaults, type Scenario } from './scenario';

/** One parameter the uncertainty analysis varies: an economic one, or one option's. */
interface UncertainParameter {
	definition: ParameterDefinition;
	/** Index of the option in the scenario, or null for the shared economic parameters. */
	option: number | null;
	label: string;
}

function uncertainParameters(scenario: Scenario): UncertainParameter[] {
	const varies = (d: ParameterDefinition) => d.high > d.low && !d.decision;
	const economic = ECONOMIC_PARAMETERS.filter(varies).map((definition) => ({ definition, option: null, label: definition.label }));
	const options = scenario.options.flatMap((o, option) =>
		OPTIONS[o.kind].parameters.filter(varies).map((definition) => ({ definition, option, label: `${definition.label} (${OPTIONS[o.kind].shortLabel})` }))
	);
	return [...economic, ...options];
}

function withValue(scenario: Scenario, parameter: UncertainParameter, value: number): Scenario {
	if (parameter.option === null) return { ...scenario, economics: { ...scenario.economics, [parameter.definition.id]: value } };
	return {
		...scenario,
		options: scenario.options.map((o, i) => (i === parameter.option ? { ...o, params: { ...o.params, [parameter.definition.id]: value } } : o))
	};
}

/** The range a parameter varies over, kept around the scenario's own value when that lies outside the default range. */
function rangeOf(parameter: UncertainParameter, value: number) {
	const { low, high } = parameter.definition;
	return { low: Math.min(low, value), mode: value, high: Math.max(high, value) };
}

export interface Band {
	year: number;
	p5: number;
	p50: number;
	p95: number;
}

export interface MonteCarloResult {
	draws: number;
	seed: number;
	/** Cumulative net economic benefit (present value) by year. */
	cumulativeNetBenefit: Band[];
	netEconomicBenefit: { p5: number; p50: number; p95: number };
}

export interface MonteCarloOptions {
	draws?: number;
	seed?: number;
	/** Called every 50 draws with the share done, for progress indicators. */
	onProgress?: (done: number) => void;
	/** Checked between draws; when it returns true the run stops with an error. */
	isCancelled?: () => boolean;
}

/** Percentile by linear interpolation between order statistics (type 7, as R and NumPy default). */
export function percentile(sorted: readonly number[], p: number): number {
	const h = (sorted.length - 1) * p;
	const lower = Math.floor(h);
	return sorted[lower] + (h - lower) * ((sorted[Math.min(lower + 1, sorted.length - 1)] ?? sorted[lower]) - sorted[lower]);
}

/**
 * Probabilistic sensitivity analysis: draws every uncertain parameter (not the staffing decisions) from a triangular distribution over its range
 * (mode at the scenario's value) and reports 5th, 50th and 95th percentiles. The same seed gives the same result.
 */
export function runMonteCarlo(input: Scenario, { draws = 1_000, seed = 1, onProgress, isCancelled }: MonteCarloOptions = {}): MonteCarloResult {
	const scenario = withDefaults(input);
	const parameters = uncertainParameters(scenario);
	const random = createRandom(seed);
	const base = parameters.map((p) => (p.option === null ? scenario.economics[p.definition.id] : scenario.options[p.option].params[p.definition.id]));
	const paths: number[][] = [];
	for (let draw = 0; draw < draws; draw++) {
		if (isCancelled?.()) throw new Error('cancelled');
		let drawn = scenario;
		parameters.forEach((p, i) => {
			const { low, mode, high } = rangeOf(p, base[i]);
			let value = triangular(random, low, mode, high);
			if (p.definition.integer) value = Math.round(value);
			drawn = withValue(drawn, p, value);
		});
		let cumulative = 0;
		paths.push(evaluateScenario(drawn).years.map((y) => (cumulative += y.pvNetEconomicBenefit)));
		if (onProgress && (draw + 1) % 50 === 0) onProgress((draw + 1) / draws);
	}
	const cumulativeNetBenefit = Array.from({ length: scenario.horizonYears }, (_, year) => {
		const sorted = paths.map((p) => p[year]).sort((a, b) => a - b);
		return { year: year + 1, p5: percentile(sorted, 0.05), p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
	});
	const last = cumulativeNetBenefit[cumulativeNetBenefit.length - 1];
	return { draws, seed, cumulativeNetBenefit, netEconomicBenefit: { p5: last.p5, p50: last.p50, p95: last.p95 } };
}

export interface TornadoBar {
	label: string;
	low: number;
	high: number;
	/** Net economic benefit with the parameter at its low and high values, others at the scenario's. */
	atLow: number;
	atHigh: number;
	swing: number;
}

/** One-way sensitivity of net economic benefit to each parameter over its range, largest swing first. */
export function runTornado(input: Scenario): { base: number; bars: TornadoBar[] } {
	const scenario = withDefaults(input);
	const base = evaluateScenario(scenario).totals.netEconomicBenefit;
	const bars = uncertainParameters(scenario).map((p) => {
		const value = p.option === null ? scenario.economics[p.definition.id] : scenario.options[p.option].params[p.definition.id];
		const { low, high } = rangeOf(p, value);
		const atLow = evaluateScenario(withValue(scenario, p, low)).totals.netEconomicBenefit;
		const atHigh = evaluateScenario(withValue(scenario, p, high)).totals.netEconomicBenefit;
		return { label: p.label, low, high, atLow, atHigh, swing: Math.abs(atHigh - atLow) };
	});
	return { base, bars: bars.sort((a, b) => b.swing - a.swing) };
}
