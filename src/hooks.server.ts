import { json, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { hasRole } from '$lib/auth/roles';
import { forbiddenMessage, isApiPath, requiredRole } from '$lib/server/auth/access';
import { SESSION_COOKIE, sessionCookie, validateSession } from '$lib/server/auth/sessions';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';

/** Migrations run and the first administrator is created before the server takes requests. */
export const init: ServerInit = async () => {
	const { close } = await database();
	// adapter-node emits this after it stops taking requests (SIGTERM/SIGINT): flush and close the database.
	process.once('sveltekit:shutdown', () => void close());
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	response.headers.set('x-frame-options', 'DENY');
	if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
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
			// Only when the expiry moved, so most responses carry no Set-Cookie and stay cacheable.
			if (valid.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookie(event.url, valid.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

const access: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	const needed = requiredRole(path, readConfig());
	if (!needed) return resolve(event);
	const user = event.locals.user;
	if (isApiPath(path)) {
		if (!user) return json({ error: 'Sign in first: this API needs a session.' }, { status: 401 });
		if (!hasRole(user.role, needed)) return json({ error: forbiddenMessage(user, needed), requiredRole: needed }, { status: 403 });
		return resolve(event);
	}
	if (!user) {
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return new Response('Sign in first.', { status: 401 });
		return new Response(null, { status: 303, headers: { location: `/login?redirectTo=${encodeURIComponent(path + event.url.search)}` } });
	}
	// Pages render the 403 through the root layout (src/routes/+layout.server.ts); writes stop here.
	if (!hasRole(user.role, needed) && event.request.method !== 'GET' && event.request.method !== 'HEAD') {
		return new Response(forbiddenMessage(user, needed), { status: 403 });
	}
	return resolve(event);
};

export const handle = sequence(securityHeaders, session, access);
