import type { Scenario } from './scenario';
import type { MonteCarloResult } from './uncertainty';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** The Monte Carlo analysis for the scenario on screen, in a Worker: reactive status, progress and result. */
export class UncertaintyRun {
	status = $state<RunStatus>('idle');
	progress = $state(0);
	result = $state<MonteCarloResult | null>(null);
	error = $state<string | null>(null);
	#worker: Worker | null = null;

	/** Back to idle, dropping any run in progress (for example when the page loads a new scenario). */
	reset() {
		this.#stop();
		this.status = 'idle';
		this.result = null;
		this.progress = 0;
	}

	start(scenario: Scenario, { draws = 1_000, seed = 1 }: { draws?: number; seed?: number } = {}) {
		this.#stop();
		this.status = 'running';
		this.progress = 0;
		this.error = null;
		// Vite bundles the worker only when written exactly like this.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const worker = new Worker(new URL('./monte-carlo.worker.ts', import.meta.url), { type: 'module' });
		this.#worker = worker;
		worker.onmessage = (event) => {
			const message = event.data as { type: 'progress'; done: number } | { type: 'done'; result: MonteCarloResult } | { type: 'error'; message: string };
			if (message.type === 'progress') this.progress = message.done;
			else if (message.type === 'done') {
				this.result = message.result;
				this.status = 'done';
				this.#stop();
			} else {
				this.error = message.message;
				this.status = 'error';
				this.#stop();
			}
		};
		// Svelte state proxies cannot be cloned into a Worker; send plain data.
		worker.postMessage({ scenario: JSON.parse(JSON.stringify(scenario)), draws, seed });
	}

	cancel() {
		if (this.status !== 'running') return;
		this.#stop();
		this.status = 'cancelled';
	}

	#stop() {
		this.#worker?.terminate();
		this.#worker = null;
	}
}
