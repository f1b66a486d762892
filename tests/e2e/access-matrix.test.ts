/**
 * Every route in src/routes x every role x every method, and the spellings of each path that have fooled
 * access checks before (percent-encoded, doubled slash, trailing slash, __data.json), against the production
 * server. The expected access is written out here, independently of the server's policy: a new route
 * without an entry here fails the first test.
 */
import { randomUUID } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { readRouteTree } from '../helpers/route-tree';
import { E2E_PASSWORD, E2E_USERS } from './accounts';

type Who = 'anyone' | 'viewer' | 'commissioner' | 'analyst' | 'admin';
const ROLES = ['anonymous', 'viewer', 'commissioner', 'analyst', 'admin'] as const;
type Role = (typeof ROLES)[number];
const RANK: Record<Role | Who, number> = { anyone: 0, anonymous: 0, viewer: 1, commissioner: 2, analyst: 3, admin: 4 };

interface Expectation {
	path: string;
	api?: boolean;
	page?: boolean;
	GET?: Who;
	/** POST: who may, and the body and action to send. */
	POST?: { who: Who; action?: string; json?: unknown };
}

// PUBLIC_DEMO is on (the default), so demonstration pages are open to anyone.
const EXPECTED: Record<string, Expectation> = {
	'/': { path: '/', page: true, GET: 'anyone' },
	'/about/data': { path: '/about/data', page: true, GET: 'anyone' },
	'/about/methods': { path: '/about/methods', page: true, GET: 'anyone' },
	'/about/methods/export/[table]': { path: '/about/methods/export/need.csv', GET: 'anyone' },
	'/areas/[code]': { path: '/areas/E54000057', page: true, GET: 'anyone' },
	'/areas/[code]/export/[table]': { path: '/areas/E54000057/export/inequalities.csv', GET: 'anyone' },
	'/data/[dataset]/[version]/[file]': { path: '/data/demo/1/manifest.json', GET: 'anyone' },
	'/datasets': { path: '/datasets', page: true, GET: 'anyone' },
	// The probe form has no reason, so even an admin's withdrawal is refused (400) and nothing is withdrawn.
	'/datasets/[id]': { path: '/datasets/demo', page: true, GET: 'anyone', POST: { who: 'admin', action: 'withdraw' } },
	'/export/[table]': { path: '/export/map.csv?measure=sii_imd', GET: 'anyone' },
	'/upload': { path: '/upload', page: true, GET: 'analyst' },
	'/login': { path: '/login', page: true, GET: 'anyone', POST: { who: 'anyone' } },
	'/logout': { path: '/logout', page: true, GET: 'anyone', POST: { who: 'anyone' } },
	'/account': { path: '/account', page: true, GET: 'viewer', POST: { who: 'viewer', action: 'password' } },
	'/admin': { path: '/admin', page: true, GET: 'admin', POST: { who: 'admin', action: 'unlock' } },
	'/api/admin/users': { path: '/api/admin/users', api: true, GET: 'admin' },
	'/api/areas/[code]': { path: '/api/areas/E54000057', api: true, GET: 'anyone' },
	'/api/areas/[code]/compare': { path: '/api/areas/E54000057/compare?indicator=sii_imd', api: true, GET: 'anyone' },
	'/api/areas/[code]/inequalities': { path: '/api/areas/E54000057/inequalities?breakdown=ethnic_group', api: true, GET: 'anyone' },
	'/api/datasets': { path: '/api/datasets', api: true, GET: 'anyone', POST: { who: 'analyst', json: {} } },
	'/api/me': { path: '/api/me', api: true, GET: 'viewer' },
	'/api/model/evaluate': { path: '/api/model/evaluate', api: true, POST: { who: 'anyone', json: { preset: 'lse-2022' } } },
	'/scenarios': { path: '/scenarios', page: true, GET: 'anyone', POST: { who: 'commissioner', action: 'save' } },
	'/scenarios/[id]': { path: `/scenarios/${randomUUID()}`, page: true, GET: 'viewer', POST: { who: 'commissioner', action: 'report' } },
	'/reports': { path: '/reports', page: true, GET: 'viewer' },
	'/reports/[id]': { path: `/reports/${randomUUID()}`, page: true, GET: 'viewer', POST: { who: 'commissioner', action: 'supersede' } },
	'/reports/[id].pdf': { path: `/reports/${randomUUID()}.pdf`, GET: 'viewer' },
	'/reports/[id]/export/[table]': { path: `/reports/${randomUUID()}/export/years.csv`, GET: 'viewer' },
	'/scenarios/export/[table]': { path: '/scenarios/export/options.csv', GET: 'anyone' }
};

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

async function contextFor(role: Role): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL: BASE });
	if (role === 'anonymous') return context;
	const response = await context.post('/login', {
		form: { email: E2E_USERS[role], password: E2E_PASSWORD },
		headers: { origin: BASE, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign in as ${role}`).toBe(303);
	return context;
}

/** Spellings of a path the router matches to the same route (or redirects to it). */
function variants(path: string, page: boolean): string[] {
	const first = path.search(/[a-z]/);
	const encoded = first < 0 ? path : path.slice(0, first) + '%' + path.charCodeAt(first).toString(16) + path.slice(first + 1);
	const out = [encoded, path.replace(/\//g, '%2F').replace(/^%2F/, '/'), '/' + path, path.replace(/\/(?=[^/]*$)/, '//'), path + '/'];
	if (page) out.push(path === '/' ? '/__data.json' : `${path}/__data.json`);
	return [...new Set(out.filter((p) => p !== path))];
}

/** Refused, sent to sign in, or not found; for a __data.json request SvelteKit sends the redirect as JSON. */
async function isDenial(response: APIResponse): Promise<boolean> {
	const status = response.status();
	if (status === 401 || status === 403 || status === 404) return true;
	const location = response.headers().location ?? '';
	if (status === 303) return location.startsWith('/login');
	if (status === 200 && response.url().endsWith('__data.json')) {
		const body = (await response.json().catch(() => null)) as { type?: string; location?: string } | null;
		return body?.type === 'redirect' && Boolean(body.location?.startsWith('/login'));
	}
	return false;
}

test('every route in src/routes has an expectation here', async () => {
	const routes = await readRouteTree();
	expect(Object.keys(EXPECTED).sort()).toEqual(routes.map((r) => r.id).sort());
});

test('each role gets what the policy says, on every route and method, with no 5xx', async () => {
	test.setTimeout(180_000);
	const failures: string[] = [];
	const check = (ok: boolean, what: string) => void (ok || failures.push(what));
	for (const role of ROLES) {
		let context = await contextFor(role);
		for (const [id, expectation] of Object.entries(EXPECTED)) {
			const { path, api, page } = expectation;
			const send = async (method: string, at = path) => {
				if (method === 'POST' && expectation.POST) {
					const { action, json } = expectation.POST;
					const url = BASE + (action ? `${at}?/${action}` : at);
					return json === undefined
						? context.post(url, { form: { probe: '1' }, headers: { origin: BASE, accept: 'text/html' }, maxRedirects: 0 })
						: context.post(url, { data: json, maxRedirects: 0 });
				}
				return context.fetch(BASE + at, { method, headers: { origin: BASE }, maxRedirects: 0 });
			};
			for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']) {
				const rule = method === 'HEAD' ? expectation.GET : method === 'POST' ? expectation.POST?.who : method === 'GET' ? expectation.GET : undefined;
				const response = await send(method);
				const status = response.status();
				const what = `${role} ${method} ${path} -> ${status}`;
				check(status < 500, `${what}: server error`);
				if (rule === undefined) {
					check(status === 405, `${what}: expected 405`);
					continue;
				}
				if (RANK[role] >= RANK[rule]) {
					check(
						![401, 403, 405].includes(status) && !(status === 303 && (response.headers().location ?? '').startsWith('/login')),
						`${what}: expected to be allowed`
					);
				} else if (role === 'anonymous') {
					const expected = api ? 401 : method === 'POST' ? 401 : 303;
					check(status === expected, `${what}: expected ${expected}`);
					if (status === 303) check((response.headers().location ?? '').startsWith('/login?redirectTo='), `${what}: expected a redirect to sign in`);
				} else {
					check(status === 403, `${what}: expected 403`);
				}
			}
			for (const variant of variants(path, Boolean(page))) {
				for (const method of ['GET', 'POST']) {
					const rule = method === 'GET' ? expectation.GET : expectation.POST?.who;
					if (rule === undefined) continue;
					const response = await send(method, variant);
					const status = response.status();
					const what = `${role} ${method} ${variant} (${id}) -> ${status}`;
					check(status < 500, `${what}: server error`);
					if (RANK[role] < RANK[rule]) {
						// Denied, or redirected to a spelling that is then denied, never served.
						const location = response.headers().location;
						if ([301, 302, 307, 308].includes(status) && location) {
							const followed = await send(method, new URL(location, BASE).pathname);
							check(await isDenial(followed), `${what} -> ${location} -> ${followed.status()}: expected a denial`);
						} else {
							check(await isDenial(response), `${what}: expected a denial`);
						}
					}
				}
			}
			// Signing out (allowed to anyone) ended this role's session: start another.
			if (id === '/logout') {
				await context.dispose();
				context = await contextFor(role);
			}
		}
		await context.dispose();
	}
	expect(failures).toEqual([]);
});
