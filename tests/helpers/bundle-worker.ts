import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** A worker script bundled as the production build bundles it (scripts/postbuild.ts); returns its path. */
export async function bundleWorker(name: 'model-worker' | 'publish-worker'): Promise<string> {
	const outfile = join(mkdtempSync(join(tmpdir(), 'pmh-worker-')), `${name}.js`);
	await build({
		entryPoints: [`src/lib/server/workers/${name}.ts`],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		alias: { $lib: './src/lib' },
		logLevel: 'warning'
	});
	return outfile;
}
