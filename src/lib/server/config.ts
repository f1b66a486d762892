import { env } from '$env/dynamic/private';
import { resolve } from 'node:path';

/** Server configuration from the environment; see the README's configuration table. */
export function readConfig() {
	return {
		/** Folder holding the demonstration dataset's manifest.json and Arrow files. */
		demoDataDir: resolve(env.DEMO_DATA_DIR || 'data/demo')
	};
}
