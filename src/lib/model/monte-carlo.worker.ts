/// <reference lib="webworker" />
import { runMonteCarlo } from './uncertainty';
import type { Scenario } from './scenario';

/** Runs the Monte Carlo analysis off the main thread, posting progress; the page terminates it to cancel. */
self.onmessage = (event: MessageEvent<{ scenario: Scenario; draws: number; seed: number }>) => {
	const { scenario, draws, seed } = event.data;
	try {
		const result = runMonteCarlo(scenario, { draws, seed, onProgress: (done) => self.postMessage({ type: 'progress', done }) });
		self.postMessage({ type: 'done', result });
	} catch (error) {
		self.postMessage({ type: 'error', message: (error as Error).message });
	}
};
