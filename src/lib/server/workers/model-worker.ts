/** Worker thread for model work (bundled to build/workers/model-worker.js): answers each message with its result. */
import { runModelTask } from './model-task';
import { serveTasks } from './worker-thread';

serveTasks(runModelTask);
