import { error, json, redirect, type RequestEvent } from '@sveltejs/kit';
import { hasRole, type Role } from '../../auth/roles';
import { readConfig } from '../config';
import type { SessionUser } from './sessions';

/**
 * Who may use a route: `public` anyone always; `demo` anyone while PUBLIC_DEMO is on, otherwise a signed-in
 * viewer; or a role (which includes the roles above it).
 */
export type Access = 'public' | 'demo' | Role;

export type Method = 'GET' | 'POST';

/**
 * The one access policy, by the route id the router matched (so no spelling of a path can reach a route
 * under another's rules), then by method; HEAD follows GET. A route missing here is refused, and a test
 * fails for any route in src/routes without an entry. Form actions are POSTs to their page's route.
 */
export const ROUTE_POLICY: Record<string, Partial<Record<Method, Access>>> = {
	'/': { GET: 'demo' },
	'/about/data': { GET: 'demo' },
	'/about/methods': { GET: 'demo' },
	'/about/methods/export/[table]': { GET: 'demo' },
	'/areas/[code]': { GET: 'demo' },
	'/areas/[code]/export/[table]': { GET: 'demo' },
	'/data/[dataset]/[version]/[file]': { GET: 'demo' },
	'/datasets': { GET: 'demo' },
	'/datasets/[id]': { GET: 'demo', POST: 'admin' },
	'/upload': { GET: 'analyst' },
	'/export/[table]': { GET: 'demo' },
	'/login': { GET: 'public', POST: 'public' },
	'/logout': { GET: 'public', POST: 'public' },
	'/account': { GET: 'viewer', POST: 'viewer' },
	'/admin': { GET: 'admin', POST: 'admin' },
	'/api/admin/users': { GET: 'admin' },
	'/api/areas/[code]': { GET: 'demo' },
	'/api/areas/[code]/compare': { GET: 'demo' },
	'/api/areas/[code]/inequalities': { GET: 'demo' },
	'/api/datasets': { GET: 'demo', POST: 'analyst' },
	'/api/me': { GET: 'viewer' },
	'/api/model/evaluate': { POST: 'demo' },
	// The planner is a demonstration page; saving (its POST action) needs a commissioner.
	'/scenarios': { GET: 'demo', POST: 'commissioner' },
	'/scenarios/[id]': { GET: 'viewer', POST: 'commissioner' },
	'/reports': { GET: 'viewer' },
	'/reports/[id]': { GET: 'viewer', POST: 'commissioner' },
	'/reports/[id].pdf': { GET: 'viewer' },
	'/reports/[id]/export/[table]': { GET: 'viewer' },
	// CSV of a saved version (`?saved=`) also needs a viewer, which the endpoint checks.
	'/scenarios/export/[table]': { GET: 'demo' }
};

/**
 * The form actions of each page with any ('default' for an unnamed one). A POST naming another (`?/constructor`,
 * `?/default`, a typo) is answered 404 before SvelteKit looks it up; a test checks this against the files.
 */
export const ROUTE_ACTIONS: Record<string, readonly string[]> = {
	'/login': ['default'],
	'/logout': ['default'],
	'/account': ['password'],
	'/admin': ['create', 'role', 'deactivate', 'unlock', 'reset'],
	'/scenarios': ['save'],
	'/datasets/[id]': ['withdraw'],
	'/scenarios/[id]': ['report'],
	'/reports/[id]': ['supersede']
};

/** The action a POST to a page asks for, as SvelteKit reads it: the first query key starting with '/', else 'default'. */
export function actionNameOf(url: URL): { name: string; explicit: boolean } {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return { name: key.slice(1), explicit: true };
	return { name: 'default', explicit: false };
}

/** Whether a POST may reach a page's form actions: the action exists, and an unnamed one is not asked for by name. */
export function isKnownAction(routeId: string, url: URL): boolean {
	const actions = Object.hasOwn(ROUTE_ACTIONS, routeId) ? ROUTE_ACTIONS[routeId] : [];
	const { name, explicit } = actionNameOf(url);
	if (explicit && name === 'default') return false;
	return actions.includes(name);
}

/** The role needed, null when anyone may, or 'none' when the route or method has no policy at all. */
export function requiredRole(routeId: string, method: string, { publicDemo }: { publicDemo: boolean }): Role | null | 'none' {
	const policy = Object.hasOwn(ROUTE_POLICY, routeId) ? ROUTE_POLICY[routeId] : undefined;
	const key = method === 'HEAD' ? 'GET' : method;
	const access = policy && Object.hasOwn(policy, key) ? policy[key as Method] : undefined;
	if (!access) return 'none';
	if (access === 'public') return null;
	if (access === 'demo') return publicDemo ? null : 'viewer';
	return access;
}

export const isApiRoute = (routeId: string) => routeId === '/api' || routeId.startsWith('/api/');

export function forbiddenMessage(user: SessionUser, needed: Role): string {
	return `This needs the ${needed} role. You are signed in as ${user.email}, with the ${user.role} role; an administrator can change roles.`;
}

export const signInPath = (url: URL) => `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;

/** The role an access level needs under the current configuration, or null for anyone. */
function neededFor(access: Access): Role | null {
	if (access === 'public') return null;
	if (access === 'demo') return readConfig().publicDemo ? null : 'viewer';
	return access;
}

/**
 * For load functions and form actions: throws a redirect to sign-in when nobody is signed in, or a 403
 * when the user lacks the role. Returns the user, or null where anyone may.
 */
export function requireRole(locals: App.Locals, url: URL, access: Access): SessionUser;
export function requireRole(locals: App.Locals, url: URL, access: 'public' | 'demo'): SessionUser | null;
export function requireRole(locals: App.Locals, url: URL, access: Access): SessionUser | null {
	const needed = neededFor(access);
	const user = locals.user;
	if (!needed) return user;
	if (!user) redirect(303, signInPath(url));
	if (!hasRole(user.role, needed)) error(403, forbiddenMessage(user, needed));
	return user;
}

/** For API endpoints: the same check, answered with 401 or 403 instead of a redirect. */
export function requireApiRole(event: Pick<RequestEvent, 'locals'>, access: Access): SessionUser | null {
	const needed = neededFor(access);
	const user = event.locals.user;
	if (!needed) return user;
	if (!user) error(401, 'Sign in first: this API needs a session.');
	if (!hasRole(user.role, needed)) error(403, forbiddenMessage(user, needed));
	return user;
}

/** The 401/403 JSON answer of an API that refuses a request. */
export function apiDenied(user: SessionUser | null, needed: Role): Response {
	if (!user) return json({ error: 'Sign in first: this API needs a session.' }, { status: 401 });
	return json({ error: forbiddenMessage(user, needed), requiredRole: needed }, { status: 403 });
}
