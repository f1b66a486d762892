import { describe, expect, it } from 'vitest';
import { hasRole } from '../../../src/lib/auth/roles';
import { requiredRole } from '../../../src/lib/server/auth/access';

describe('access policy', () => {
	it('orders roles: each includes the ones before it', () => {
		expect(hasRole('admin', 'analyst')).toBe(true);
		expect(hasRole('analyst', 'commissioner')).toBe(true);
		expect(hasRole('commissioner', 'analyst')).toBe(false);
		expect(hasRole('viewer', 'commissioner')).toBe(false);
	});

	it('protects administration and accounts whatever PUBLIC_DEMO says', () => {
		for (const publicDemo of [true, false]) {
			expect(requiredRole('/admin', { publicDemo })).toBe('admin');
			expect(requiredRole('/api/admin/users', { publicDemo })).toBe('admin');
			expect(requiredRole('/account', { publicDemo })).toBe('viewer');
			expect(requiredRole('/login', { publicDemo })).toBeNull();
		}
		expect(requiredRole('/administrators-guide', { publicDemo: true })).toBeNull();
	});

	it('opens the demonstration pages to anonymous visitors only while PUBLIC_DEMO is on', () => {
		for (const path of ['/', '/areas/E54000057', '/about/data', '/data/demo/manifest.json']) {
			expect(requiredRole(path, { publicDemo: true })).toBeNull();
			expect(requiredRole(path, { publicDemo: false })).toBe('viewer');
		}
	});
});
