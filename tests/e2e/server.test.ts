import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, renameSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { E2E_USERS, signInAs } from './accounts';
import { freePort } from '../helpers/free-port';
import { newDataDir, startServer, startServerExpectingFailure } from './production-server';

const run = promisify(execFile);

/** An answer's bytes exactly as sent (Playwright's and fetch's clients decode them), with its headers. */
function rawRequest(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
	return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
		const sent = httpRequest(url, { method, headers }, (answer) => {
			const chunks: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => chunks.push(chunk));
			answer.on('end', () => resolve({ status: answer.statusCode!, headers: answer.headers, bytes: Buffer.concat(chunks) }));
			answer.on('error', reject);
		});
		sent.on('error', reject);
		sent.end(body);
	});
}

test.describe('the embedded database has one process at a time', () => {
	test('a second server on the same DATA_DIR exits at once, naming the first; the first keeps working', async ({ request }) => {
		const dataDir = newDataDir();
		const first = await startServer({ DATA_DIR: dataDir });
		try {
			const second = await startServerExpectingFailure({ DATA_DIR: dataDir }, { port: await freePort() });
			expect(second.code).toBe(1);
			expect(second.output).toContain(`is in use by another process: node ${join(process.cwd(), 'build/server.js')} (pid ${first.process.pid}`);
			expect(second.output).toContain('Stop that process first');
			expect((await request.get(`${first.url}/api/me`)).status()).toBe(401);
		} finally {
			await first.stop();
		}
	});

	test('`npm run user` refuses while the server runs, and works once it has stopped', async () => {
		const dataDir = newDataDir();
		const server = await startServer({ DATA_DIR: dataDir });
		const cli = (...args: string[]) =>
			run('npx', ['tsx', 'src/lib/server/cli/user.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir } }).then(
				({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
				(error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr })
			);
		try {
			const refused = await cli('add', 'late@e2e.test', '--role', 'viewer');
			expect(refused.code).toBe(2);
			expect(refused.output).toContain(`(pid ${server.process.pid}`);
			expect(refused.output).toContain('use /admin in the running server');
		} finally {
			await server.stop();
		}
		const added = await cli('add', 'late@e2e.test', '--role', 'viewer');
		expect(added.code, added.output).toBe(0);
		expect(added.output).toContain('created late@e2e.test');
	});

	test('a lock left by a killed server is taken over by the next start', async ({ request }) => {
		const dataDir = newDataDir();
		const first = await startServer({ DATA_DIR: dataDir });
		await first.kill();
		expect(existsSync(join(dataDir, 'pmh.lock'))).toBe(true);
		const second = await startServer({ DATA_DIR: dataDir });
		try {
			expect((await request.get(`${second.url}/`)).status()).toBe(200);
		} finally {
			await second.stop();
		}
	});

	test('a port in use is reported before the database is touched', async () => {
		const dataDir = newDataDir();
		const first = await startServer({ DATA_DIR: newDataDir() });
		try {
			const second = await startServerExpectingFailure({ DATA_DIR: dataDir }, { port: first.port });
			expect(second.code).toBe(1);
			expect(second.output).toContain(`Port ${first.port} on 0.0.0.0 is already in use`);
			expect(readdirSync(dataDir)).toEqual([]);
		} finally {
			await first.stop();
		}
	});
});

test('a static file deleted under the running server gives 404, and the server keeps serving', async ({ request }) => {
	const server = await startServer({ DATA_DIR: newDataDir() });
	const dir = 'build/client/_app/immutable/entry';
	const file = readdirSync(dir).find((f) => f.endsWith('.js') && !f.endsWith('.br') && !f.endsWith('.gz'))!;
	const path = join(dir, file);
	const aside = `${path}.aside`;
	const variants = ['', '.br', '.gz'].filter((suffix) => existsSync(path + suffix));
	try {
		for (const suffix of variants) renameSync(path + suffix, aside + suffix);
		for (const encoding of ['br', 'gzip', 'identity']) {
			const response = await request.get(`${server.url}/_app/immutable/entry/${file}`, { headers: { 'accept-encoding': encoding } });
			expect(response.status()).toBe(404);
			expect(response.headers()['x-content-type-options']).toBe('nosniff');
		}
		expect((await request.get(`${server.url}/`)).status()).toBe(200);
		expect(server.process.exitCode).toBeNull();
	} finally {
		for (const suffix of variants) if (existsSync(aside + suffix)) copyFileSync(aside + suffix, path + suffix);
		for (const suffix of variants) renameSync(aside + suffix, path + suffix);
		await server.stop();
	}
});

test.describe('headers', () => {
	const SECURITY = ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'content-security-policy'];

	test('every kind of response carries the security headers', async ({ request, page, baseURL }) => {
		const responses = {
			page: await request.get('/'),
			staticFile: await request.get('/favicon.svg'),
			redirect: await request.get('/admin', { maxRedirects: 0 }),
			unauthorised: await request.get('/api/me'),
			notFound: await request.get('/no/such/page'),
			badAction: await request.post('/login?/constructor', { form: { email: 'a' }, headers: { origin: baseURL! } }),
			tooLarge: await request.post('/api/model/evaluate', { data: 'x'.repeat(600 * 1024), headers: { 'content-type': 'application/json' } })
		};
		for (const [kind, response] of Object.entries(responses)) {
			// A static file carries no content security policy: a Worker's script would bring it into the Worker.
			for (const header of SECURITY.filter((h) => kind !== 'staticFile' || h !== 'content-security-policy'))
				expect(response.headers()[header], `${kind} ${header}`).toBeTruthy();
			expect(response.status(), kind).toBeLessThan(500);
		}
		expect(responses.redirect.status()).toBe(303);
		expect(responses.tooLarge.status()).toBe(413);

		await signInAs(page, E2E_USERS.viewer);
		const forbidden = await page.request.get('/admin');
		expect(forbidden.status()).toBe(403);
		for (const header of SECURITY) expect(forbidden.headers()[header], `403 ${header}`).toBeTruthy();
	});

	test('pages, CSV and JSON are sent compressed to a browser that accepts it, and form answers are not', async ({ baseURL }) => {
		const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;
		for (const [path, encoding] of [
			['/', 'br'],
			['/areas/E54000050', 'gzip'],
			['/export/trend.csv', 'br'],
			// Not a page the cache keeps: compressed as it is sent.
			['/datasets', 'br'],
			['/data/demo/1/manifest.json', 'gzip']
		] as const) {
			const plain = await rawRequest(`${baseURL}${path}`);
			expect(plain.headers['content-encoding'], path).toBeUndefined();
			const packed = await rawRequest(`${baseURL}${path}`, { headers: { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' } });
			expect([packed.status, packed.headers['content-encoding'], packed.headers.vary], path).toEqual([
				200,
				encoding,
				expect.stringMatching(/accept-encoding/i)
			]);
			expect(decode[encoding](packed.bytes).toString(), path).toBe(plain.bytes.toString());
			expect(packed.bytes.length, path).toBeLessThan(plain.bytes.length / 2);
		}
		// The table files come Brotli'd from their route: not encoded a second time.
		const manifest = JSON.parse((await rawRequest(`${baseURL}/data/demo/1/manifest.json`)).bytes.toString()) as {
			tables: { areas: { file: string; bytes: number } };
		};
		const table = await rawRequest(`${baseURL}/data/demo/1/${manifest.tables.areas.file}`, { headers: { 'accept-encoding': 'gzip, br' } });
		expect(table.headers['content-encoding']).toBe('br');
		expect(brotliDecompressSync(table.bytes).length).toBe(manifest.tables.areas.bytes);
		// A form's answer can hold a new password: never compressed beside what the request sent (BREACH).
		const posted = await rawRequest(`${baseURL}/login`, {
			method: 'POST',
			headers: { accept: 'text/html', 'accept-encoding': 'gzip, br', origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=nobody%40e2e.test&password=wrong-password-here'
		});
		expect(posted.status).toBeLessThan(500);
		expect(posted.bytes.length).toBeGreaterThan(1024);
		expect(posted.headers['content-encoding']).toBeUndefined();
	});

	test('a page revalidated with 304 keeps its own policy (the 304 carries none to replace it)', async ({ request }) => {
		const first = await request.get('/login');
		const etag = first.headers().etag;
		expect(etag).toBeTruthy();
		const again = await request.get('/login', { headers: { 'if-none-match': etag } });
		expect(again.status()).toBe(304);
		expect(again.headers()['content-security-policy']).toBeUndefined();
		expect(again.headers()['x-content-type-options']).toBe('nosniff');
	});

	test('pages for a signed-in user and API answers are never stored', async ({ request, page }) => {
		expect((await request.post('/api/model/evaluate', { data: { preset: 'lse-2022' } })).headers()['cache-control']).toBe('no-store');
		expect((await request.get('/api/me')).headers()['cache-control']).toBe('no-store');
		await signInAs(page, E2E_USERS.commissioner);
		for (const path of ['/', '/scenarios', '/account', '/areas/E54000057']) {
			expect((await page.request.get(path)).headers()['cache-control'], path).toBe('no-store');
		}
		expect((await page.request.get('/api/me')).headers()['cache-control']).toBe('no-store');
	});
});

test.describe('pages kept after their first render', () => {
	test('are never served to someone else, and show a new saved scenario at once', async ({ browser }) => {
		const viewer = await (await browser.newContext()).newPage();
		const commissioner = await (await browser.newContext()).newPage();
		await signInAs(viewer, E2E_USERS.viewer);
		await signInAs(commissioner, E2E_USERS.commissioner);
		for (const path of ['/', '/areas/E54000057', '/scenarios']) {
			await commissioner.goto(path);
			await viewer.goto(path);
			await expect(viewer.getByRole('link', { name: E2E_USERS.viewer })).toBeVisible();
			await expect(viewer.getByRole('link', { name: E2E_USERS.commissioner })).toHaveCount(0);
		}
		const title = `Cache check ${Date.now()}`;
		const saved = await commissioner.request.post('/scenarios?/save', {
			form: { title, query: 'area=E54000057&option=practitioners' },
			headers: { origin: new URL(commissioner.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(saved.status()).toBe(303);
		await viewer.goto('/scenarios');
		await expect(viewer.getByText(title)).toBeVisible();
	});
});
