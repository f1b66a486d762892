/** Worker thread for model work (bundled to build/workers/model-worker.js): answers each message with its result. */
import { parentPort } from 'node:worker_threads';
import { runModelTask, type ModelTask } from './model-task';

parentPort?.on('message', ({ id, task }: { id: number; task: ModelTask }) => {
	try {
		parentPort!.postMessage({ id, result: runModelTask(task) });
	} catch (error) {
		parentPort!.postMessage({ id, error: String((error as Error)?.stack ?? error) });
	}
});
