/** Worker thread for publishing (bundled to build/workers/publish-worker.js): checks an upload and builds its tables. */
import { runPublishTask } from '../datasets/publish-build';
import { ownBuffers, serveTasks } from './worker-thread';

// The new version's files go back without a copy.
serveTasks(runPublishTask, (result) => ownBuffers('files' in result ? result.files.map(([, bytes]) => bytes) : []));
