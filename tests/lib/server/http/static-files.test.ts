import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles } from '../../../../src/lib/server/http/static-files';

let server: Server;
let base: string;
const root = mkdtempSync(join(tmpdir(), 'pmh-static-'));

beforeAll(async () => {
	mkdirSync(join(root, '_app/immutable'), { recursive: true });
	writeFileSync(join(root, '_app/immutable/app.abc.js'), 'console.log(1)');
	writeFileSync(join(root, '_app/immutable/app.abc.js.br'), 'BROTLI');
	writeFileSync(join(root, 'gone.txt'), 'soon gone');
	const serveStatic = createStaticFiles({ root });
	server = createServer((req, res) => {
		if (!serveStatic(req, res)) res.writeHead(418).end('passed on');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

describe('static files', () => {
	it('serves listed files with type, caching and the precompressed sibling when accepted', async () => {
		const plain = await fetch(`${base}/_app/immutable/app.abc.js`, { headers: { 'accept-encoding': 'identity' } });
		expect(await plain.text()).toBe('console.log(1)');
		expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const etag = plain.headers.get('etag')!;
		expect((await fetch(`${base}/_app/immutable/app.abc.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
		const { request } = await import('node:http');
		const encoding = await new Promise<string | undefined>((resolve) =>
			request(
				`${base}/_app/immutable/app.abc.js`,
				{ headers: { 'accept-encoding': 'br' } },
				(res) => (res.resume(), resolve(res.headers['content-encoding']))
			).end()
		);
		expect(encoding).toBe('br');
	});

	it('passes on paths it does not own, including encoded traversal', async () => {
		for (const path of ['/nope.js', '/%2e%2e/etc/passwd', '/_app/immutable/%zz']) expect((await fetch(base + path)).status, path).toBe(418);
	});

	it('answers 404 for a file deleted since start-up, and keeps serving', async () => {
		rmSync(join(root, 'gone.txt'));
		const response = await fetch(`${base}/gone.txt`);
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('no longer on the server');
		expect((await fetch(`${base}/_app/immutable/app.abc.js`)).status).toBe(200);
	});
});
