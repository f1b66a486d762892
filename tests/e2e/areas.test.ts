import { expect, test } from '@playwright/test';

test('an ICB page shows its headline figures and its trend beside its region and England', async ({ page }) => {
	await page.goto('/areas/E54000036');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('NHS Cornwall and the Isles of Scilly Integrated Care Board');
	await expect(page.locator('[data-metric="access_rate"] .detail').last()).toContainText('England:');
	await expect(page.locator('svg[aria-label*="Cornwall and the Isles of Scilly and South West and England"]')).toHaveCount(1);
	await expect(page.getByRole('note')).toContainText('Demonstration data');
});

test('a region page works, and a tile on the overview leads to its ICB', async ({ page }) => {
	await page.goto('/areas/E40000003');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('London');
	await page.goto('/');
	await page.getByRole('link', { name: /^NHS Devon Integrated Care Board:/ }).click();
	await expect(page).toHaveURL(/\/areas\/E54000037$/);
});

test('a former code redirects to the current one', async ({ page }) => {
	await page.goto('/areas/E54000007');
	await expect(page).toHaveURL(/\/areas\/E54000057$/);
});

test('an unknown area code gives a 404 that says what was wrong and links back', async ({ page }) => {
	const response = await page.goto('/areas/E54000999');
	expect(response?.status()).toBe(404);
	await expect(page.locator('.error-message')).toContainText('unknown area code: E54000999');
	await page.getByRole('link', { name: 'Go back to the England overview' }).click();
	await expect(page).toHaveURL(/\/$/);
});

test('a malformed area code gives a 404 that explains the format', async ({ page }) => {
	const response = await page.goto('/areas/not-a-code');
	expect(response?.status()).toBe(404);
	await expect(page.locator('.error-message')).toContainText('is not an area code');
	await expect(page.locator('.error-message')).toContainText('E54000057');
});
