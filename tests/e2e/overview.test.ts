import { csvParseRows } from 'd3-dsv';
import { expect, test } from '@playwright/test';
import { tableFromIPC } from '@uwdata/flechette';

/** England's all-persons value for an indicator, read straight from the served Arrow file (no SQL). */
async function englandValue(request: import('@playwright/test').APIRequestContext, indicator: string, period: string): Promise<number> {
	const manifest = await (await request.get('/data/demo/1/manifest.json')).json();
	const bytes = await (await request.get(`/data/demo/1/${manifest.tables.observations.file}`)).body();
	const rows = tableFromIPC(new Uint8Array(bytes)).toArray() as unknown as {
		indicator_id: string;
		area_code: string;
		period: string;
		category_type: string;
		value: number;
	}[];
	return rows.find((r) => r.indicator_id === indicator && r.area_code === 'E92000001' && r.period === period && r.category_type === '')!.value;
}

const figure = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-metric="${id}"] .value`);

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the overview has its headline figures, chart and map in the HTML', async ({ page, request }) => {
		await page.goto('/');
		const reached = await englandValue(request, 'pmh_specialist_access', '2024/25');
		const maternities = await englandValue(request, 'maternities', '2024/25');
		await expect(figure(page, 'reached')).toHaveText(reached.toLocaleString('en-GB'));
		await expect(figure(page, 'maternities')).toHaveText(maternities.toLocaleString('en-GB'));
		await expect(figure(page, 'access_rate')).toHaveText(`${((100 * reached) / maternities).toFixed(1)}%`);
		await expect(page.getByRole('note')).toContainText('Demonstration data, not official statistics');
		await expect(page.locator('svg[aria-label^="Specialist perinatal mental health access"]')).toHaveCount(1);
		await expect(page.locator('.tile-map svg a')).toHaveCount(42);
	});

	test('the map selector works through the server', async ({ page }) => {
		await page.goto('/');
		await page.getByLabel('Colour the map by').selectOption('maternities');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/measure=maternities/);
		await expect(page.locator('.legend-title')).toContainText('Maternities');
	});
});

test('the map has 42 linked, labelled tiles reachable by keyboard', async ({ page }) => {
	await page.goto('/');
	const tiles = page.locator('.tile-map svg a');
	await expect(tiles).toHaveCount(42);
	await expect(page.getByRole('link', { name: /^NHS Greater Manchester Integrated Care Board: \d+\.\d%$/ })).toHaveCount(1);
	await page.getByLabel('Colour the map by').focus();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.locator('.tile-map svg a:focus')).toHaveCount(1);
});

test('switching indicator recolours the map in the browser, with the same numbers as the server', async ({ page }) => {
	await page.goto('/');
	const section = page.locator('[data-map-source]');
	const serverLabels = await page.locator('.tile-map svg a').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));
	const serverFills = await page.locator('.tile-map svg rect').evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')));
	await expect(section).toHaveAttribute('data-duckdb', 'ready', { timeout: 30_000 });

	await page.getByLabel('Colour the map by').selectOption('unmet_need');
	await expect(section).toHaveAttribute('data-map-source', 'browser');
	await expect(page).toHaveURL(/measure=unmet_need/);
	await expect(page.locator('.legend-title')).toContainText('Estimated need not reached');
	const fills = await page.locator('.tile-map svg rect').evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')));
	expect(fills).not.toEqual(serverFills);

	await page.getByLabel('Colour the map by').selectOption('access_rate');
	await expect(page.locator('.legend-title')).toContainText('Access rate');
	const browserLabels = await page.locator('.tile-map svg a').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));
	expect(browserLabels).toEqual(serverLabels);
});

test('DuckDB-wasm in the browser gives exactly the server values for every map measure', async ({ page, request }) => {
	const tileValues = (html: string) => Object.fromEntries([...html.matchAll(/data-area="(E54\d{6})" data-value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
	await page.goto('/');
	await expect(page.locator('[data-duckdb]')).toHaveAttribute('data-duckdb', 'ready', { timeout: 30_000 });
	const ids = await page.locator('#map-measure option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	expect(ids.length).toBeGreaterThan(5);
	for (const id of [...ids.slice(1), ids[0]]) {
		const server = tileValues(await (await request.get(`/?measure=${id}`)).text());
		expect(Object.keys(server)).toHaveLength(42);
		await page.getByLabel('Colour the map by').selectOption(id);
		await expect(page).toHaveURL(new RegExp(`measure=${id}$`));
		await expect(page.locator('[data-map-source]')).toHaveAttribute('data-map-source', 'browser');
		const browser = Object.fromEntries(
			await page.locator('.tile-map svg a').evaluateAll((as) => as.map((a) => [a.getAttribute('data-area'), a.getAttribute('data-value')]))
		);
		expect(browser, id).toEqual(server);
	}
});

test('every request the pages make goes to the app itself', async ({ page, baseURL }) => {
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.goto('/');
	await expect(page.locator('[data-duckdb]')).toHaveAttribute('data-duckdb', 'ready', { timeout: 30_000 });
	await page.getByLabel('Colour the map by').selectOption('reached');
	await expect(page.locator('.legend-title')).toContainText('Women reached');
	await page.goto('/areas/E54000057');
	await page.goto('/about/data');
	expect(requests.length).toBeGreaterThan(5);
	expect(requests.filter((url) => !url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
	expect(requests.some((url) => url.endsWith('.wasm'))).toBe(true);
});

test('a dataset version’s files, its manifest included, are served with long-lived caching; other versions and files are 404', async ({ request }) => {
	const manifest = await request.get('/data/demo/1/manifest.json');
	expect(manifest.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
	const { tables } = await manifest.json();
	const table = await request.get(`/data/demo/1/${tables.observations.file}`);
	expect(table.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
	expect((await request.get('/data/demo/1/secrets.txt')).status()).toBe(404);
	expect((await request.get('/data/demo/999/manifest.json')).status()).toBe(404);
	expect((await request.get('/data/no-such/1/manifest.json')).status()).toBe(404);
	expect((await request.get('/data/demo/1x/manifest.json')).status()).toBe(400);
	expect((await request.get('/data/Demo!/1/manifest.json')).status()).toBe(400);
});

test('every overview table downloads as CSV naming its dataset, and the map CSV holds the tiles’ values (inequality measures too)', async ({
	page,
	request
}) => {
	for (const table of ['headline', 'trend', 'deprivation', 'ethnicity']) {
		const response = await request.get(`/export/${table}.csv`);
		expect(response.status()).toBe(200);
		expect(await response.text()).toContain('Synthetic demonstration data, not official statistics');
	}
	// England's gaps: the sentence's number is the deprivation table's, summed over the four fifths below the least deprived.
	const [header, ...groups] = csvParseRows(await (await request.get('/export/deprivation.csv')).text()).filter((r) => r.length > 1);
	const missing = groups.reduce((sum, r) => sum + Number(r[header.indexOf('Women missing a year')]), 0);
	await page.goto('/');
	const gaps = page.getByTestId('england-gaps');
	await expect(gaps).toContainText('If the most deprived fifth in England had the access rate of the least deprived fifth');
	await expect(gaps).toContainText('If every ethnic group in England had the access rate of White women');
	const stated = Number((await gaps.textContent())!.match(/Across all five fifths, about ([\d,]+) more women/)![1].replace(/,/g, ''));
	// Rounded for reading (two significant figures at most), each row to a whole woman.
	expect(Math.abs(stated - missing) / missing).toBeLessThan(0.05);
	expect(await page.locator('#england-imd_quintile-title, #england-ethnic_group-title').allTextContents()).toEqual([
		'Access rate by deprivation (IMD quintile), England, 2024/25',
		'Access rate by ethnic group, England, 2024/25'
	]);
	await page.goto('/?measure=women_missing_imd');
	const tiles = await page
		.locator('.tile-map a[data-area]')
		.evaluateAll((as) => Object.fromEntries(as.map((a) => [a.getAttribute('data-area'), a.getAttribute('data-value')])));
	const csv = await (await request.get((await page.getByRole('link', { name: "Download the map's data as CSV" }).getAttribute('href'))!)).text();
	const rows = csv
		.trim()
		.split('\r\n')
		.slice(1)
		.map((line) => line.split(','));
	expect(rows).toHaveLength(42);
	for (const row of rows) {
		const code = row.find((cell) => /^E54\d{6}$/.test(cell))!;
		const value = Number(row[row.indexOf(code) + 1]);
		expect(value, code).toBeCloseTo(Number(tiles[code]), 2);
	}
	await expect(page.locator('.legend-title')).toContainText('Women missing: deprivation');
});

test('when the browser cannot fetch DuckDB, the overview and the area page say so and the server works out each choice', async ({ page, context }) => {
	// A proxy or filter in the way of the wasm: DuckDB-wasm would wait for ever; the pages must not.
	await context.route(/duckdb-(eh|mvp)\.[^/]*\.wasm$/, (route) => route.abort());
	await page.goto('/');
	const section = page.locator('[data-map-source]');
	await expect(section).toHaveAttribute('data-duckdb', 'error', { timeout: 30_000 });
	await expect(section).toContainText('The in-browser database could not start (its code, duckdb-eh.wasm, could not be fetched from this site');
	await page.getByLabel('Colour the map by').selectOption('unmet_need');
	await expect(page).toHaveURL(/measure=unmet_need/);
	await expect(page.locator('.legend-title')).toContainText('Estimated need not reached');
	await expect(section).toHaveAttribute('data-map-source', 'server');

	await page.goto('/areas/E54000036');
	await expect(page.getByText('The in-browser database could not start; choices are worked out by the server.')).toBeVisible({ timeout: 30_000 });
	await page.getByLabel('Year').selectOption('2019/20');
	await expect(page).toHaveURL(/period=2019%2F20/);
	await expect(page.getByRole('heading', { name: 'Headline figures, 2019/20' })).toBeVisible();
});
