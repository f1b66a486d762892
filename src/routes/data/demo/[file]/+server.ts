import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { demoDataset } from '$lib/server/demo-dataset';
import type { RequestHandler } from './$types';

// Table files carry a content hash in their names, so they never change and can be cached for a year;
// the manifest is revalidated so a new dataset version is picked up at once.
const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
const CACHE_REVALIDATE = 'public, max-age=0, must-revalidate';

export const GET: RequestHandler = async ({ params, request, locals, url }) => {
	requireRole(locals, url, 'demo');
	const file = await (await demoDataset()).readFile(params.file);
	if (!file) error(404, `no file "${params.file}" in the demonstration dataset; /data/demo/manifest.json lists the files it has`);
	const isManifest = params.file === 'manifest.json';
	const headers: Record<string, string> = {
		'content-type': isManifest ? 'application/json' : 'application/vnd.apache.arrow.stream',
		'cache-control': isManifest ? CACHE_REVALIDATE : CACHE_IMMUTABLE,
		etag: file.etag,
		vary: 'accept-encoding'
	};
	if (request.headers.get('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
	if (/\bbr\b/.test(request.headers.get('accept-encoding') ?? '')) {
		headers['content-encoding'] = 'br';
		return new Response((await file.brotli()) as BodyInit, { headers });
	}
	return new Response(file.bytes as BodyInit, { headers });
};
