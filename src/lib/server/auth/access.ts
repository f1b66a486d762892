import { error, redirect } from '@sveltejs/kit';
import { hasRole, type Role } from '../../auth/roles';
import type { SessionUser } from './sessions';

/** Path prefixes (or patterns) and the role each needs. The first match wins; the demonstration pages come last. */
const PROTECTED: [prefix: string | RegExp, role: Role][] = [
	['/admin', 'admin'],
	['/api/admin', 'admin'],
	['/account', 'viewer'],
	['/api/me', 'viewer'],
	// Saved scenarios are shared with signed-in users; the planner itself is a demonstration page.
	[/^\/scenarios\/[0-9a-f-]{36}(\/|$)/, 'viewer']
];
const ALWAYS_PUBLIC = ['/login', '/logout'];

const matches = (path: string, prefix: string | RegExp) => (typeof prefix === 'string' ? path === prefix || path.startsWith(prefix + '/') : prefix.test(path));

/**
 * The one access policy: the role a path needs, or null when anyone may see it. Demonstration pages are
 * public while PUBLIC_DEMO is on; otherwise they need a signed-in viewer.
 */
export function requiredRole(path: string, { publicDemo }: { publicDemo: boolean }): Role | null {
	if (ALWAYS_PUBLIC.some((p) => matches(path, p))) return null;
	const rule = PROTECTED.find(([prefix]) => matches(path, prefix));
	if (rule) return rule[1];
	return publicDemo ? null : 'viewer';
}

export const isApiPath = (path: string) => matches(path, '/api');

export function forbiddenMessage(user: SessionUser, needed: Role): string {
	return `This needs the ${needed} role. You are signed in as ${user.email}, with the ${user.role} role; an administrator can change roles.`;
}

/**
 * For load functions and form actions: throws a redirect to sign-in when nobody is signed in, or a 403
 * when the user lacks the role. Returns the user otherwise.
 */
export function requireRole(locals: App.Locals, url: URL, needed: Role): SessionUser {
	const user = locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	if (!hasRole(user.role, needed)) error(403, forbiddenMessage(user, needed));
	return user;
}
