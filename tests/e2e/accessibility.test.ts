/**
 * axe-core on every page, as each kind of user sees it, at desktop and phone widths: no violation of WCAG 2.1 A and
 * AA or of axe's best practices, whatever its impact (the bar is no serious or critical one; none of any kind are
 * kept), and nothing wider than the screen (wide tables scroll in their own box).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_USERS, signInAs } from './accounts';
import { makeZip } from '../helpers/zip';

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function axeViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	return violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help} at ${v.nodes
				.map((n) => n.target.join(' '))
				.slice(0, 3)
				.join(', ')}`
	);
}

/** The page's problems: axe's violations (any impact), and a page wider than the screen. */
async function problems(page: Page, label: string) {
	const found = (await axeViolations(page)).map((v) => `${label}: ${v}`);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	if (width > page.viewportSize()!.width) found.push(`${label}: ${width} px wide on a ${page.viewportSize()!.width} px screen`);
	return found;
}

for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`public pages have no axe violations (${width})`, async ({ page }) => {
		await page.setViewportSize(viewport);
		const found: string[] = [];
		for (const path of [
			'/',
			'/areas/E54000057',
			'/areas/E54000011?breakdown=ethnic_group&compare=england&indicator=sii_imd',
			'/areas/E40000003',
			'/about/methods',
			'/scenarios?area=E54000057&option=practitioners&option=peer-support',
			'/about/data',
			'/login',
			'/datasets',
			'/datasets/demo',
			'/areas/E54000999'
		]) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			found.push(...(await problems(page, path!)));
		}
		expect(found).toEqual([]);
	});

	test(`signed-in pages have no axe violations (${width})`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await signInAs(page, E2E_USERS.admin);
		const saved = await page.request.post('/scenarios?/save', {
			form: { title: 'Accessibility check', query: 'area=E54000057&option=practitioners' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		const found: string[] = [];
		const report = await page.request.post(`${saved.headers().location!.split('?')[0]}?/report`, {
			form: { scenarioVersion: '1' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(report.status()).toBe(303);
		for (const path of ['/account', '/admin', '/scenarios', saved.headers().location, '/datasets/demo', '/upload', '/reports', report.headers().location]) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			found.push(...(await problems(page, path!)));
		}
		// The upload page once a file is checked: what was found, problems, disclosure, comparison, the mapping screen.
		for (const file of ['fingertips-export.csv', 'with-nhs-numbers.csv', 'local-extract.tsv']) {
			await page.goto('/upload');
			await page.getByLabel('Data file').setInputFiles(`tests/fixtures/upload/${file}`);
			await expect(page.getByTestId('detected')).toBeVisible();
			await page.waitForLoadState('networkidle');
			found.push(...(await problems(page, `/upload with ${file}`)));
		}
		// A file with problems: their totals, the first by line and the CSV button.
		const broken = join(mkdtempSync(join(tmpdir(), 'pmh-axe-problems-')), 'problems.csv');
		writeFileSync(broken, 'area_code,period,indicator_id,value\nE54000999,2023/24,local_referrals,12\nE54000057,2023/24,local_referrals,n/a\n');
		await page.goto('/upload');
		await page.getByLabel('Data file').setInputFiles(broken);
		await expect(page.getByTestId('problems')).toBeVisible();
		await page.waitForLoadState('networkidle');
		found.push(...(await problems(page, '/upload with problems')));
		// A ZIP holding two data files: the choice of which to check, then one checked with the choice still there.
		const zip = join(mkdtempSync(join(tmpdir(), 'pmh-axe-zip-')), 'two files.zip');
		writeFileSync(zip, makeZip(['mhsds-monthly.csv', 'fingertips-export.csv'].map((name) => ({ name, data: readFileSync(`tests/fixtures/upload/${name}`) }))));
		await page.goto('/upload');
		await page.getByLabel('Data file').setInputFiles(zip);
		await expect(page.getByTestId('zip-entries')).toBeVisible();
		found.push(...(await problems(page, '/upload with a ZIP of two files')));
		await page.getByRole('radio', { name: 'mhsds-monthly.csv' }).check();
		await page.getByRole('button', { name: 'Check this file' }).click();
		await expect(page.getByTestId('detected')).toBeVisible();
		await page.waitForLoadState('networkidle');
		found.push(...(await problems(page, '/upload with one file of a ZIP checked')));
		expect(found).toEqual([]);
	});

	test(`the 403 page has no axe violations (${width})`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await signInAs(page, E2E_USERS.viewer);
		expect((await page.goto('/admin'))?.status()).toBe(403);
		expect(await axeViolations(page)).toEqual([]);
	});
}
