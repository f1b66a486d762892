import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { csvFormatRow, csvParseRows } from 'd3-dsv';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { fingertipsExportText } from '../helpers/fingertips-export';
import { RECORD_HEADER, validNhsNumbers, writeRecordExtract } from '../helpers/record-extract';
import { makeZip } from '../helpers/zip';
import { FIRST_LOOK_BYTES } from '../../src/lib/upload/record-level';
import { countParts } from '../../src/lib/upload/record-upload';
import { E2E_USERS, signInAs } from './accounts';

const FIXTURES = 'tests/fixtures/upload';
const unique = () => `e2e-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Folders the tests write their files into, removed once this file's tests are done (the largest hold hundreds of MB). */
const scratch: string[] = [];
function scratchDir(prefix: string) {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	scratch.push(dir);
	return dir;
}
test.afterAll(() => {
	for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function checkFile(page: Page, name: string) {
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(`${FIXTURES}/${name}`);
}

async function publishNew(page: Page, datasetId: string, title: string) {
	await page.getByLabel(/^Dataset id/).fill(datasetId);
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByTestId('published')).toContainText(`Published ${datasetId} version 1`);
}

async function csvOf(page: Page, href: string): Promise<Record<string, string>[]> {
	const response = await page.request.get(href);
	expect(response.status(), href).toBe(200);
	const [header, ...rows] = csvParseRows(await response.text());
	return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

test('an analyst takes an MHSDS monthly file to a published version that the explorer, the map and the planner open', async ({ page, browser }) => {
	await signInAs(page, E2E_USERS.analyst);
	await checkFile(page, 'mhsds-monthly.csv');
	const detected = page.getByTestId('detected');
	await expect(detected).toContainText('Mental Health Services Data Set (MHSDS) monthly CSV');
	await expect(detected).toContainText('1 row left out: provider rows');
	await expect(detected).toContainText('1 row left out: sub-ICB rows');
	await expect(page.getByTestId('disclosure')).toContainText('7 observations');
	// Compared with the demonstration data in the browser's DuckDB: every 2023/24 row differs (the file's figures are not the synthetic ones).
	await expect(page.getByTestId('comparison')).toContainText(/\d+ rows differ from the published figures/, { timeout: 30_000 });
	// Greater Manchester's row: the demonstration data's figure (from its own CSV) beside the file's 3,160, marked.
	const demoReached = (await csvOf(page, '/areas/E54000057/export/headline.csv?period=2023/24')).find((r) => r.Measure === 'Women reached')!.Value;
	const differs = page.getByRole('table', { name: 'Rows that differ from the published figures' }).getByRole('row').filter({ hasText: 'E54000057' });
	await expect(differs).toHaveText(
		new RegExp(
			`^(Number of people|Women) in contact with specialist perinatal mental health community services \\(12 month rolling\\)\\s*Greater Manchester E54000057\\s*2023/24\\s*All\\s*${Number(demoReached).toLocaleString('en-GB')}\\s*3,160$`,
			'i'
		)
	);
	await expect(differs.locator('mark')).toHaveText('3,160');

	// What would be sent, row by row, as worked out from the file: Bristol (QUY, line 5) 612 rounded to 610,
	// Shropshire (QOC, line 4) "*" in the file, England (line 2) 57,215 unrounded.
	const disclosure = page.getByTestId('disclosure');
	await disclosure.getByText('Show the 7 observations').click();
	const preview = disclosure.getByRole('table', { name: 'The observations to be published, after disclosure control' });
	await expect(preview.getByRole('row')).toHaveCount(8);
	const previewRow = (area: string) => preview.getByRole('row').filter({ hasText: area }).first();
	await expect(previewRow('Bristol')).toContainText('610');
	await expect(previewRow('Bristol')).toContainText('Counts rounded to the nearest 5');
	await expect(previewRow('Shropshire')).toContainText('Suppressed in the file');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all 7 observations as CSV' }).click()]);
	expect(download.suggestedFilename()).toBe('mhsds-monthly-to-publish.csv');
	const [header, ...sent] = csvParseRows(readFileSync(await download.path(), 'utf8')).filter((r) => r.length > 1);
	const toPublish = sent.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
	expect(toPublish).toHaveLength(7);
	const sentFor = (code: string) => toPublish.find((r) => r['Area code'] === code && r.Period === '2023/24' && r.Group === 'All')!;
	expect(sentFor('E54000039')).toMatchObject({ 'Line in the file': '5', Value: '610', Count: '610', 'Disclosure control': 'Counts rounded to the nearest 5' });
	expect(sentFor('E54000011')).toMatchObject({ 'Line in the file': '4', Value: '', 'Disclosure control': 'Suppressed in the file' });
	expect(sentFor('E92000001')).toMatchObject({ 'Line in the file': '2', Value: '57215' });

	const datasetId = unique();
	await publishNew(page, datasetId, 'E2E MHSDS upload');
	const query = `dataset=${datasetId}&version=1`;
	// The published version holds what the download said would be sent.
	const bristol = await csvOf(page, `/areas/E54000039/export/headline.csv?${query}&period=2023/24`);
	expect(bristol.find((r) => r.Measure === 'Women reached')!.Value).toBe(sentFor('E54000039').Value);

	// The area page on the new version: women reached in 2023/24 is the file's 3,160 (a multiple of 5, kept).
	const headline = await csvOf(page, `/areas/E54000057/export/headline.csv?${query}&period=2023/24`);
	const reached = headline.find((r) => r.Measure === 'Women reached')!;
	expect(Number(reached.Value)).toBe(3160);
	expect(reached['Dataset version']).toMatch(new RegExp(`^${datasetId} version 1 \\(manifest sha256 [0-9a-f]{12}\\)$`));
	expect(reached['Data status']).toBe('Synthetic demonstration data, not official statistics');
	// The file's rolling 12 months to June 2024 is not a financial year: it is listed with the other figures, not lost.
	const others = await csvOf(page, `/areas/E54000057/export/others.csv?${query}`);
	expect(others.find((r) => r.Period === '12 months to 2024-06')).toMatchObject({ Value: '3205' });
	// The default version is untouched.
	const before = await csvOf(page, '/areas/E54000057/export/headline.csv?period=2023/24');
	expect(Number(before.find((r) => r.Measure === 'Women reached')!.Value)).not.toBe(3160);

	// The overview says which version it shows, and its links keep the choice.
	await page.goto(`/?${query}`);
	await expect(page.locator('[data-dataset-choice]')).toHaveAttribute('data-dataset-choice', `${datasetId}@1`);
	await expect(page.locator('.tile-map svg a').first()).toHaveAttribute('href', new RegExp(`\\?${query}$`));
	await page.locator('nav').getByRole('link', { name: 'Planner' }).click();
	await expect(page).toHaveURL(new RegExp(`/scenarios\\?${query}`));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// Changes made in the browser keep the version: an edit, then another area (which the server loads).
	await expect(page.locator('form.planner')).toHaveAttribute('data-hydrated', 'true');
	await page.getByLabel('Years', { exact: true }).fill('8');
	await expect(page).toHaveURL(new RegExp(`years=8.*&${query}$`));
	await page.getByLabel('Area', { exact: true }).selectOption('E54000011');
	await expect(page).toHaveURL(new RegExp(`area=E54000011.*&${query}$`));
	await expect(page.locator('[data-dataset-choice]')).toHaveAttribute('data-dataset-choice', `${datasetId}@1`);

	// A scenario saved on the new version says so; a board report takes its area figures from it by default.
	const saved = await page.request.post('/scenarios?/save', {
		form: { title: 'GM on the upload', query: `area=E54000057&option=practitioners&${query}` },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	await page.goto(saved.headers().location);
	await expect(page.getByTestId('inputs-from')).toContainText(`read from ${datasetId} version 1 (manifest sha256`);
	await expect(page.getByRole('link', { name: /Open in the planner/ })).toHaveAttribute('href', new RegExp(`&${query}&from=`));
	await expect(page.getByLabel('Area figures from')).toHaveValue(`${datasetId}@1`);
	await page.getByRole('button', { name: 'Create board report' }).click();
	await expect(page).toHaveURL(/\/reports\//);
	const reportUrl = page.url();
	// Its figures are that version's, for the scenario's baseline year (2024/25; the upload changed 2023/24 only).
	const onUpload = await csvOf(page, `/areas/E54000057/export/headline.csv?${query}&period=2024/25`);
	const reached2425 = Number(onUpload.find((r) => r.Measure === 'Women reached')!.Value).toLocaleString('en-GB');
	await expect(page.getByTestId('access')).toContainText(`reached ${reached2425} women`);
	// Baseline and area figures from the same version: said once.
	await expect(page.locator('.report .meta')).toContainText(`version 1, with data from ${datasetId} version 1 (manifest sha256`);

	// Provenance on /datasets/<id>.
	await page.goto(`/datasets/${datasetId}`);
	const version = page.locator('[data-version="1"]');
	await expect(version).toContainText('mhsds-monthly.csv');
	await expect(version).toContainText('analyst@e2e.test');
	await expect(version).toContainText('Built on demo version 1');
	await expect(version).toContainText('7 from the file');

	// Withdrawn later, the version's report keeps its figures and says where they came from was withdrawn, and why.
	await expect(page.getByTestId('data-withdrawn')).toHaveCount(0);
	const admin = await browser.newPage();
	await signInAs(admin, E2E_USERS.admin);
	await admin.goto(`/datasets/${datasetId}`);
	await admin.getByLabel('Reason for withdrawing version 1').fill('Figures for the wrong month');
	await admin.getByRole('button', { name: 'Withdraw version 1' }).click();
	await expect(admin.getByRole('status')).toContainText('Version 1 was withdrawn');
	await admin.close();
	await page.goto(reportUrl);
	await expect(page.getByTestId('data-withdrawn')).toContainText(`The dataset version its area figures came from, ${datasetId} version 1`);
	await expect(page.getByTestId('data-withdrawn')).toContainText(': Figures for the wrong month.');
	await expect(page.getByTestId('access')).toContainText(`reached ${reached2425} women`);
});

test('a second upload becomes the next version, the diff shows what changed, and an admin can withdraw it (then it is gone, with the reason)', async ({
	browser
}) => {
	const analyst = await browser.newPage();
	await signInAs(analyst, E2E_USERS.analyst);
	await checkFile(analyst, 'mhsds-monthly.csv');
	const datasetId = unique();
	await publishNew(analyst, datasetId, 'E2E versions');
	await checkFile(analyst, 'perinatal-quarterly.csv');
	await expect(analyst.getByTestId('detected')).toContainText('perinatal mental health quarterly publication');
	await analyst.getByLabel(new RegExp(`the next version of E2E versions`)).check();
	await analyst.getByRole('button', { name: 'Publish' }).click();
	await expect(analyst.getByTestId('published')).toContainText(`Published ${datasetId} version 2`);

	await analyst.goto(`/datasets/${datasetId}?from=1&to=2`);
	await expect(analyst.getByTestId('diff-summary')).toContainText('0 observations changed, 3 added, 0 removed');
	await expect(analyst.getByTestId('diff-summary')).toContainText('New indicators: perinatal_pmh01b');
	await analyst.close();

	const admin = await browser.newPage();
	await signInAs(admin, E2E_USERS.admin);
	await admin.goto(`/datasets/${datasetId}`);
	await admin.getByLabel('Reason for withdrawing version 2').fill('Quarter published in error');
	await admin.getByRole('button', { name: 'Withdraw version 2' }).click();
	await expect(admin.getByRole('status')).toContainText('Version 2 was withdrawn');
	const gone = await admin.request.get(`/?dataset=${datasetId}&version=2`);
	expect(gone.status()).toBe(410);
	expect(await gone.text()).toContain('Quarter published in error');
	// Without a version, the dataset's latest is now version 1 again.
	expect((await admin.request.get(`/api/areas/E54000057?dataset=${datasetId}`)).status()).toBe(200);
	// The demonstration data's only version cannot be withdrawn: the page says so and offers no button, and the server
	// refuses the form sent anyway.
	await admin.goto('/datasets/demo');
	await expect(admin.getByTestId('not-withdrawable')).toContainText('cannot be withdrawn');
	await expect(admin.getByRole('button', { name: /Withdraw/ })).toHaveCount(0);
	const origin = new URL(admin.url()).origin;
	const refused = await admin.request.post('/datasets/demo?/withdraw', {
		form: { version: '1', reason: 'Trying to break things' },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(refused.status()).toBeLessThan(500);
	const answer = await refused.json();
	expect(answer).toMatchObject({ type: 'failure', status: 409 });
	expect(JSON.stringify(answer.data)).toContain('cannot be withdrawn');
	expect((await admin.request.get('/')).status()).toBe(200);
	await admin.close();
});

test('two pages checked against the same version: the first publishes, the second is refused and checks the file again against the new latest, and nothing is lost; withdrawing a version withdraws those built on it', async ({
	browser
}) => {
	const first = await browser.newPage();
	await signInAs(first, E2E_USERS.analyst);
	await checkFile(first, 'mhsds-monthly.csv');
	const datasetId = unique();
	await publishNew(first, datasetId, 'E2E two pages');
	// The page now offers the new dataset at its version, and does not offer to publish the same file again.
	await expect(first.getByLabel('the next version of E2E two pages')).toBeVisible();
	await expect(first.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
	await expect(first.getByText(`This file was published as ${datasetId} version 1.`)).toBeVisible();

	// Two pages (two analysts, or one left open) check files against version 1.
	const second = await browser.newPage();
	await signInAs(second, E2E_USERS.analyst);
	for (const [page, file] of [
		[first, 'fingertips-export.csv'],
		[second, 'perinatal-quarterly.csv']
	] as const) {
		await checkFile(page, file);
		await page.getByLabel('the next version of E2E two pages').check();
		await expect(page.getByLabel('the next version of E2E two pages')).toBeChecked();
		await expect(page.getByText(`(${datasetId}, now version 1)`)).toBeVisible();
		// The file is checked again against that version once its first check, with the comparison on DuckDB started
		// in the browser for it, is done: more than 5 s on a busy 2-core machine.
		await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeEnabled({ timeout: 30_000 });
	}
	await first.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(first.getByTestId('published')).toContainText(`Published ${datasetId} version 2`);
	await expect(first.getByText(`(${datasetId}, now version 2)`)).toBeVisible();

	// The second would be built on version 1, without the first's rows: refused, saying why.
	await second.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(second.getByTestId('publish-error')).toContainText(`version 2 of ${datasetId} has been published since this file was checked against version 1`);
	// The page has the new latest and checks the file again against it; then it publishes as version 3.
	await expect(second.getByText(`(${datasetId}, now version 2)`)).toBeVisible();
	await expect(second.getByRole('button', { name: 'Publish', exact: true })).toBeEnabled();
	await second.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(second.getByTestId('published')).toContainText(`Published ${datasetId} version 3`);

	// Version 3 holds both files' rows: the first's Fingertips indicator and the second's quarterly one.
	const v3 = await second.request.get(`/api/datasets`);
	expect(v3.status()).toBe(200);
	const versions = ((await v3.json()) as { versions: { datasetId: string; version: number; provenance: { basedOn?: { version: number } } }[] }).versions
		.filter((v) => v.datasetId === datasetId)
		.map((v) => [v.version, v.provenance.basedOn?.version]);
	expect(versions).toEqual([
		[3, 2],
		[2, 1],
		[1, 1]
	]);
	await second.goto(`/datasets/${datasetId}?from=2&to=3`);
	await expect(second.getByTestId('diff-summary')).toContainText('0 observations changed, 3 added, 0 removed');

	// A new dataset under the id just used is refused on the page (and by the server: tests/lib/server/publish.test.ts).
	await checkFile(second, 'fingertips-export.csv');
	await second.getByLabel(/^Dataset id/).fill(datasetId);
	await second.getByLabel('Title').fill('Same id again');
	await expect(second.getByText(`There is a dataset ${datasetId} already: choose another id, or publish as its next version (above).`).first()).toBeVisible();
	await expect(second.getByLabel(/^Dataset id/)).toHaveAttribute('aria-invalid', 'true');
	await expect(second.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
	await first.close();
	await second.close();

	// Version 3 holds version 2's rows, so withdrawing 2 withdraws 3 with it; the dataset is then its version 1.
	const admin = await browser.newPage();
	await signInAs(admin, E2E_USERS.admin);
	await admin.goto(`/datasets/${datasetId}`);
	await expect(admin.getByText('Version 3 was built on this one and holds its figures, so it is withdrawn with it.')).toBeVisible();
	await admin.getByLabel('Reason for withdrawing version 2').fill('Fingertips rows for the wrong year');
	await admin.getByRole('button', { name: 'Withdraw versions 2 and 3' }).click();
	await expect(admin.getByRole('status')).toContainText('Version 2 was withdrawn, and with it version 3, built on it.');
	await expect(admin.locator('[data-version="3"]')).toContainText('Built on version 2, withdrawn: Fingertips rows for the wrong year');
	await admin.goto(`/?dataset=${datasetId}`);
	await expect(admin.locator('[data-dataset-choice]')).toHaveAttribute('data-dataset-choice', `${datasetId}@1`);
	await admin.close();
});

test('a file holding NHS numbers is stopped with the column and a masked example, and nothing is sent', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	const posts: string[] = [];
	page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
	await checkFile(page, 'with-nhs-numbers.csv');
	// In no known layout, it was read with the columns its names give, which the mapping screen shows (it once showed none chosen).
	await expect(page.getByTestId('mapping-hint')).toContainText('It was read with the columns below');
	for (const [label, column] of [
		['Area code (ONS or ODS) (required)', 'area_code'],
		[/^Period/, 'period'],
		['Indicator id (required)', 'indicator_id'],
		['Value (required)', 'value']
	] as const)
		await expect(page.getByLabel(label)).toHaveValue(column);
	// A choice changed, and not yet read with, is said to be so; choosing the column back says again what was read with.
	await page.getByLabel('Area name').selectOption('comment');
	await expect(page.getByTestId('mapping-hint')).toContainText('You have changed the columns');
	await page.getByLabel('Area name').selectOption('None');
	await expect(page.getByTestId('mapping-hint')).toContainText('It was read with the columns below');
	const pii = page.getByTestId('pii');
	await expect(pii).toContainText('Column "comment": 1 NHS number (for example 943 *** ****)');
	await expect(pii).toContainText('Column "comment": 1 email address (for example j***@***.org)');
	await expect(pii).not.toContainText('476 5919');
	await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();
	expect(posts).toEqual([]);
});

test('a record-level extract holding NHS numbers is stopped in the browser, saying how many of the values were checked', async ({ page }) => {
	const dir = scratchDir('pmh-e2e-records-');
	const path = join(dir, 'contacts-with-nhs-numbers.csv');
	const numbers = validNhsNumbers(6_000);
	writeFileSync(path, ['pseudo_id,icb_code,contact_date,nhs_ref', ...numbers.map((n, i) => `P${i},QOP,01/05/2023,${n}`)].join('\n') + '\n');
	// On a phone: the column choices fit the screen (they once ran off its edge).
	await page.setViewportSize({ width: 390, height: 800 });
	await signInAs(page, E2E_USERS.analyst);
	const posts: string[] = [];
	page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	// The first look waits for DuckDB to start (about 5 s cold on a slow 2-core machine).
	await expect(page.getByTestId('first-look')).toContainText('Personal data seen: Column "nhs_ref"', { timeout: 30_000 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.getByRole('button', { name: 'Count the records in this browser' }).click();
	const pii = page.getByTestId('pii');
	await expect(pii).toContainText('Column "nhs_ref": 5,000 NHS numbers in the first 5,000 values checked, and there may be more (for example', {
		timeout: 30_000
	});
	for (const n of numbers.slice(0, 10)) await expect(pii).not.toContainText(n.slice(3));
	await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();
	expect(posts).toEqual([]);
});

test('counting a large record-level extract can be cancelled, keeps nothing, and can be started again', async ({ page }) => {
	const dir = scratchDir('pmh-e2e-records-');
	const path = join(dir, 'contacts-3m.csv');
	await writeRecordExtract(path, { rows: 3_000_000 });
	await signInAs(page, E2E_USERS.analyst);
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	const count = page.getByRole('button', { name: 'Count the records in this browser' });
	await count.click();
	// The progress and Cancel are under the button that started the count (on a phone, the screen the analyst is on).
	const records = page.getByTestId('records');
	await expect(records.locator('.checking')).toContainText('DuckDB, pass 1 of 2', { timeout: 30_000 });
	await expect(count).toBeDisabled();
	await records.getByRole('button', { name: 'Cancel' }).click();
	await expect(records.getByRole('alert')).toHaveText('Counting was cancelled. Nothing was kept.');
	await expect(page.getByTestId('detected')).toHaveCount(0);
	await expect(page.locator('.checking')).toHaveCount(0);
	// A new DuckDB counts the same file from the start.
	await count.click();
	await expect(page.getByTestId('detected')).toContainText('3,000,000 records, counted by DuckDB in your browser', { timeout: 120_000 });
	// The analyst is taken to what was found, which comes above the columns.
	await expect(page.getByRole('heading', { name: '2. What was found' })).toBeFocused();
});

test('a Fingertips export is read with its messy parts reported, and a file in no known layout goes through the mapping screen', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	await checkFile(page, 'fingertips-export.csv');
	const detected = page.getByTestId('detected');
	await expect(detected).toContainText('Fingertips (OHID) data export, 26 columns');
	await expect(detected).toContainText('byte-order mark');
	await expect(detected).toContainText('E54000052 -> E54000063 (by former code)');
	await expect(detected).toContainText('E08000003 Manchester');
	// Listed with its parent (a few areas: the list is open).
	const local = page.getByTestId('local-areas');
	await expect(local).toHaveAttribute('open', '');
	await expect(local.locator('tbody tr')).toHaveText(['E08000003ManchesterNorth West (E40000010)']);
	await expect(detected).toContainText('2 rows left out: breakdown "County & UA deprivation deciles');

	await checkFile(page, 'local-extract.tsv');
	await expect(page.getByRole('heading', { name: 'Which column holds what' })).toBeVisible();
	await page.getByLabel('Area code (ONS or ODS) (required)').selectOption('ICB');
	await page.getByLabel(/^Period/).selectOption('Year');
	await page.getByLabel('Indicator id (required)').selectOption('Measure');
	await page.getByLabel('Value (required)').selectOption('Women seen');
	await page.getByLabel(/^Breakdown \(/).selectOption('Breakdown');
	await page.getByLabel('Breakdown group').selectOption('Group');
	await page.getByRole('button', { name: 'Read the file with these columns' }).click();
	await expect(page.getByTestId('disclosure')).toContainText(
		'1 suppressed because a count was below 5, 1 more suppressed so they cannot be worked out from totals'
	);
	// The mapping is remembered for the next file of the same shape.
	await checkFile(page, 'local-extract.tsv');
	await expect(page.getByTestId('disclosure')).toContainText('6 observations');
});

test('problems are listed by line and kind, the first 20 on the page and the rest as CSV, saying when more were found than kept', async ({ page }) => {
	// A Fingertips export: first a row for an area no reference knows and the file does not name, then 12,600 rows (300
	// indicators x 42 ICBs) whose Value is "n/a": two kinds of problem, at lines known here.
	const [header, row] = readFileSync(`${FIXTURES}/fingertips-export.csv`, 'utf8')
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/);
	const cells = csvParseRows(row)[0];
	const icbs = csvParseRows(readFileSync('data/reference/areas.csv', 'utf8')).filter((r) => r[3] === 'icb');
	const lines = [header, csvFormatRow(Object.assign([...cells], { 2: '', 4: 'E54000999', 5: '', 6: 'ICBs' }))];
	for (let k = 0; k < 300; k++)
		for (const icb of icbs)
			lines.push(csvFormatRow(Object.assign([...cells], { 0: String(91000 + k), 2: icb[4], 4: icb[0], 5: icb[2], 6: 'ICBs', 12: 'n/a' })));
	const path = join(scratchDir('pmh-e2e-problems-'), 'export-with-problems.csv');
	writeFileSync(path, lines.join('\r\n') + '\r\n');

	await signInAs(page, E2E_USERS.analyst);
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	const problems = page.getByTestId('problems');
	await expect(problems.getByRole('heading', { level: 2 })).toHaveText('Problems (12,601 to fix)', { timeout: 30_000 });
	const byKind = problems.getByRole('table', { name: 'Problems by kind' });
	await expect(byKind.getByRole('row').filter({ hasText: 'not a number' })).toHaveText(/not a number\s*12,600\s*yes/);
	await expect(byKind.getByRole('row').filter({ hasText: 'unknown area' })).toHaveText(/unknown area\s*1\s*yes/);
	const first = problems.getByRole('table', { name: 'The first problems, by line' });
	await expect(first.locator('tbody tr')).toHaveCount(20);
	await expect(first.locator('tbody tr').nth(0)).toContainText('2Area CodeE54000999');
	await expect(first.locator('tbody tr').nth(1)).toContainText('3Valuen/a"n/a" is not a number');
	await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();

	// Problems are kept up to 10,000 (all counted): the download says it holds the first of them, by line.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		problems.getByRole('button', { name: 'Download the first 10,000 of the 12,601 problems as CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe('export-with-problems.csv-problems.csv');
	const [columns, ...rows] = csvParseRows(readFileSync(await download.path(), 'utf8')).filter((r) => r.length > 1);
	expect(columns).toEqual(['Line', 'Column', 'Value', 'Severity', 'Problem', 'How to fix']);
	expect(rows).toHaveLength(10_000);
	expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 2));
	expect(rows[0].slice(0, 4)).toEqual(['2', 'Area Code', 'E54000999', 'error']);
	expect(rows.slice(1).every((r) => r[1] === 'Value' && r[2] === 'n/a' && r[3] === 'error' && r[4] === '"n/a" is not a number' && r[5].length > 0)).toBe(true);
});

test('a file dropped on the page is checked like a chosen one; two files say which is read, and text says it is not a file', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	await page.goto('/upload');
	await expect(page.getByLabel('Data file')).toHaveAttribute('data-ready', 'true');
	const zone = page.getByRole('group', { name: 'Drop a file here' });
	/** Drops files (name and text each), or text when there are none, as a browser's drag and drop does. */
	const drop = async (files: { name: string; text: string }[], text = '') => {
		const dataTransfer = await page.evaluateHandle(
			({ files, text }) => {
				const dt = new DataTransfer();
				for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
				if (!files.length) dt.setData('text/plain', text);
				return dt;
			},
			{ files, text }
		);
		await zone.dispatchEvent('dragover', { dataTransfer });
		await zone.dispatchEvent('drop', { dataTransfer });
	};
	const fingertips = readFileSync(`${FIXTURES}/fingertips-export.csv`, 'utf8');
	const mhsds = readFileSync(`${FIXTURES}/mhsds-monthly.csv`, 'utf8');
	await drop([], 'https://fingertips.phe.org.uk/');
	await expect(page.getByRole('alert')).toContainText('What was dropped is not a file (text or a link, perhaps). Drop a data file from your computer');
	await drop([{ name: 'fingertips-export.csv', text: fingertips }]);
	await expect(page.getByTestId('detected')).toContainText('Fingertips (OHID) data export, 26 columns');
	await expect(page.getByTestId('disclosure')).toContainText('7 observations');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await drop([
		{ name: 'mhsds-monthly.csv', text: mhsds },
		{ name: 'fingertips-export.csv', text: fingertips }
	]);
	await expect(page.getByTestId('drop-note')).toHaveText(
		'2 files were dropped; only the first, mhsds-monthly.csv, is read. Drop or choose one file at a time.'
	);
	await expect(page.getByTestId('detected')).toContainText('Mental Health Services Data Set (MHSDS) monthly CSV');
	// Choosing a file afterwards: the note about the dropped ones goes.
	await page.getByLabel('Data file').setInputFiles(`${FIXTURES}/fingertips-export.csv`);
	await expect(page.getByTestId('detected')).toContainText('Fingertips (OHID) data export, 26 columns');
	await expect(page.getByTestId('drop-note')).toHaveCount(0);
});

test('when DuckDB cannot start, the upload page says so at once: a file is still checked and published without the comparison, and counting a record-level file tries again', async ({
	page,
	context
}) => {
	const dir = scratchDir('pmh-e2e-records-');
	const path = join(dir, 'contacts.csv');
	await writeRecordExtract(path, { rows: 2_000 });
	await signInAs(page, E2E_USERS.analyst);
	// DuckDB's wasm cannot be fetched (a proxy or a filter in the way): its Worker fails to start.
	const wasm = /duckdb-(eh|mvp)\.[^/]*\.wasm$/;
	await context.route(wasm, (route) => route.abort());
	// A file that is not record-level is checked without DuckDB; only the comparison needs it, and publishing does not.
	await checkFile(page, 'fingertips-export.csv');
	await expect(page.getByTestId('comparison-error')).toContainText(
		'These figures could not be compared with the data published now: the in-browser database could not start or read it (its code, duckdb-eh.wasm, could not be fetched'
	);
	await publishNew(page, unique(), 'E2E without DuckDB');
	await page.getByLabel('Data file').setInputFiles(path);
	await expect(page.getByTestId('record-engine-error')).toContainText('DuckDB could not start in this browser (', { timeout: 30_000 });
	await expect(page.getByTestId('record-engine-error')).toContainText('Count the records to try again.');
	await expect(page.getByTestId('record-engine')).toHaveCount(0);
	await context.unroute(wasm);
	await page.getByRole('button', { name: 'Count the records in this browser' }).click();
	await expect(page.getByTestId('detected')).toContainText('2,000 records, counted by DuckDB in your browser', { timeout: 30_000 });
	await expect(page.getByTestId('record-engine-error')).toHaveCount(0);
});

test('when DuckDB takes long to start (its wasm held back), the page says so after 20 seconds, and it is used once it starts', async ({ page, context }) => {
	const dir = scratchDir('pmh-e2e-records-');
	const path = join(dir, 'contacts.csv');
	await writeRecordExtract(path, { rows: 2_000 });
	await signInAs(page, E2E_USERS.analyst);
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await context.route(/duckdb-(eh|mvp)\.[^/]*\.wasm$/, async (route) => {
		await held;
		await route.continue();
	});
	// The page's clock, so that 20 seconds need not be waited for.
	await page.clock.install();
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	const status = page.getByTestId('record-engine');
	await expect(status).toHaveText('Starting DuckDB in this browser…');
	await page.clock.fastForward(19_000);
	await expect(status).toHaveText('Starting DuckDB in this browser…');
	await page.clock.fastForward(2_000);
	await expect(status).toContainText(
		'DuckDB has been starting in this browser for more than 20 seconds; it usually takes a second or two. It may still start.'
	);
	release();
	await expect(status).toContainText('DuckDB has started in this browser, ready to count.', { timeout: 30_000 });
	await page.getByRole('button', { name: 'Count the records in this browser' }).click();
	await expect(page.getByTestId('detected')).toContainText('2,000 records, counted by DuckDB in your browser', { timeout: 30_000 });
});

test('a file chosen before the page’s script has started is checked once it starts', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	// Hold the app's JavaScript back (a slow connection) until the file has been chosen in the server-rendered input.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/upload', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Data file').setInputFiles(`${FIXTURES}/fingertips-export.csv`);
	await expect(page.getByLabel('Data file')).toHaveAttribute('data-ready', 'false');
	release();
	await expect(page.getByTestId('detected')).toContainText('Fingertips (OHID) data export, 26 columns');
	await expect(page.getByTestId('disclosure')).toContainText('7 observations');
});

test('the publish API refuses what the page would never send, and stores nothing', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	const post = (data: Buffer | string, headers: Record<string, string> = {}) =>
		page.request.post('/api/datasets', { data, headers: { 'content-type': 'application/json', origin: new URL(page.url()).origin, ...headers } });
	expect((await post('not json')).status()).toBe(400);
	expect((await post('[]')).status()).toBe(400);
	expect((await post(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).status()).toBe(400);
	expect((await post('{}', { 'content-encoding': 'br' })).status()).toBe(415);
	// 100 MB of spaces compresses to about 100 KB: refused when it inflates past the limit.
	const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, ' '), { level: 9 });
	const bombed = await post(bomb, { 'content-encoding': 'gzip' });
	expect(bombed.status()).toBe(413);
	expect((await bombed.json()).reason).toBe('The body inflates to more than 96 MiB, the most one publish may hold.');
	// Past the publish limit: refused by its declared length before any of it is read, saying the limit.
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const huge = await new Promise<{ status: number; text: string }>((resolve, reject) => {
		const request = httpRequest(new URL('/api/datasets', page.url()), {
			method: 'POST',
			headers: { cookie, origin: new URL(page.url()).origin, 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': 9 * 1024 * 1024 }
		});
		request.on('response', (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode!, text }));
		});
		request.on('error', reject);
		request.flushHeaders();
	});
	expect(huge).toEqual({ status: 413, text: 'The request body is 9437184 bytes; this server accepts at most 8388608.\n' });
	// Only the publish API's own path passes BODY_SIZE_LIMIT: the same route spelt another way does not.
	const encoded = await page.request.post('/api/%64atasets', { data: Buffer.alloc(600 * 1024, 1), headers: { origin: new URL(page.url()).origin } });
	expect(encoded.status()).toBe(413);
	expect(await encoded.text()).toContain('(BODY_SIZE_LIMIT)');
	const schema = await post('{"__proto__":{"admin":true},"datasetId":"x","basedOn":{"datasetId":"demo","version":1}}');
	expect(schema.status()).toBe(400);
	expect((await schema.json()).errors.length).toBeGreaterThan(0);
	// Empty observations: 600 KB of JSON for 199,999, 3 MB for 1,000,000, a few KB compressed, which the schema alone
	// would answer with 15 problems each (400,000 took 3.8 GB; a million would run out of memory). A list too long
	// is refused for its length, one within it with its first 20 problems, and the server goes on as before.
	const source = { fileName: 'hollow.csv', sha256: '0'.repeat(64), bytes: 1, format: 'fingertips', description: 'Fingertips' };
	const hollow = (n: number) =>
		post(
			gzipSync(
				JSON.stringify({
					datasetId: 'hollow-test',
					title: 'Hollow',
					basedOn: { datasetId: 'demo', version: 1 },
					source,
					notes: [],
					indicators: [],
					areas: [],
					observations: Array(n).fill({})
				})
			),
			{ 'content-encoding': 'gzip' }
		);
	const tooMany = await hollow(1_000_000);
	expect(tooMany.status()).toBe(400);
	expect((await tooMany.json()).errors).toEqual([{ path: 'observations', message: 'at most 200,000 observations' }]);
	const within = await hollow(199_999);
	expect(within.status()).toBe(400);
	const withinAnswer = await within.json();
	expect(withinAnswer.errors).toHaveLength(21);
	expect(withinAnswer.errors[0]).toEqual({ path: 'observations[0].line', message: expect.stringMatching(/.+/) });
	expect((await page.request.get('/api/me')).status()).toBe(200);
	const missingBase = await post(JSON.stringify({ basedOn: { datasetId: 'nothing-here', version: 1 } }));
	expect(missingBase.status()).toBe(400);
	expect((await missingBase.json()).reason).toContain('nothing-here');
	// A viewer may not publish at all.
	await signInAs(page, E2E_USERS.viewer);
	expect((await post('{}')).status()).toBe(403);
	expect((await page.request.get('/upload', { maxRedirects: 0 })).status()).toBe(403);
});

test('a record-level extract is counted in the browser by DuckDB, only the counts are sent, and it publishes', async ({ page }) => {
	const dir = scratchDir('pmh-e2e-records-');
	const path = join(dir, 'contacts.csv');
	await writeRecordExtract(path, { rows: 50_000 });
	await signInAs(page, E2E_USERS.analyst);
	const sent: string[] = [];
	page.on('requestfinished', (r) => void (r.method() === 'POST' && sent.push(r.postDataBuffer()?.toString('base64') ?? '')));
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	const records = page.getByTestId('records');
	await expect(records).toContainText('Record-level extract: count the women');
	await expect(page.getByLabel('Person id (pseudonymised) (required)')).toHaveValue('pseudo_id');
	await expect(page.getByLabel('Contact date (required)')).toHaveValue('contact_date');
	// Every progress label the page shows while it works, collected as it changes.
	await page.evaluate(() => {
		const seen = new Set<string>();
		(window as unknown as { progressSeen: Set<string> }).progressSeen = seen;
		new MutationObserver(() => document.querySelectorAll('.checking label, .checking [role="status"]').forEach((l) => seen.add(l.textContent!.trim()))).observe(
			document.body,
			{
				subtree: true,
				childList: true,
				characterData: true
			}
		);
	});
	// DuckDB starts while the analyst checks the columns, and takes a first look at the first 1 MB with them.
	// One part per processor, at most 4 and at most one per 2 GB of memory, from what this browser reports.
	const reported = await page.evaluate(() => [navigator.hardwareConcurrency, (navigator as { deviceMemory?: number }).deviceMemory] as const);
	const parts = countParts(...reported);
	await expect(page.getByTestId('record-engine')).toHaveText(
		`DuckDB has started in this browser, ready to count.${parts > 1 ? ` It counts in ${parts} parts at once, each on a DuckDB of its own.` : ''}`,
		{ timeout: 30_000 }
	);
	const head = readFileSync(path).subarray(0, FIRST_LOOK_BYTES);
	const firstRecords =
		head
			.subarray(0, head.lastIndexOf(10) + 1)
			.toString()
			.split('\n').length - 2;
	// The engine's first query (a fresh DuckDB-wasm compiles as it goes).
	await expect(page.getByTestId('first-look')).toContainText(`A first look at the first ${firstRecords.toLocaleString('en-GB')} records with these columns:`, {
		timeout: 15_000
	});
	await expect(page.getByTestId('first-look')).toContainText('every record has a readable contact date, a person id and an area.');
	// Choosing another column as the date is looked at again: no record has a date there.
	await page.getByLabel('Contact date (required)').selectOption('team_type');
	await expect(page.getByTestId('first-look')).toContainText(`${firstRecords.toLocaleString('en-GB')} with no readable contact date (not counted)`);
	await page.getByLabel('Contact date (required)').selectOption('contact_date');
	await expect(page.getByTestId('first-look')).toContainText('every record has a readable contact date');
	// The fingerprint is made while the columns are checked, not beside the count: the whole file (a header and
	// 50,000 records, each ending in a newline) is read before the click.
	const size = (statSync(path).size / 1e6).toFixed(1);
	await expect(page.getByTestId('fingerprint')).toContainText(`Fingerprint (SHA-256): ${size} of ${size} MB, 50,001 lines`);
	await page.getByRole('button', { name: 'Count the records in this browser' }).click();
	await expect(page.getByTestId('detected')).toContainText('50,000 records, counted by DuckDB in your browser', { timeout: 30_000 });
	// In parts at once, each DuckDB counting the women whose id hashes to its part; the
	// SQL shown is the first part's. The counts are checked against an independent count below.
	await expect(page.getByTestId('detected')).toHaveAttribute('data-record-parts', String(parts));
	if (parts > 1) {
		await expect(page.getByTestId('detected')).toContainText(`, in ${parts} parts at once (counts and checks`);
		await expect(records.locator('pre.sql')).toContainText(`% ${parts} = 0`);
	}
	// The extract gives ICBs by ODS code; each is matched to its ONS code, and the page says so.
	await expect(page.getByTestId('detected')).toContainText('QOP -> E54000057 (by ODS code)');
	const progress = await page.evaluate(() => [...(window as unknown as { progressSeen: Set<string> }).progressSeen]);
	for (const pass of ['pass 1 of 2 (counting women by area, year and group, and looking for personal data', 'pass 2 of 2 (checking the values'])
		expect(progress.some((l) => l.startsWith('DuckDB, ') && l.includes(pass))).toBe(true);
	// Then the counts are compared with the published figures, and the page says that is what it is doing.
	expect(progress).toContain('Comparing the figures from contacts.csv with the data published now (dataset demo, version 1)…');
	await expect(page.getByTestId('disclosure')).toContainText('observations');
	const datasetId = unique();
	await publishNew(page, datasetId, 'E2E record-level counts');
	// What went to the server: counts, no person ids.
	await expect.poll(() => sent.length).toBe(1);
	const raw = Buffer.from(sent[0], 'base64');
	const body = gunzipSync(raw).toString();
	expect(body).not.toContain('P000');
	const payload = JSON.parse(body);
	expect(payload.source).toMatchObject({ fileName: 'contacts.csv', format: 'record-level', mapping: { person: 'pseudo_id', area: 'icb_code' } });
	// The fingerprint made in the page's hashing Worker is the file's SHA-256, and the provenance shows it.
	const fileSha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
	expect(payload.source.sha256).toBe(fileSha256);
	await page.goto(`/datasets/${datasetId}`);
	await expect(page.getByText(`contacts.csv (${statSync(path).size.toLocaleString('en-GB')} bytes), SHA-256 ${fileSha256}`)).toBeVisible();
	// Greater Manchester (QOP) women reached in 2023/24 on the new version: the distinct women in the file, rounded to 5.
	const headline = await csvOf(page, `/areas/E54000057/export/headline.csv?dataset=${datasetId}&version=1&period=2023/24`);
	expect(Number(headline.find((r) => r.Measure === 'Women reached')!.Value)).toBe(womenReachedIn(path, 'QOP', 2023));
});

/** The distinct women in a generated extract with contacts in an ICB in a financial year, rounded to 5: counted here, apart from DuckDB. */
function womenReachedIn(path: string, icb: string, year: number) {
	const women = new Set<string>();
	for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
		const [id, code, date] = line.split(',');
		if (code !== icb) continue;
		const [, m, y] = date.split('/').map(Number);
		if ((m >= 4 ? y : y - 1) === year) women.add(id);
	}
	return Math.round(women.size / 5) * 5;
}

test('a record-level extract in a ZIP file is unzipped for DuckDB and counted as the file itself (the ZIP’s other file checked in between), published with the ZIP’s name and fingerprint', async ({
	page
}) => {
	const dir = scratchDir('pmh-e2e-zipped-records-');
	const csvPath = join(dir, 'contacts.csv');
	await writeRecordExtract(csvPath, { rows: 30_000, seed: 11 });
	const zip = makeZip([
		{ name: 'extract/contacts.csv', data: readFileSync(csvPath) },
		{ name: 'MHSDS Data_Sep2024.csv', data: readFileSync(`${FIXTURES}/mhsds-monthly.csv`) },
		{ name: 'Guidance.pdf', data: '%PDF-1.4' }
	]);
	const zipPath = join(dir, 'Local extract 2024.zip');
	writeFileSync(zipPath, zip);
	await signInAs(page, E2E_USERS.analyst);
	const sent: string[] = [];
	page.on('requestfinished', (r) => void (r.method() === 'POST' && sent.push(r.postDataBuffer()?.toString('base64') ?? '')));
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(zipPath);
	await expect(page.getByTestId('fatal')).toContainText('The ZIP file holds 2 data files; one is checked at a time. Choose which below.');
	const checkOne = async (name: string) => {
		await page.getByRole('radio', { name }).check();
		await page.getByRole('button', { name: 'Check this file' }).click();
	};
	await checkOne('extract/contacts.csv');
	const records = page.getByTestId('records');
	const size = (statSync(csvPath).size / 1e6).toFixed(1);
	await expect(records).toContainText(`extract/contacts.csv, in Local extract 2024.zip, has one row per woman or contact (${size} MB unzipped)`);
	await expect(page.getByTestId('fatal')).toHaveCount(0);
	// The other file in the ZIP is checked as a file of its own, and what was found in the extract goes; and back.
	await checkOne('MHSDS Data_Sep2024.csv');
	await expect(page.getByTestId('detected')).toContainText('Mental Health Services Data Set (MHSDS) monthly CSV');
	await expect(records).toHaveCount(0);
	await checkOne('extract/contacts.csv');
	await expect(records).toContainText('extract/contacts.csv, in Local extract 2024.zip');
	await expect(page.getByTestId('detected')).toHaveCount(0);
	await expect(page.getByLabel('Person id (pseudonymised) (required)')).toHaveValue('pseudo_id');
	// DuckDB reads the unzipped file as it would the file itself: the first look, then the count.
	await expect(page.getByTestId('first-look')).toContainText('every record has a readable contact date, a person id and an area.', { timeout: 30_000 });
	await page.getByRole('button', { name: 'Count the records in this browser' }).click();
	const detected = page.getByTestId('detected');
	await expect(detected).toContainText('30,000 records, counted by DuckDB in your browser', { timeout: 30_000 });
	await expect(detected).toContainText(`Read extract/contacts.csv (${size} MB) from the ZIP file. It also holds Guidance.pdf, which is not read.`);
	await expect(page.getByTestId('disclosure')).toContainText('observations');
	const datasetId = unique();
	await publishNew(page, datasetId, 'E2E zipped record-level counts');
	await expect.poll(() => sent.length).toBe(1);
	const payload = JSON.parse(gunzipSync(Buffer.from(sent[0], 'base64')).toString());
	const zipSha256 = createHash('sha256').update(zip).digest('hex');
	expect(payload.source).toMatchObject({ fileName: 'Local extract 2024.zip', format: 'record-level', sha256: zipSha256, bytes: zip.length });
	await page.goto(`/datasets/${datasetId}`);
	await expect(page.getByText(`Local extract 2024.zip (${zip.length.toLocaleString('en-GB')} bytes), SHA-256 ${zipSha256}`)).toBeVisible();
	const headline = await csvOf(page, `/areas/E54000057/export/headline.csv?dataset=${datasetId}&version=1&period=2023/24`);
	expect(Number(headline.find((r) => r.Measure === 'Women reached')!.Value)).toBe(womenReachedIn(csvPath, 'QOP', 2023));
});

/** A generated Fingertips export written to a file of its own. */
function fingertipsExport(size: { indicators: number; years: number }): string {
	const path = join(scratchDir('pmh-e2e-fingertips-'), `fingertips-${size.indicators}x${size.years}.csv`);
	writeFileSync(path, fingertipsExportText(size));
	return path;
}

test('a large Fingertips export publishes (its figures, compressed, larger than any other request may be); one with too many observations is stopped before anything is sent, saying how to publish it', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signInAs(page, E2E_USERS.analyst);
	await page.goto('/upload');
	// 40 indicators x 18 years x 42 ICBs.
	await page.getByLabel('Data file').setInputFiles(fingertipsExport({ indicators: 40, years: 18 }));
	await expect(page.getByTestId('disclosure')).toContainText('30,240 observations', { timeout: 60_000 });
	const sent = page.waitForRequest((r) => r.url().endsWith('/api/datasets') && r.method() === 'POST');
	const datasetId = unique();
	// Held on its way until the page has said what it is sending and that the server is checking it.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/datasets', async (route) => {
		await held;
		await route.continue();
	});
	const publishing = publishNew(page, datasetId, 'E2E large Fingertips export');
	await expect(page.getByTestId('publishing')).toHaveText(
		/^Sending 30,240 observations \((\d+ KB|\d+(\.\d)? MB) compressed\)\. The server checks them again \(personal data, disclosure control\) before it stores the new version\.$/
	);
	release();
	await publishing;
	await page.unroute('**/api/datasets');
	await expect(page.getByTestId('publishing')).toBeEmpty();
	// More than the 512 KiB (BODY_SIZE_LIMIT) any other request may send.
	expect((await sent).postDataBuffer()!.byteLength).toBeGreaterThan(512 * 1024);
	await page.goto(`/datasets/${datasetId}`);
	await expect(page.getByText('30,240 from the file: 0 replacing rows of the version it was built on, 30,240 new')).toBeVisible();

	// 200 indicators x 24 years x 42 ICBs: 201,600 observations, more than one publish may hold.
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(fingertipsExport({ indicators: 200, years: 24 }));
	await expect(page.getByTestId('disclosure')).toContainText('201,600 observations', { timeout: 120_000 });
	await page.getByLabel(/^Dataset id/).fill(unique());
	await page.getByLabel('Title').fill('E2E too many observations');
	await expect(
		page.getByText('This file gives 201,600 observations to publish; at most 200,000 can be published at once. Publish the file in parts')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();
});

test('a Fingertips export published through the page shows on the area page as another indicator, and an Excel workbook is read in the Worker', async ({
	page
}) => {
	await signInAs(page, E2E_USERS.analyst);
	await checkFile(page, 'fingertips-export.csv');
	await expect(page.getByTestId('disclosure')).toContainText('7 observations');
	const datasetId = unique();
	await publishNew(page, datasetId, 'E2E Fingertips indicator');
	// The checking Worker's fingerprint is the file's SHA-256.
	const fixture = readFileSync('tests/fixtures/upload/fingertips-export.csv');
	await page.goto(`/datasets/${datasetId}`);
	await expect(page.getByText(`SHA-256 ${createHash('sha256').update(fixture).digest('hex')}`)).toBeVisible();
	await page.goto(`/areas/E54000057?dataset=${datasetId}&version=1`);
	const others = page.getByTestId('other-indicators');
	await expect(others).toContainText('Other indicators in this dataset');
	const rows = await csvOf(page, `/areas/E54000057/export/others.csv?dataset=${datasetId}&version=1`);
	expect(rows).toHaveLength(1);
	expect(rows[0]).toMatchObject({
		Indicator: 'Test indicator: women seen by specialist perinatal mental health services (%)',
		Unit: 'percent',
		Period: '2023/24',
		Count: '2905'
	});
	expect(Number(rows[0].Value)).toBeCloseTo((2905 / 32000) * 100, 3);

	const csv = csvParseRows(readFileSync('tests/fixtures/upload/mhsds-monthly.csv', 'utf8'));
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(csv), 'Data');
	const dir = scratchDir('pmh-e2e-xlsx-');
	const path = join(dir, 'mhsds.xlsx');
	writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	const detected = page.getByTestId('detected');
	await expect(detected).toContainText('MHSDS) monthly CSV: 9 rows, read as Excel workbook (XLSX)');
	await expect(detected).toContainText('Read sheet "Data"');
	await expect(page.getByTestId('disclosure')).toContainText('7 observations');
});

test('choosing to publish onto another dataset checks the file again against it: its own areas are no longer new there', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	await checkFile(page, 'fingertips-export.csv');
	const datasetId = unique();
	await publishNew(page, datasetId, 'E2E Fingertips quarterly');
	// The next quarter's file, checked first against the demonstration data (where Manchester is not an area)...
	await checkFile(page, 'fingertips-export.csv');
	await expect(page.getByTestId('local-areas')).toContainText('E08000003');
	// Checked, and being compared: nothing is being checked again, so nothing says so.
	await expect(page.getByText(/being checked again/)).toHaveCount(0);
	await expect(page.getByRole('heading', { name: /Compared with the data published now \(dataset demo, version 1\)/ })).toBeVisible({ timeout: 30_000 });
	// ...then to be the next version of the dataset that has Manchester: checked again against that one.
	await page.getByLabel('the next version of E2E Fingertips quarterly').check();
	await expect(page.getByRole('heading', { name: `Compared with the data published now (dataset ${datasetId}, version 1)` })).toBeVisible({
		timeout: 30_000
	});
	await expect(page.getByTestId('local-areas')).toHaveCount(0);
	await expect(page.getByTestId('comparison')).toContainText('0 rows differ from the published figures, 7 are the same and 0 are new.');
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByTestId('published')).toContainText(`Published ${datasetId} version 2`);
});

test('unzipping a large record-level extract shows how far it has got, can be cancelled, and started again with a button', async ({ page }) => {
	// 250 MB of the same record, which zips to a few hundred KB: a second or more to unzip.
	const line = 'P0000001,QOP,14/05/2023,1,White,specialist\n';
	const data = Buffer.concat([Buffer.from(`${RECORD_HEADER}\n`), Buffer.from(line.repeat(Math.ceil(250e6 / line.length)))]);
	const dir = scratchDir('pmh-e2e-unzip-');
	const zipPath = join(dir, 'big extract.zip');
	writeFileSync(zipPath, makeZip([{ name: 'records.csv', data }]));
	await signInAs(page, E2E_USERS.analyst);
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(zipPath);
	const status = page.getByTestId('unzipping');
	// Waited for, not timed: on a busy machine the unzipping Worker can take seconds to start and show progress.
	await expect(status).toContainText(new RegExp(`Unzipping records.csv for DuckDB to count: [1-9][\\d.]* of ${(data.length / 1e6).toFixed(1)} MB`), {
		timeout: 60_000
	});
	const bar = page.getByRole('progressbar', { name: 'Unzipped so far' });
	await expect(bar).toHaveAttribute('max', String(data.length));
	expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('alert')).toContainText('Unzipping records.csv was cancelled.');
	await expect(status).toHaveCount(0);
	await expect(page.getByTestId('records')).toHaveCount(0);
	// The browser would not say the same file was chosen again: a button starts it again.
	await page.getByRole('button', { name: 'Start again with big extract.zip' }).click();
	await expect(page.getByTestId('records')).toContainText(
		`records.csv, in big extract.zip, has one row per woman or contact (${(data.length / 1e6).toFixed(1)} MB unzipped)`,
		{
			timeout: 60_000
		}
	);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a ZIP file holding several data files asks which to check, and the chosen one publishes with the ZIP’s name and fingerprint', async ({ page }) => {
	await signInAs(page, E2E_USERS.analyst);
	const dir = scratchDir('pmh-e2e-zip-');
	const path = join(dir, 'MHSDS Monthly September 2024.zip');
	const zip = makeZip([
		{ name: 'MHSDS Data_Sep2024.csv', data: readFileSync(`${FIXTURES}/mhsds-monthly.csv`) },
		{ name: 'Fingertips extract.csv', data: readFileSync(`${FIXTURES}/fingertips-export.csv`) },
		{ name: 'Guidance.pdf', data: '%PDF-1.4' }
	]);
	writeFileSync(path, zip);
	await page.goto('/upload');
	await page.getByLabel('Data file').setInputFiles(path);
	await expect(page.getByTestId('fatal')).toContainText('The ZIP file holds 2 data files; one is checked at a time. Choose which below.');
	const choice = page.getByRole('group', { name: 'Which file in the ZIP to check' });
	await expect(choice.getByRole('radio')).toHaveCount(2);
	await expect(page.getByRole('button', { name: 'Check this file' })).toBeDisabled();
	// By keyboard, as the radio group is meant to be used.
	await choice.getByRole('radio', { name: 'MHSDS Data_Sep2024.csv' }).focus();
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	const detected = page.getByTestId('detected');
	await expect(detected).toContainText('Mental Health Services Data Set (MHSDS) monthly CSV');
	await expect(detected).toContainText(
		`Read MHSDS Data_Sep2024.csv (${Math.round(statSync(`${FIXTURES}/mhsds-monthly.csv`).size / 1e3)} KB) from the ZIP file. It also holds Guidance.pdf, which is not read.`
	);
	await expect(page.getByTestId('fatal')).toHaveCount(0);
	await expect(page.getByTestId('disclosure')).toContainText('7 observations');
	await expect(page.getByRole('group', { name: 'Check another file in the ZIP' })).toContainText('MHSDS Data_Sep2024.csv (shown below)');

	const datasetId = unique();
	await publishNew(page, datasetId, 'E2E zipped MHSDS');
	await page.goto(`/datasets/${datasetId}`);
	await expect(page.locator('[data-version="1"]')).toContainText('MHSDS Monthly September 2024.zip');
	await expect(page.getByText(`SHA-256 ${createHash('sha256').update(zip).digest('hex')}`)).toBeVisible();
});
