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
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	await page.waitForLoadState();
}

export async function signOut(page: Page) {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/logout'),
		page.getByRole('button', { name: 'Sign out' }).click()
	]);
	await page.waitForLoadState();
}
