/**
 * After `vite build`: bundles the production server entry (src/server/main.ts -> build/server.js) and the
 * model and publish workers (-> build/workers/*.js), then precompresses the client files with Brotli and gzip.
 * Compressed bytes are cached by content hash in node_modules/.cache/pmh-precompress, so the 34 MB DuckDB
 * wasm is compressed once per version, not at every build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { build } from 'esbuild';

const BUILD = 'build';
const CACHE = process.env.PRECOMPRESS_CACHE || 'node_modules/.cache/pmh-precompress';
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|wasm|webmanifest|map)$/;
const MIN_BYTES = 1024;
const BROTLI_QUALITY = 11;

const started = performance.now();

await build({
	entryPoints: {
		server: 'src/server/main.ts',
		'workers/model-worker': 'src/lib/server/workers/model-worker.ts',
		'workers/publish-worker': 'src/lib/server/workers/publish-worker.ts'
	},
	outdir: BUILD,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// The workers share the app's modules, which import each other as $lib/...
	alias: { $lib: './src/lib' },
	// The handler is adapter-node's output, loaded at run time once the port is bound. `compression` is CommonJS and
	// requires Node's modules, which an ES module bundle cannot: it is loaded from node_modules, as the handler's
	// dependencies are.
	external: ['./handler.js', 'compression'],
	logLevel: 'warning'
});

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

mkdirSync(CACHE, { recursive: true });
let compressed = 0;
let fromCache = 0;
const files = walk(join(BUILD, 'client')).filter((f) => COMPRESSIBLE.test(f) && statSync(f).size >= MIN_BYTES);
await Promise.all(
	files.map(async (file) => {
		const bytes = readFileSync(file);
		const hash = createHash('sha256').update(bytes).digest('hex');
		for (const [suffix, make] of [
			['.br', () => brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
			['.gz', () => gz(bytes, { level: 9 })]
		] as const) {
			const cached = join(CACHE, `${hash}-q${BROTLI_QUALITY}${suffix}`);
			let out: Uint8Array;
			if (existsSync(cached)) {
				out = readFileSync(cached);
				fromCache++;
			} else {
				out = await make();
				writeFileSync(cached, out);
				compressed++;
			}
			// Only worth serving when it is smaller.
			if (out.length < bytes.length) writeFileSync(file + suffix, out);
		}
	})
);

console.log(
	`postbuild: server and worker bundled; ${files.length} client files precompressed (${compressed} compressed, ${fromCache} from cache) in ${((performance.now() - started) / 1000).toFixed(1)} s`
);
