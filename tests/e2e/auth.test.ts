import { expect, test } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERS, signInAs, signOut, submitSignIn } from './accounts';
import { newDataDir, startServer } from './production-server';

test('sign in and out', async ({ page }) => {
	await signInAs(page, E2E_USERS.commissioner);
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('link', { name: E2E_USERS.commissioner })).toBeVisible();
	await signOut(page);
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
});

test('a wrong password and an unknown email get the same message', async ({ page }) => {
	await signInAs(page, E2E_USERS.viewer, 'not-the-right-password');
	const wrong = await page.getByRole('alert').textContent();
	await signInAs(page, 'nobody@e2e.test');
	expect(await page.getByRole('alert').textContent()).toBe(wrong);
	expect(wrong).toContain('The email or password is not right');
});

test('signing in returns to the page that asked for it', async ({ page }) => {
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	await submitSignIn(page, E2E_USERS.viewer);
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});

test('each role sees what it may and is told what it may not', async ({ page, request }) => {
	const anonymous = await request.get('/admin', { maxRedirects: 0 });
	expect(anonymous.status()).toBe(303);
	expect(anonymous.headers().location).toBe('/login?redirectTo=%2Fadmin');
	expect((await request.get('/api/admin/users')).status()).toBe(401);
	expect(await (await request.get('/api/me')).json()).toEqual({ error: 'Sign in first: this API needs a session.' });
	expect((await request.get('/')).status()).toBe(200);

	await signInAs(page, E2E_USERS.analyst);
	const response = await page.goto('/admin');
	expect(response?.status()).toBe(403);
	await expect(page.locator('.error-message')).toContainText('This needs the admin role');
	await expect(page.locator('.error-message')).toContainText('with the analyst role');
	const api = await page.request.get('/api/admin/users');
	expect(api.status()).toBe(403);
	expect((await api.json()).requiredRole).toBe('admin');
	expect(await (await page.request.get('/api/me')).json()).toEqual({ email: E2E_USERS.analyst, role: 'analyst' });

	await signInAs(page, E2E_USERS.admin);
	expect((await page.goto('/admin'))?.status()).toBe(200);
	const users = await (await page.request.get('/api/admin/users')).json();
	expect(users.users.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(Object.values(E2E_USERS)));
});

test('a cross-site form post is rejected', async ({ request }) => {
	const response = await request.post('/login', {
		headers: { origin: 'http://evil.example' },
		form: { email: E2E_USERS.admin, password: E2E_PASSWORD }
	});
	expect(response.status()).toBe(403);
});

test('pages carry a content security policy and the other security headers', async ({ request }) => {
	const headers = (await request.get('/')).headers();
	const csp = headers['content-security-policy'];
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("'wasm-unsafe-eval'");
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).not.toMatch(/https?:/);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
	expect(headers['permissions-policy']).toContain('camera=()');
});

test('repeated failures lock an account; an admin sees the lock and lifts it', async ({ browser }) => {
	const admin = await (await browser.newContext()).newPage();
	await signInAs(admin, E2E_USERS.admin);
	await admin.goto('/admin');
	await admin.getByLabel('Email address').fill('lockme@e2e.test');
	await admin.getByLabel('Role', { exact: true }).selectOption('viewer');
	await admin.getByRole('button', { name: 'Add user' }).click();
	const password = (await admin.locator('code.password').textContent())!;
	expect(password).toMatch(/^[A-Za-z0-9]{20}$/);

	const user = await (await browser.newContext()).newPage();
	for (let i = 0; i < 5; i++) await signInAs(user, 'lockme@e2e.test', `wrong-password-${i}`);
	await signInAs(user, 'lockme@e2e.test', password);
	await expect(user.getByRole('alert')).toContainText('too many attempts');

	await admin.goto('/admin');
	await expect(admin.locator('section[aria-labelledby="users-heading"] tr', { hasText: 'lockme@e2e.test' })).toContainText('Locked until');
	await admin.getByRole('button', { name: 'Unlock lockme@e2e.test' }).click();
	await expect(admin.getByRole('status')).toContainText('is unlocked');
	await admin.goto('/admin?action=account_locked');
	await expect(admin.locator('table.audit tbody tr')).toHaveCount(1);

	await signInAs(user, 'lockme@e2e.test', password);
	await expect(user.getByRole('link', { name: 'lockme@e2e.test' })).toBeVisible();
});

test('changing a password signs the account out everywhere else', async ({ browser }) => {
	const admin = await (await browser.newContext()).newPage();
	await signInAs(admin, E2E_USERS.admin);
	await admin.goto('/admin');
	await admin.getByLabel('Email address').fill('changer@e2e.test');
	await admin.getByRole('button', { name: 'Add user' }).click();
	const password = (await admin.locator('code.password').textContent())!;

	const [a, b] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
	await signInAs(a, 'changer@e2e.test', password);
	await signInAs(b, 'changer@e2e.test', password);
	await a.goto('/account');
	await a.getByLabel('Current password').fill(password);
	await a.getByLabel('New password', { exact: true }).fill('copper-willow-tide-77');
	await a.getByLabel('New password again').fill('copper-willow-tide-77');
	await a.getByRole('button', { name: 'Change password' }).click();
	await expect(a.getByRole('status')).toContainText('Your password has been changed');
	await a.goto('/account');
	await expect(a).toHaveURL(/\/account$/);
	await b.goto('/account');
	await expect(b).toHaveURL(/\/login/);
});

test('first start creates an administrator, prints its password once, and keeps data across a restart', async ({ page }) => {
	const dataDir = newDataDir();
	const first = await startServer({ DATA_DIR: dataDir, ADMIN_EMAIL: 'first@e2e.test' });
	try {
		const match = first.output().match(/created administrator (\S+) with password (\S+)/);
		expect(match?.[1]).toBe('first@e2e.test');
		// Exactly as a newcomer would: plain http, by name and by address, with no public URL configured.
		for (const host of ['localhost', '127.0.0.1']) {
			await page.goto(`http://${host}:${first.port}/login`);
			await submitSignIn(page, 'first@e2e.test', match![2]);
			await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
		}
		await first.stop();

		const second = await startServer({ DATA_DIR: dataDir }, { port: first.port });
		try {
			expect(second.output()).not.toContain('password');
			await page.goto(`http://127.0.0.1:${second.port}/account`);
			await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
		} finally {
			await second.stop();
		}
	} finally {
		await first.stop();
	}
});
