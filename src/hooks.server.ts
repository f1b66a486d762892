import { json, type Handle, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { hasRole } from '$lib/auth/roles';
import { actionNameOf, apiDenied, forbiddenMessage, isApiRoute, isKnownAction, requiredRole, signInPath } from '$lib/server/auth/access';
import { SESSION_COOKIE, sessionCookie, validateSession } from '$lib/server/auth/sessions';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { closeDatasets, lookUpDataset } from '$lib/server/datasets';
import { createPageCache } from '$lib/server/cache/page-cache';
import { DYNAMIC_CSP, HSTS } from '$lib/server/http/security-headers';
import { savedScenariosStamp } from '$lib/server/planner/scenario-store';
import { closePdfBrowser } from '$lib/server/reports/pdf';
import { reportsStamp } from '$lib/server/reports/store';
import { withdrawalsStamp } from '$lib/server/datasets/registry';
import { closeWorkerPools, modelPool, publishPool } from '$lib/server/workers';

/**
 * Before the server takes requests: migrations, the first administrator, the dataset loaded into the
 * server's engine and the model and publish workers started, so the first visitor does not wait for them.
 */
export const init: ServerInit = async () => {
	const { close } = await database();
	// The demonstration data becomes a version in the database (first start), then the default is loaded.
	await lookUpDataset(new URLSearchParams());
	modelPool();
	publishPool();
	// The production server (src/server/main.ts) emits this after it stops taking requests, and exits on 'pmh:closed'.
	process.once('sveltekit:shutdown', () => {
		void Promise.allSettled([closeDatasets().then(close), closeWorkerPools(), closePdfBrowser()]).then(() => process.emit('pmh:closed' as never));
	});
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', HSTS);
	if (response.status !== 304 && !response.headers.has('content-security-policy')) response.headers.set('content-security-policy', DYNAMIC_CSP);
	// Anything personal or from the API is never stored by a browser or a proxy.
	const routeId = event.route.id ?? '';
	if (event.locals.user || isApiRoute(routeId)) response.headers.set('cache-control', 'no-store');
	// A body refused for its size was not read: close the connection rather than let the client reuse it mid-body.
	if (response.status === 413) response.headers.set('connection', 'close');
	return response;
};

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionToken = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { db } = await database();
		const valid = await validateSession(db, token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.sessionToken = token;
			// Only when the expiry moved, so most responses carry no Set-Cookie.
			if (valid.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookie(event.url, valid.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/**
 * GETs whose answer depends only on the URL, the dataset version and who is asking (they read nothing else
 * that changes): kept whole after the first render, per viewer. The planner also lists the saved scenarios,
 * so for a signed-in viewer its key includes a stamp of that list. The session is still checked every time.
 */
const CACHED = new Set([
	'/',
	'/export/[table]',
	'/areas/[code]',
	'/areas/[code]/export/[table]',
	'/api/areas/[code]',
	'/api/areas/[code]/compare',
	'/api/areas/[code]/inequalities',
	'/about/data',
	'/about/methods',
	'/scenarios/export/[table]',
	'/login',
	'/scenarios',
	'/reports/[id]'
]);
const pageCache = createPageCache({ max: 300 });

async function respondMaybeCached(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	const { user } = event.locals;
	const routeId = event.route.id ?? '';
	if (event.request.method !== 'GET' || !CACHED.has(routeId)) return resolve(event);
	// The version the URL resolves to: a new default version (or a withdrawal) gives a new key.
	const found = await lookUpDataset(event.url.searchParams);
	const version = found.ok ? `${found.dataset.ref?.datasetId}@${found.dataset.ref?.version}:${found.dataset.version}` : 'invalid';
	const viewer = user ? `${user.id}:${user.role}:${user.email}` : '-';
	const saved =
		user && routeId === '/scenarios'
			? await savedScenariosStamp((await database()).db)
			: routeId === '/reports/[id]'
				? // A newer report, or the withdrawal of the version its figures came from, is said on the page.
					await (async (db) => `${await reportsStamp(db)} ${await withdrawalsStamp(db)}`)((await database()).db)
				: '';
	return pageCache(`${version} ${viewer} ${saved} ${event.request.url}`, async () => resolve(event), {
		acceptEncoding: event.request.headers.get('accept-encoding')
	});
}

/** Decides on the route the router matched, never on the path as written (which may be percent-encoded). */
const access: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	// No route: SvelteKit answers 404.
	if (routeId === null) return resolve(event);
	const method = event.request.method;
	const needed = requiredRole(routeId, method, readConfig());
	const api = isApiRoute(routeId);
	if (needed === 'none') {
		const message = `${method} is not allowed here.`;
		return api ? json({ error: message }, { status: 405 }) : new Response(message, { status: 405, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	if (method === 'POST' && !api && !isKnownAction(routeId, event.url)) {
		return new Response(`No form action "${actionNameOf(event.url).name.slice(0, 60)}" here.`, {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const user = event.locals.user;
	if (!needed) return respondMaybeCached(event, resolve);
	const reading = method === 'GET' || method === 'HEAD';
	if (api) return user && hasRole(user.role, needed) ? resolve(event) : apiDenied(user, needed);
	if (!user)
		return reading ? new Response(null, { status: 303, headers: { location: signInPath(event.url) } }) : new Response('Sign in first.', { status: 401 });
	// A page's HTML renders the 403 through its layout and load (requireRole); data requests and writes stop here.
	if (!hasRole(user.role, needed) && (!reading || event.isDataRequest))
		return new Response(forbiddenMessage(user, needed), { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	return respondMaybeCached(event, resolve);
};

export const handle = sequence(headers, session, access);
