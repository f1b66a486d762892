import { expect, test, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';

const SMALL_ICB = 'E54000011'; // Shropshire, Telford and Wrekin: about 4,800 maternities

/** The rows of one of the page's CSVs, keyed by header. */
async function csvOf(page: Page, href: string): Promise<Record<string, string>[]> {
	const response = await page.request.get(href);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	const [header, ...rows] = csvParseRows(await response.text());
	return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const estimate = (v: number) => {
	const size = Math.abs(v);
	const step = size < 100 ? 5 : size < 1000 ? 10 : 10 ** (Math.floor(Math.log10(size)) - 2);
	return (Math.round(size / step) * step).toLocaleString('en-GB');
};

test.describe('area explorer without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a small ICB shows benchmarks in words, its deprivation gap and women missing, checked against its own CSV', async ({ page }) => {
		await page.goto(`/areas/${SMALL_ICB}`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Shropshire, Telford and Wrekin');
		// Benchmarks carry words, not only colour.
		const comparisons = page.locator('[data-comparator]');
		await expect(comparisons).toHaveCount(3);
		for (const text of await comparisons.allTextContents()) expect(text).toMatch(/(better|worse|similar) (than|to) /i);
		await expect(page.locator('[data-trend]')).toContainText(/Recent trend: (increasing|decreasing|no significant change)/);
		// No England-sized or floored figures: the commitment gap is shown as a shortfall or lead in words.
		await expect(page.locator('[data-metric="commitment_gap"] .gap')).toHaveText(/^(Short of|Ahead of) its share of the 66,000 commitment by [\d,]+ women$/);

		// The sentence's "about N more women" from the inequalities CSV, computed here: (rate of quintile 5) x maternities of quintile 1 - reached in quintile 1.
		const rows = await csvOf(page, `/areas/${SMALL_ICB}/export/inequalities.csv`);
		expect(rows).toHaveLength(5);
		const q1 = rows.find((r) => r['Deprivation (IMD quintile)'] === '1 (most deprived)')!;
		const q5 = rows.find((r) => r['Deprivation (IMD quintile)'] === '5 (least deprived)')!;
		const missing = (Number(q5['Women reached']) / Number(q5.Maternities)) * Number(q1.Maternities) - Number(q1['Women reached']);
		expect(missing).toBeGreaterThan(0);
		await expect(page.getByTestId('inequality-summary')).toContainText(`about ${estimate(missing)} more women a year would be seen`);
		expect(q1['Data status']).toBe('Synthetic demonstration data, not official statistics');
		expect(q1['Dataset version']).toMatch(/^demo version 1 \(manifest sha256 [0-9a-f]{12}\)$/);

		// Compare areas: the Midlands' ICBs, this one among them.
		const compare = await csvOf(page, `/areas/${SMALL_ICB}/export/compare.csv`);
		expect(compare.length).toBe(11);
		expect(compare.map((r) => r['ONS code'])).toContain(SMALL_ICB);
		await expect(page.locator('#compare-chart-title')).toContainText('every ICB in Midlands');
		await expect(page.getByRole('heading', { name: /ICBs most like/ })).toBeVisible();
	});

	test('every choice is in the URL and the form works without JavaScript', async ({ page }) => {
		await page.goto(`/areas/${SMALL_ICB}`);
		await page.selectOption('#breakdown', 'ethnic_group');
		await page.selectOption('#compare', 'england');
		await page.selectOption('#indicator', 'women_missing_ethnic');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/breakdown=ethnic_group&compare=england&indicator=women_missing_ethnic/);
		await expect(page.getByRole('heading', { name: /Gaps by ethnic group/ })).toBeVisible();
		await expect(page.getByTestId('inequality-summary')).toContainText('White women');
		await expect(page.locator('#compare-chart-title')).toContainText('every ICB in England');
	});

	test('a bad choice gets a 400 naming the parameter and what it may be', async ({ page }) => {
		const response = await page.goto(`/areas/${SMALL_ICB}?period=1999/00&breakdown=__proto__`);
		expect(response?.status()).toBe(400);
		await expect(page.locator('.error-message')).toContainText('period: unknown period "1999/00"; use one of 2016/17');
		await expect(page.locator('.error-message')).toContainText('breakdown: unknown breakdown "__proto__"');
	});
});

test('switching in the browser gives exactly what the server gives for the same address', async ({ page, browser }) => {
	await page.goto('/areas/E54000057');
	await expect(page.locator('[data-duckdb]')).toHaveAttribute('data-duckdb', 'ready', { timeout: 30_000 });
	for (const [select, value] of [
		['#breakdown', 'ethnic_group'],
		['#compare', 'england'],
		['#indicator', 'sii_imd'],
		['#period', '2022/23']
	] as const) {
		await page.selectOption(select, value);
		await expect(page.locator('form.controls')).toHaveAttribute('data-view-source', 'browser');
		await expect(page.locator('form.controls .status')).toHaveText('');
	}
	await expect(page).toHaveURL(/period=2022%2F23&breakdown=ethnic_group&compare=england&indicator=sii_imd/);
	const inBrowser = {
		summary: await page.getByTestId('inequality-summary').textContent(),
		headline: await page.locator('[data-metric]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value'))),
		compare: await page.locator('#compare-chart-title').textContent(),
		tables: await page.locator('table').evaluateAll((ts) => ts.map((t) => t.textContent))
	};
	const context = await browser.newContext({ javaScriptEnabled: false });
	const server = await context.newPage();
	await server.goto(page.url());
	expect({
		summary: await server.getByTestId('inequality-summary').textContent(),
		headline: await server.locator('[data-metric]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value'))),
		compare: await server.locator('#compare-chart-title').textContent(),
		tables: await server.locator('table').evaluateAll((ts) => ts.map((t) => t.textContent))
	}).toEqual(inBrowser);
	await context.close();
});

test('the read API answers with the page figures, JSON errors and no 500 for hostile paths', async ({ request }) => {
	const summary = await request.get(`/api/areas/${SMALL_ICB}`);
	expect(summary.status()).toBe(200);
	const body = await summary.json();
	expect(body.dataset.synthetic).toBe(true);
	expect(body.access.benchmarks.map((b: { comparator: string }) => b.comparator)).toEqual(['england', 'region', 'peers']);
	expect(body.headline.find((h: { id: string }) => h.id === 'access_rate').lower95).toBeLessThan(body.access.value);

	const inequalities = await (await request.get(`/api/areas/${SMALL_ICB}/inequalities?breakdown=imd_quintile&period=2024/25`)).json();
	expect(inequalities.groups).toHaveLength(5);
	expect(inequalities.sii.lower95).toBeLessThan(inequalities.sii.value);
	expect(inequalities.summary.join(' ')).toContain('more women a year would be seen');

	const compare = await (await request.get(`/api/areas/${SMALL_ICB}/compare?indicator=access_rate&compare=england`)).json();
	expect(compare.rows).toHaveLength(42);

	expect((await request.get('/api/areas/E54000999')).status()).toBe(404);
	const bad = await request.get(`/api/areas/${SMALL_ICB}/compare?indicator=constructor`);
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error).toContain('indicator: unknown indicator "constructor"');
	const moved = await request.get('/api/areas/E54000007/inequalities?breakdown=ethnic_group', { maxRedirects: 0 });
	expect(moved.status()).toBe(301);
	expect(moved.headers().location).toBe('/api/areas/E54000057/inequalities?breakdown=ethnic_group');
	for (const path of [
		'/api/areas/%45%35%34000011',
		'/api/areas/E54000011%2Fcompare',
		'/api/areas/__proto__/compare',
		'/api/areas/E92000001',
		'/areas/E54000011/export/..%2F..%2Fetc.csv'
	]) {
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBeLessThan(500);
	}
});

test('the methods page reconciles the published headlines with the figures, from the data', async ({ page }) => {
	await page.goto('/about/methods');
	await expect(page.getByRole('cell', { name: /Short of the commitment by 9,013 women/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /NHS net £5\d\.\dm \+ quality of life £4\d\dm/ })).toBeVisible();
	await expect(page.locator('svg[aria-label="Postnatal depression prevalence in England, National Maternity Surveys"]')).toHaveCount(1);
	const survey = await csvOf(page, '/about/methods/export/survey.csv');
	expect(survey.map((r) => [r['Survey year'], r['Prevalence (%)']])).toEqual([
		['2014', '10.3'],
		['2018', '16'],
		['2020', '23.9']
	]);
	expect(survey[0]['Data status']).toBe('Synthetic demonstration data, not official statistics');
	expect((await page.request.get('/about/methods/export/nothing.csv')).status()).toBe(404);
});

test('an area page shows how its estimated need would change if prevalence followed the survey series, checked by hand', async ({ page }) => {
	await page.goto(`/areas/${SMALL_ICB}?period=2021/22`);
	const need = await csvOf(page, `/areas/${SMALL_ICB}/export/need.csv`);
	const headline = await csvOf(page, `/areas/${SMALL_ICB}/export/headline.csv?period=2021/22`);
	const flat = Number(headline.find((r) => r.Measure === 'Estimated need')!.Value);
	const following = (r: Record<string, string>) => Number(r['Need if prevalence followed the survey series (women, nearest 100)']);
	const atFlat = (r: Record<string, string>) => Number(r['Need at 1 in 4 (women, as the dataset)']);
	const row = need.find((r) => r.Year === '2021/22')!;
	expect(atFlat(row)).toBe(flat);
	// 2021/22's midpoint (January 2022) is after the last survey (2020): held at 23.9%, the same as the flat figure.
	expect(following(row)).toBe(Math.round(flat / 100) * 100);
	// 2016/17's midpoint (January 2017) is three quarters of the way from 2014 (10.3%) to 2018 (16.0%).
	const first = need.find((r) => r.Year === '2016/17')!;
	expect(following(first)).toBe(Math.round((atFlat(first) * (10.3 + 5.7 * 0.6875)) / 23.9 / 100) * 100);
	for (const r of need.filter((r) => r.Year < '2019/20')) expect(following(r)).toBeLessThan(atFlat(r));
	const details = page.getByTestId('need-sensitivity');
	await details.getByText('Estimated need if prevalence were not a flat 25%').click();
	await expect(details).toContainText('in 2021/22 would be about');
});

/** The on-screen size of every chart label: its font size times how much its chart is scaled to fit. */
const chartTextSizes = (page: Page) =>
	page.locator('.chart-svg svg text').evaluateAll((texts) =>
		texts.map((t) => {
			const svg = t.closest('svg')!;
			const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
			return Number.parseFloat(getComputedStyle(t).fontSize) * scale;
		})
	);

test.describe('before the page runs its JavaScript (or without it)', () => {
	test.use({ javaScriptEnabled: false });
	test('an ICB page at 375 px: the charts drawn on the server keep 12 px text and scroll sideways, the page does not', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 900 });
		await page.goto(`/areas/${SMALL_ICB}`);
		const sizes = await chartTextSizes(page);
		expect(sizes.length).toBeGreaterThan(20);
		// Shrunk to fit, a 640 px chart's 12 px labels were 5.6 px here.
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11.9);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
		const chart = page.locator('.chart-svg').first();
		expect(await chart.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		await chart.focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => chart.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
	});
});

for (const width of [375, 1280]) {
	test(`an ICB page at ${width} px: nothing wider than the screen, chart text at least 12 px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/areas/${SMALL_ICB}`);
		await expect(page.locator('[data-duckdb]')).toHaveAttribute('data-duckdb', /ready|starting|idle/);
		await page.waitForFunction(() => document.querySelectorAll('.chart-svg svg').length >= 3);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
		const sizes = await chartTextSizes(page);
		expect(sizes.length).toBeGreaterThan(20);
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11.9);
	});
}
