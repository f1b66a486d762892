import { expect, test } from '@playwright/test';
import { E2E_USERS, signInAs } from './accounts';

const within = (actual: number, expected: number, tolerance: number) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tolerance);

test.describe('POST /api/model/evaluate', () => {
	test('reproduces the published presets, for anonymous users while PUBLIC_DEMO is on', async ({ request }) => {
		const lse = await request.post('/api/model/evaluate', { data: { preset: 'lse-2022' } });
		expect(lse.status()).toBe(200);
		const { totals } = await lse.json();
		within(totals.netEconomicBenefit, 490e6, 0.05);
		within(totals.nhsNet, 52e6, 0.1);
		within(totals.qualityOfLifeValue, 437e6, 0.05);
		const integrate = (await (await request.post('/api/model/evaluate', { data: { preset: 'integrate-2025' } })).json()).totals;
		within(integrate.unmetNeed, 115_000, 0.03);
		within(integrate.practitionersNeeded, 500, 0.1);
	});

	test('evaluates an area scenario from the dataset, with Monte Carlo on request', async ({ request }) => {
		const response = await request.post('/api/model/evaluate', {
			data: {
				area: 'E54000057',
				horizonYears: 10,
				options: [{ kind: 'practitioners', params: { wte: 40 } }, { kind: 'peer-support' }],
				monteCarlo: { draws: 200, seed: 3 }
			}
		});
		expect(response.status()).toBe(200);
		const body = await response.json();
		expect(body.scenario.area).toMatchObject({ areaCode: 'E54000057', areaName: 'Greater Manchester', period: '2024/25' });
		for (const key of ['netEconomicBenefit', 'nhsSavings', 'nhsNet', 'qualityOfLifeValue', 'womenReached', 'unmetNeed', 'practitionersNeeded'])
			expect(typeof body.totals[key]).toBe('number');
		expect(body.years).toHaveLength(10);
		expect(body.monteCarlo.draws).toBe(200);
		expect(body.tornado.bars.length).toBeGreaterThan(5);
	});

	test('lets specialist teams reach the shortfall of England against the 66,000 commitment (it reached 0 when severe need was floored)', async ({
		request
	}) => {
		const { totals } = await (await request.post('/api/model/evaluate', { data: { area: 'E92000001', options: [{ kind: 'specialist-teams' }] } })).json();
		// England 2024/25: 66,000 x 565,000 / 565,000 - 58,760 reached = 7,240 women; 100 WTE x 45 a year at 90% uptake are within it.
		expect(totals.unmetNeedSevere).toBeCloseTo(66_000 - 58_760, 0);
		expect(totals.womenReached).toBeGreaterThan(0);
	});

	test('shows no break-even year when the net benefit over the horizon is negative (specialist teams where the commitment share is nearly met)', async ({
		request
	}) => {
		// Shropshire, Telford and Wrekin reaches within a few women of its share of the 66,000, so 100 specialist WTE find almost no one to help.
		const { totals, years } = await (
			await request.post('/api/model/evaluate', { data: { area: 'E54000011', options: [{ kind: 'specialist-teams' }] } })
		).json();
		expect(totals.womenReached).toBeLessThan(100);
		expect(totals.netEconomicBenefit).toBeLessThan(0);
		expect(totals.breakEvenYear).toBeNull();
		// Checked independently from the yearly present values: the running total never stays above zero.
		const running = years.reduce((acc: number[], y: { pvNetEconomicBenefit: number }) => [...acc, (acc.at(-1) ?? 0) + y.pvNetEconomicBenefit], []);
		expect(running.at(-1)).toBeLessThan(0);
	});

	test('answers bad input with 400 and a message per field', async ({ request }) => {
		const response = await request.post('/api/model/evaluate', {
			data: { area: 'E54000999', horizonYears: 10, options: [{ kind: 'practitioners', params: { salary: -1, caseload: 0 } }] }
		});
		expect(response.status()).toBe(400);
		const { errors } = await response.json();
		expect(errors).toEqual(
			expect.arrayContaining([
				{ path: 'options[0].params.salary', message: expect.stringContaining('at least 0') },
				{ path: 'options[0].params.caseload', message: expect.stringContaining('at least 0.01') }
			])
		);
		const unknownArea = await request.post('/api/model/evaluate', { data: { area: 'E54000999', options: [{ kind: 'practitioners' }] } });
		expect(await unknownArea.json()).toEqual({ errors: [{ path: 'area', message: 'unknown area code: E54000999' }] });
		const notJson = await request.post('/api/model/evaluate', { headers: { 'content-type': 'application/json' }, data: '{oops' });
		expect(notJson.status()).toBe(400);
		expect((await request.post('/api/model/evaluate', { data: { preset: 'nope' } })).status()).toBe(400);
	});
});

test('the planner page shows the same totals as the API, and keeps the whole scenario in the URL', async ({ page, request }) => {
	const query = 'area=E54000057&years=10&option=practitioners&practitioners.wte=40';
	await page.goto(`/scenarios?${query}`);
	const api = (
		await (
			await request.post('/api/model/evaluate', { data: { area: 'E54000057', horizonYears: 10, options: [{ kind: 'practitioners', params: { wte: 40 } }] } })
		).json()
	).totals;
	// Written out independently of the page's formatter: this option's value lies between £1m and £100m either way.
	const neb = api.netEconomicBenefit;
	expect(Math.abs(neb)).toBeGreaterThanOrEqual(1e6);
	expect(Math.abs(neb)).toBeLessThan(1e8);
	await expect(page.locator('[data-total="netEconomicBenefit"] .value')).toHaveText(`${neb < 0 ? '-' : ''}£${(Math.abs(neb) / 1e6).toFixed(1)}m`);
	await expect(page.locator('[data-total="practitionersNeeded"] .value')).toHaveText(Math.round(api.practitionersNeeded).toLocaleString('en-GB'));
	await expect(page.getByLabel('Area', { exact: true })).toHaveValue('E54000057');
});

test('the options table gives returns and break-even years that match an independent calculation from the API', async ({ page, request }) => {
	const scenario = { area: 'E92000001', horizonYears: 10, options: [{ kind: 'trained-staff' }, { kind: 'peer-support' }] };
	await page.goto('/scenarios?area=E92000001&years=10&option=trained-staff&option=peer-support');
	const { totals, years } = await (await request.post('/api/model/evaluate', { data: scenario })).json();
	const perPound = (x: number) => `${x < 0 ? '-' : ''}£${Math.abs(x).toFixed(2)}`;
	// The first year from which the running total stays above zero, worked out here from the yearly values.
	const breakEven = (values: number[]) => {
		let total = 0;
		const running = values.map((v) => (total += v));
		const last = running.findLastIndex((t) => t <= 0);
		return last === running.length - 1 ? 'not within horizon' : String(last + 2);
	};
	const row = page.getByRole('region', { name: /^Options compared/ }).getByRole('row', { name: /All options together/ });
	const cells = row.getByRole('cell');
	await expect(cells.nth(5)).toHaveText(perPound(totals.netEconomicBenefit / totals.costs));
	await expect(cells.nth(6)).toHaveText(perPound((totals.nhsSavings - totals.costs) / totals.costs));
	await expect(cells.nth(7)).toHaveText(breakEven(years.map((y: { pvNetEconomicBenefit: number }) => y.pvNetEconomicBenefit)));
	await expect(cells.nth(8)).toHaveText(breakEven(years.map((y: { pvNhsSavings: number; pvCosts: number }) => y.pvNhsSavings - y.pvCosts)));
	// Behind the summary, every figure to the pound: its disclosure says so, not "the data as a table" beside a table.
	const disclosure = page.locator('details', { hasText: 'Show all 13 figures for each option, to the pound' });
	await disclosure.locator('summary').click();
	const full = disclosure.getByRole('table', { name: 'Options compared (present values over the horizon, pounds)' });
	await expect(full.getByRole('columnheader')).toHaveCount(14);
	await expect(
		full
			.getByRole('row', { name: /All options together/ })
			.getByRole('cell')
			.nth(3)
	).toHaveText(Math.round(totals.costs).toLocaleString('en-GB'));
});

/** The planner's form once the page has come alive in the browser. */
async function openPlanner(page: import('@playwright/test').Page, query: string) {
	await page.goto(`/scenarios?${query}`);
	await expect(page.locator('form.planner')).toHaveAttribute('data-hydrated', 'true');
}

test('editing a parameter changes the result at once; a bad value says what is wrong and keeps the last result', async ({ page }) => {
	await openPlanner(page, 'area=E54000057&option=practitioners&practitioners.wte=10');
	const neb = page.locator('[data-total="netEconomicBenefit"] .value');
	const before = await neb.textContent();
	await page.getByLabel('Staff (whole-time equivalents)').first().fill('20');
	await expect(neb).not.toHaveText(before!);
	await expect(page).toHaveURL(/practitioners\.wte=20/);
	const good = await neb.textContent();

	await page.getByLabel('Women helped per WTE per year').first().fill('0');
	await expect(page.locator('#practitioners\\.caseload-error')).toContainText('must be at least 0.01 (got 0)');
	await expect(neb).toHaveText(good!);

	// Reloading the URL gives the same numbers, computed by the server this time.
	await page.getByLabel('Women helped per WTE per year').first().fill('230');
	await expect(page.locator('#practitioners\\.caseload-error')).toHaveCount(0);
	const url = page.url();
	await page.goto(url);
	await expect(neb).toHaveText(good!);
});

test('the uncertainty analysis runs off the main thread, shows progress and can be cancelled', async ({ page }) => {
	await openPlanner(page, 'area=E92000001&option=practitioners&option=peer-support&option=trained-staff&option=specialist-teams');
	const status = page.locator('p[role="status"]').filter({ hasText: /Uncertainty|Shaded/ });
	await page.getByLabel('Staff (whole-time equivalents)').first().fill('450');
	await expect(status).toContainText(/Uncertainty analysis: \d+%|Shaded/);
	const cancel = page.getByRole('button', { name: 'Cancel' });
	if (await cancel.isVisible()) {
		await cancel.click();
		await expect(status).toContainText('cancelled');
	}
	await page.getByLabel('Staff (whole-time equivalents)').first().fill('460');
	await expect(status).toContainText('Shaded: 90% of 1,000 Monte Carlo draws', { timeout: 30_000 });
});

test('every planner chart has a text alternative and a CSV download', async ({ page, request }) => {
	await page.goto('/scenarios?area=E54000057&option=practitioners');
	for (const label of ['Cumulative net economic benefit', 'Tornado chart', 'Women reached by the options']) {
		await expect(page.locator(`svg[aria-label^="${label}"]`)).toHaveCount(1);
	}
	const links = await page.getByRole('link', { name: 'Download this table as CSV' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	expect(links).toHaveLength(4);
	for (const href of links) {
		const csv = await request.get(href);
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect((await csv.text()).split('\r\n').length).toBeGreaterThan(2);
	}
});

test.describe('saving scenarios', () => {
	test('a commissioner saves a scenario; reopening it gives the same numbers; a new version keeps the old one', async ({ page }) => {
		await signInAs(page, E2E_USERS.commissioner);
		await openPlanner(page, 'area=E54000057&option=practitioners&practitioners.wte=25&option=peer-support');
		const neb = page.locator('[data-total="netEconomicBenefit"] .value');
		const shown = await neb.textContent();
		await page.getByLabel('Title').fill('Greater Manchester: practitioners and peers');
		await page.getByRole('button', { name: 'Save scenario' }).click();
		await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}\?version=1$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Greater Manchester: practitioners and peers');
		await expect(neb).toHaveText(shown!);
		const savedUrl = page.url();
		await page.reload();
		await expect(neb).toHaveText(shown!);

		await page.getByRole('link', { name: /Open in the planner/ }).click();
		await expect(page.locator('form.planner')).toHaveAttribute('data-hydrated', 'true');
		await page.getByLabel('Staff (whole-time equivalents)').first().fill('30');
		await expect(neb).not.toHaveText(shown!);
		const changed = await neb.textContent();
		await page.getByRole('button', { name: 'Save new version' }).click();
		await expect(page).toHaveURL(/\?version=2$/);
		await expect(neb).toHaveText(changed!);
		await page.goto(savedUrl);
		await expect(neb).toHaveText(shown!);
	});

	test('a viewer can open a shared scenario read-only but cannot save', async ({ browser }) => {
		const commissioner = await (await browser.newContext()).newPage();
		await signInAs(commissioner, E2E_USERS.commissioner);
		await commissioner.goto('/scenarios?area=E40000003&option=specialist-teams');
		await commissioner.getByLabel('Title').fill('London specialist teams');
		await commissioner.getByRole('button', { name: 'Save scenario' }).click();
		await expect(commissioner).toHaveURL(/version=1$/);
		const shared = commissioner.url();

		const anonymous = await (await browser.newContext()).newPage();
		await anonymous.goto(shared);
		await expect(anonymous).toHaveURL(/\/login\?redirectTo=/);

		const viewer = await (await browser.newContext()).newPage();
		await signInAs(viewer, E2E_USERS.viewer);
		await viewer.goto(shared);
		await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('London specialist teams');
		await expect(viewer.getByRole('link', { name: /Open in the planner/ })).toHaveCount(0);
		const csv = await viewer.getByRole('link', { name: 'Download this table as CSV' }).first().getAttribute('href');
		expect(csv).toContain('saved=');
		expect((await viewer.request.get(csv!)).status()).toBe(200);
		expect((await anonymous.request.get(csv!, { maxRedirects: 0 })).status()).toBe(303);
		await viewer.goto('/scenarios?area=E40000003&option=specialist-teams');
		await expect(viewer.getByText('Saving needs the commissioner role')).toBeVisible();
		const forged = await viewer.request.post('/scenarios?/save', {
			headers: { origin: new URL(shared).origin },
			form: { title: 'Not allowed', query: 'area=E40000003&option=specialist-teams' }
		});
		expect(forged.status()).toBe(403);
	});
});

test('a small ICB gets staff numbers sized to its share of England’s need, and the page says how', async ({ page, request }) => {
	// Independently: the ICB's and England's estimated need from the overview and area API.
	const area = await (await request.get('/api/areas/E54000011')).json();
	const need = area.headline.find((h: { id: string }) => h.id === 'need_total').value;
	const englandNeed = (await (await request.get('/export/headline.csv')).text())
		.split('\r\n')
		.find((l) => l.startsWith('Estimated need,'))!
		.split(',')[1];
	const share = need / Number(englandNeed);
	const expectedWte = Math.round(500 * share * 10) / 10;

	const { totals, options } = await (await request.post('/api/model/evaluate', { data: { area: 'E54000011', options: [{ kind: 'practitioners' }] } })).json();
	// Fully staffed from year 2 (two-year ramp): staff in the last year is the default WTE.
	expect(options[0].years.at(-1).staff).toBeCloseTo(expectedWte, 9);
	// England-sized defaults gave costs in the tens of millions; sized to the ICB they are well under £2m.
	expect(totals.costs).toBeLessThan(2_000_000);
	expect(totals.costs).toBeGreaterThan(0);

	await page.goto('/scenarios?area=E54000011&option=practitioners');
	await expect(page.locator('#practitioners\\.wte')).toHaveValue(String(expectedWte));
	await expect(page.getByText(/Staff numbers start from Shropshire, Telford and Wrekin's share of England's estimated need/)).toBeVisible();
	await expect(page.locator('#practitioners\\.wte-source')).toContainText('(500 for England)');
});

test('every planner input names its unit, and a glossary explains the terms', async ({ page }) => {
	await page.goto('/scenarios?area=E54000011&option=practitioners');
	const labels = await page.locator('form.planner .param label').allTextContents();
	expect(labels.length).toBeGreaterThan(20);
	for (const label of labels) expect(label, label).toMatch(/\(.+\)|per year|years/i);
	await page.getByText('What the terms mean').click();
	for (const term of ['Present value', 'QALY', 'Net economic benefit', 'WTE', 'Monte Carlo', 'Tornado chart', 'Break-even year'])
		await expect(page.locator('.glossary dt', { hasText: term })).toBeVisible();
});

test('a bad value is listed in an error summary that leads to the field, the results say they are out of date, and the live region says only the headline', async ({
	page
}) => {
	await openPlanner(page, 'area=E54000057&option=practitioners');
	const announcement = page.getByTestId('results-announcement');
	await page.getByLabel('Women helped per WTE per year').first().fill('0');
	const summary = page.getByTestId('error-summary');
	await expect(summary).toContainText('There is a problem');
	await expect(page.getByTestId('out-of-date')).toContainText('Out of date');
	await expect(page.locator('.results')).toHaveAttribute('data-out-of-date', 'true');
	await expect(announcement).toHaveText('Results not updated: fix the problems listed above the form.');
	// An economic value in the closed section: the link opens it and puts the cursor in the field.
	await page.getByLabel('Women helped per WTE per year').first().fill('230');
	await page.locator('[name="e.discountRate"]').evaluate((input: HTMLInputElement) => {
		input.value = '5';
		input.dispatchEvent(new Event('input', { bubbles: true }));
	});
	const link = summary.getByRole('link', { name: /discount/i });
	await expect(link).toBeVisible();
	await link.click();
	await expect(page.locator('[name="e.discountRate"]')).toBeFocused();
	await page.locator('[name="e.discountRate"]').fill('0.035');
	await expect(summary).toHaveCount(0);
	await expect(page.getByTestId('out-of-date')).toHaveCount(0);
	const net = await page.locator('[data-total="netEconomicBenefit"] .value').textContent();
	await expect(announcement).toHaveText(
		new RegExp(`^Net economic benefit ${net!.replace(/[.£]/g, (c) => `\\${c}`)}, NHS net .*, [\\d,]+ women reached over 10 years\\.$`)
	);
});

test('on a wide screen the results sit beside the inputs; on a phone below them', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await openPlanner(page, 'area=E54000057&option=practitioners');
	const form = await page.locator('form.planner').boundingBox();
	const results = await page.locator('.results').boundingBox();
	expect(results!.x).toBeGreaterThan(form!.x + form!.width - 1);
	expect(Math.abs(results!.y - form!.y)).toBeLessThan(50);
	await page.setViewportSize({ width: 390, height: 844 });
	const narrowForm = await page.locator('form.planner').boundingBox();
	const narrowResults = await page.locator('.results').boundingBox();
	expect(narrowResults!.y).toBeGreaterThan(narrowForm!.y + narrowForm!.height - 1);
});
