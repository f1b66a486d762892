import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { lookUpDataset } from '$lib/server/datasets';
import { chooseEncoding } from '$lib/server/http/encoding';
import type { RequestHandler } from './$types';

// A version never changes, its manifest included, and table files carry a content hash in their names:
// everything here can be cached for a year.
const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';

/** /data/demo/1/manifest.json and the table files it lists: what DuckDB-wasm loads in the browser. */
export const GET: RequestHandler = async ({ params, request, locals, url }) => {
	requireRole(locals, url, 'demo');
	const found = await lookUpDataset(new URLSearchParams({ dataset: params.dataset, version: params.version }));
	if (!found.ok) error(found.status, found.message);
	const file = await found.dataset.readFile(params.file);
	const manifestPath = `/data/${params.dataset}/${params.version}/manifest.json`;
	if (!file) error(404, `no file "${params.file.slice(0, 80)}" in ${params.dataset} version ${params.version}; ${manifestPath} lists the files it has`);
	const isManifest = params.file === 'manifest.json';
	const headers: Record<string, string> = {
		'content-type': isManifest ? 'application/json' : 'application/vnd.apache.arrow.stream',
		'cache-control': CACHE_IMMUTABLE,
		etag: file.etag,
		vary: 'accept-encoding'
	};
	if (request.headers.get('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
	if (chooseEncoding(request.headers.get('accept-encoding'), ['br'])) {
		headers['content-encoding'] = 'br';
		return new Response((await file.brotli()) as BodyInit, { headers });
	}
	return new Response(file.bytes as BodyInit, { headers });
};
