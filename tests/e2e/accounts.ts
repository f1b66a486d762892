import type { Page } from '@playwright/test';

export const E2E_PASSWORD = 'e2e-lantern-meadow-42';

export const E2E_USERS = {
	viewer: 'viewer@e2e.test',
	commissioner: 'commissioner@e2e.test',
	analyst: 'analyst@e2e.test',
	admin: 'admin@e2e.test'
} as const;

export async function signInAs(page: Page, email: string, password = E2E_PASSWORD) {
	await page.goto('/login');
	await submitSignIn(page, email, password);
}

/** Fills and submits the sign-in form already on the page. */
export async function submitSignIn(page: Page, email: string, password = E2E_PASSWORD) {
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	// Wait for the answer, so a following navigation cannot abort the attempt.
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	// A successful sign-in redirects (303, or SvelteKit's JSON "redirect" when the form is enhanced): wait until the
	// browser has left the sign-in page, so the caller's next navigation cannot be interrupted by that one.
	const redirected = response.status() === 303 || /"type":"redirect"/.test(await response.text().catch(() => ''));
	if (redirected) await page.waitForURL((url) => url.pathname !== '/login');
	await page.waitForLoadState();
}

export async function signOut(page: Page) {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/logout'),
		page.getByRole('button', { name: 'Sign out' }).click()
	]);
	await page.waitForLoadState();
}
