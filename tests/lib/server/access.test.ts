import { describe, expect, it } from 'vitest';
import { hasRole } from '../../../src/lib/auth/roles';
import { isKnownAction, requiredRole, ROUTE_ACTIONS, ROUTE_POLICY } from '../../../src/lib/server/auth/access';
import { readRouteTree } from '../../helpers/route-tree';

describe('access policy', () => {
	it('orders roles: each includes the ones before it', () => {
		expect(hasRole('admin', 'analyst')).toBe(true);
		expect(hasRole('analyst', 'commissioner')).toBe(true);
		expect(hasRole('commissioner', 'analyst')).toBe(false);
		expect(hasRole('viewer', 'commissioner')).toBe(false);
	});

	it('has an entry for every route in src/routes, and none for a route that does not exist', async () => {
		const routes = await readRouteTree();
		expect(routes.length).toBeGreaterThan(10);
		expect(Object.keys(ROUTE_POLICY).sort()).toEqual(routes.map((r) => r.id).sort());
		for (const route of routes) {
			// A page with form actions needs a POST rule; an endpoint needs one rule at least.
			if (route.actions.length) expect(ROUTE_POLICY[route.id].POST, route.id).toBeDefined();
			expect(ROUTE_ACTIONS[route.id] ?? [], route.id).toEqual(route.actions);
			expect(Object.keys(ROUTE_POLICY[route.id]).length, route.id).toBeGreaterThan(0);
		}
	});

	it('decides by route id and method; HEAD follows GET; anything unlisted has no policy', () => {
		for (const publicDemo of [true, false]) {
			expect(requiredRole('/admin', 'GET', { publicDemo })).toBe('admin');
			expect(requiredRole('/api/admin/users', 'HEAD', { publicDemo })).toBe('admin');
			expect(requiredRole('/account', 'POST', { publicDemo })).toBe('viewer');
			expect(requiredRole('/login', 'POST', { publicDemo })).toBeNull();
			expect(requiredRole('/scenarios', 'POST', { publicDemo })).toBe('commissioner');
			expect(requiredRole('/api/me', 'DELETE', { publicDemo })).toBe('none');
			expect(requiredRole('/no/such/route', 'GET', { publicDemo })).toBe('none');
			expect(requiredRole('constructor', 'GET', { publicDemo })).toBe('none');
			expect(requiredRole('/', 'constructor', { publicDemo })).toBe('none');
		}
	});

	it('lets a POST reach only the form actions a page has', () => {
		const at = (path: string) => new URL(path, 'http://localhost');
		expect(isKnownAction('/login', at('/login'))).toBe(true);
		expect(isKnownAction('/login', at('/login?/default'))).toBe(false);
		expect(isKnownAction('/scenarios', at('/scenarios?/save'))).toBe(true);
		expect(isKnownAction('/scenarios', at('/scenarios'))).toBe(false);
		for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(isKnownAction('/admin', at(`/admin?/${name}`))).toBe(false);
		expect(isKnownAction('/', at('/'))).toBe(false);
	});

	it('opens the demonstration pages to anonymous visitors only while PUBLIC_DEMO is on', () => {
		for (const route of ['/', '/areas/[code]', '/scenarios', '/about/data', '/data/[dataset]/[version]/[file]']) {
			expect(requiredRole(route, 'GET', { publicDemo: true })).toBeNull();
			expect(requiredRole(route, 'GET', { publicDemo: false })).toBe('viewer');
		}
	});
});
