import { createReadStream, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { chooseEncoding } from './encoding';

const TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.html': 'text/html; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2',
	'.arrow': 'application/vnd.apache.arrow.stream'
};

interface StaticFile {
	path: string;
	size: number;
	etag: string;
	type: string;
	/** Precompressed siblings (`.br`, `.gz`), when the build wrote them. */
	br?: { path: string; size: number };
	gz?: { path: string; size: number };
}

export interface StaticFilesOptions {
	/** Folder of the built client assets (build/client). */
	root: string;
	/** Paths under this prefix have content hashes in their names and are cached for a year. */
	immutablePrefix?: string;
}

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else if (entry.isFile()) out.push(full);
	}
	return out;
}

/**
 * Serves the build's client files from a list made at start-up. Unlike a plain file server, a file that has
 * disappeared since (a rebuild under the running server) is answered with 404, never a crash. Returns a
 * handler that answers and returns true for a path it owns, or returns false to pass the request on.
 */
export function createStaticFiles({ root, immutablePrefix = '/_app/immutable/' }: StaticFilesOptions) {
	const files = new Map<string, StaticFile>();
	const all = walk(root);
	const sizes = new Map(all.map((path) => [path, statSync(path)]));
	for (const path of all) {
		if (path.endsWith('.br') || path.endsWith('.gz')) continue;
		const stat = sizes.get(path)!;
		const variant = (suffix: string) => {
			const s = sizes.get(path + suffix);
			return s ? { path: path + suffix, size: s.size } : undefined;
		};
		const url = '/' + relative(root, path).split(sep).join('/');
		files.set(url, {
			path,
			size: stat.size,
			etag: `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`,
			type: TYPES[extname(path)] ?? 'application/octet-stream',
			br: variant('.br'),
			gz: variant('.gz')
		});
	}

	return function serveStatic(req: IncomingMessage, res: ServerResponse): boolean {
		if (req.method !== 'GET' && req.method !== 'HEAD') return false;
		const pathname = (req.url ?? '/').split('?')[0];
		let decoded: string;
		try {
			decoded = decodeURIComponent(pathname);
		} catch {
			return false;
		}
		const file = files.get(decoded);
		if (!file) return false;

		res.setHeader('content-type', file.type);
		res.setHeader('etag', file.etag);
		res.setHeader('vary', 'accept-encoding');
		res.setHeader('cache-control', decoded.startsWith(immutablePrefix) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
		if (req.headers['if-none-match'] === file.etag) {
			res.statusCode = 304;
			res.end();
			return true;
		}
		const encoding = chooseEncoding(req.headers['accept-encoding'], [...(file.br ? (['br'] as const) : []), ...(file.gz ? (['gzip'] as const) : [])]);
		const source = (encoding === 'br' ? file.br : encoding === 'gzip' ? file.gz : undefined) ?? file;
		if (encoding) res.setHeader('content-encoding', encoding);
		res.setHeader('content-length', source.size);
		if (req.method === 'HEAD') {
			res.end();
			return true;
		}
		const stream = createReadStream(source.path);
		stream.on('error', () => {
			// Gone since start-up (a rebuild): answer 404 if nothing was sent yet, else cut the response short.
			if (res.headersSent) return void res.destroy();
			for (const name of ['content-type', 'etag', 'content-encoding', 'content-length', 'vary']) res.removeHeader(name);
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
			res.end(`${decoded} is no longer on the server (it was rebuilt); reload the page.\n`);
		});
		stream.pipe(res);
		return true;
	};
}
