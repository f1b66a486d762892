import { expect, test, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney } from '../../src/lib/format/number';
import { E2E_USERS, signInAs } from './accounts';

/** Saves a scenario as a commissioner and returns its page's path. */
async function saveScenario(page: Page, query: string, title: string): Promise<string> {
	const saved = await page.request.post('/scenarios?/save', {
		form: { title, query },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(saved.status()).toBe(303);
	return saved.headers().location;
}

const pdfText = (bytes: Buffer) => {
	const dir = mkdtempSync(join(tmpdir(), 'pmh-pdf-'));
	writeFileSync(join(dir, 'r.pdf'), bytes);
	return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
};

test('a commissioner turns a saved scenario into a board report in one click; its numbers are the planner’s and the explorer’s, and its PDF carries them', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await signInAs(page, E2E_USERS.commissioner);
	const scenarioPath = await saveScenario(page, 'area=E54000011&option=practitioners&option=peer-support', 'Shropshire practitioners and peers');
	await page.goto(scenarioPath);
	const plannerNet = Number(await page.locator('[data-total="netEconomicBenefit"]').first().getAttribute('data-value'));
	await page.getByRole('button', { name: 'Create board report' }).click();
	await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
	const reportPath = new URL(page.url()).pathname;

	// The planner's figures, unchanged.
	await expect(page.getByTestId('total-net-benefit')).toHaveText(formatMoney(plannerNet));
	await expect(page.getByTestId('return')).toContainText(`the net economic benefit is ${formatMoney(plannerNet)}`);
	// The explorer's figures for the same area, year and dataset version.
	const headline = await page.request.get('/areas/E54000011/export/headline.csv?period=2024/25');
	const [header, ...rows] = csvParseRows(await headline.text());
	const reached = rows.find((r) => r[header.indexOf('Measure')] === 'Women reached')!;
	const reachedText = Number(reached[header.indexOf('Value')]).toLocaleString('en-GB');
	await expect(page.getByTestId('access')).toContainText(`reached ${reachedText} women`);
	await expect(page.getByTestId('figures')).toContainText(reachedText);
	// Every assumption, with its source; the demonstration label.
	const assumptions = page.getByTestId('assumptions').locator('tbody tr');
	expect(await assumptions.count()).toBeGreaterThan(15);
	await expect(page.getByTestId('assumptions')).toContainText('Assumption: ');
	await expect(page.getByRole('note').filter({ hasText: 'Demonstration data, not official statistics' }).first()).toBeVisible();

	// Every chart has its data as a table and a CSV naming the dataset version and the demonstration label.
	const years = await page.request.get(`${reportPath}/export/years.csv`);
	expect(years.status()).toBe(200);
	const [yearsHeader, ...yearRows] = csvParseRows(await years.text());
	expect(yearsHeader).toContain('Data status');
	expect(yearRows.filter((r) => r.length > 1)).toHaveLength(10);
	for (const name of ['uncertainty', 'options', 'inequalities', 'assumptions'])
		expect((await page.request.get(`${reportPath}/export/${name}.csv`)).status()).toBe(200);
	expect((await page.request.get(`${reportPath}/export/secrets.csv`)).status()).toBe(404);
	expect(await page.locator('.charts details.data-table').count()).toBe(3);

	// A viewer (a board member) reads it from the link; the list shows it.
	const board = await browser.newPage();
	await signInAs(board, E2E_USERS.viewer);
	await board.goto(reportPath);
	await expect(board.getByTestId('total-net-benefit')).toHaveText(formatMoney(plannerNet));
	await expect(board.getByRole('button', { name: /Create a newer report/ })).toHaveCount(0);
	await board.goto('/reports');
	await expect(board.getByRole('link', { name: 'Shropshire practitioners and peers: board report' }).first()).toBeVisible();

	// The PDF, made on the server by Chromium: A4, page numbers, and the same numbers.
	const pdf = await board.request.get(`${reportPath}.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const bytes = await pdf.body();
	if (process.env.KEEP_REPORT_PDF) writeFileSync(process.env.KEEP_REPORT_PDF, bytes);
	const text = pdfText(bytes);
	expect(text).toContain(formatMoney(plannerNet));
	expect(text).toContain(`reached ${reachedText} women`);
	expect(text).toMatch(/Page 1 of \d+/);
	expect(text).toContain('Shropshire practitioners and peers: board report, Shropshire, Telford and Wrekin');
	expect(text).toContain('Assumptions');
	expect(text).not.toContain('Download as PDF');
	expect(text).not.toContain('Sign out');
	const info = execFileSync('pdfinfo', ['-'], { input: bytes, encoding: 'utf8' });
	expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
	await board.close();

	// Anonymous readers are sent to sign in.
	const anonymous = await browser.newPage();
	await anonymous.goto(reportPath);
	await expect(anonymous).toHaveURL(/\/login\?redirectTo=/);
	await anonymous.close();
});

test('a board report on England carries England’s trend and its gaps by deprivation and ethnic group, as the overview shows them', async ({ page }) => {
	await signInAs(page, E2E_USERS.commissioner);
	await page.goto('/');
	const overviewGaps = (await page.getByTestId('england-gaps').locator('p').allTextContents()).map((t) => t.trim());
	const scenarioPath = await saveScenario(page, 'area=E92000001&option=practitioners', 'England practitioners');
	await page.goto(scenarioPath);
	await page.getByRole('button', { name: 'Create board report' }).click();
	await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
	const report = (await page.locator('.report').textContent())!.replace(/\s+/g, ' ');
	for (const sentence of overviewGaps) expect(report).toContain(sentence.replace(/\s+/g, ' '));
	await expect(page.getByTestId('access')).toContainText('Recent trend: ');
	await expect(page.getByTestId('access')).not.toContainText('(England ');
	const inequalities = await page.request.get(`${new URL(page.url()).pathname}/export/inequalities.csv`);
	expect(await inequalities.text()).toContain('1 (most deprived)');
});

test('a newer report replaces an older one, and both stay readable', async ({ page }) => {
	await signInAs(page, E2E_USERS.commissioner);
	const scenarioPath = await saveScenario(page, 'area=E54000057&option=practitioners', 'Greater Manchester practitioners');
	await page.goto(scenarioPath);
	await page.getByRole('button', { name: 'Create board report' }).click();
	await expect(page).toHaveURL(/\/reports\//);
	const first = page.url();
	await page.getByRole('button', { name: /Create a newer report/ }).click();
	await expect(page).not.toHaveURL(first);
	await expect(page.getByText('This report replaces')).toBeVisible();
	await page.goto(first);
	await expect(page.getByText('A newer report replaces this one')).toBeVisible();
	await expect(page.getByTestId('total-net-benefit')).toBeVisible();
});
