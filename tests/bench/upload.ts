/**
 * Record-level upload throughput: the same synthetic extract counted four ways in one run, side by side.
 * 1. the upload page in headless Chromium (DuckDB-wasm reading the File through a handle; one instance per part of
 *    the count, one per processor, at most 4 and one per 2 GB), timed by the page from after its DuckDB started to the counts and
 *    checks; 2. native DuckDB (@duckdb/node-api, single-threaded, the whole count in one part) running the same SQL
 *    on the same file; 3. papaparse + Arquero in the same browser doing the same work (the
 *    personal-data pattern over every value, first contacts, the counts), the usual JavaScript way;
 *    4. a 10,000,000-row file through the page, to show it completes without running out of memory.
 * Then an MHSDS monthly file of the published size through the same page (`measureMhsdsMonthly`).
 * Files are generated into a temporary folder (never committed).
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { NodeEngine } from '../../src/lib/server/engine/node-engine';
import { aggregateRecords, guessRecordColumns, type RecordColumns } from '../../src/lib/upload/record-level';
import { RECORD_HEADER, writeRecordExtract } from '../helpers/record-extract';
import { writeMhsdsMonthly } from '../helpers/mhsds-monthly';

const header = RECORD_HEADER.split(',');
const columns = guessRecordColumns(header) as RecordColumns;

async function signIn(page: Page, origin: string, email: string, password: string) {
	await page.goto(`${origin}/login`);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** The upload page counting a file: DuckDB-wasm's own time (after it started), and the whole wait from the click. */
async function countInPage(page: Page, origin: string, path: string, timeoutMs: number) {
	await page.goto(`${origin}/upload`);
	await page.getByLabel('Data file').setInputFiles(path);
	await page.getByTestId('records').waitFor();
	// DuckDB starts when the file is recognised, while the analyst checks the columns: the wait is from the click.
	await page.getByText('DuckDB has started in this browser, ready to count.').waitFor({ timeout: 60_000 });
	await page.getByTestId('first-look').waitFor({ timeout: 60_000 });
	const started = Date.now();
	await page.getByRole('button', { name: 'Count the records in this browser' }).click();
	const detected = page.locator('[data-testid="detected"][data-record-ms]');
	await detected.waitFor({ timeout: timeoutMs });
	const wall = Date.now() - started;
	const ms = Number(await detected.getAttribute('data-record-ms'));
	const countMs = Number(await detected.getAttribute('data-record-count-ms'));
	// How many DuckDB-wasm instances counted a part each (one per processor the browser reports, at most 4 and one per 2 GB).
	const parts = Number(await detected.getAttribute('data-record-parts'));
	const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
	return { duckdbMs: Math.round(ms), countMs: Math.round(countMs), parts, wallMs: wall, pageHeapMB: heap === null ? null : Math.round(heap / 1e6) };
}

async function papaparseArquero(browser: Browser, path: string) {
	const bundle = await build({
		entryPoints: ['tests/bench/papaparse-arquero.ts'],
		bundle: true,
		format: 'iife',
		write: false,
		platform: 'browser',
		logLevel: 'silent'
	});
	const page = await browser.newPage();
	try {
		await page.setContent('<input type="file" id="f">');
		await page.addScriptTag({ content: bundle.outputFiles[0].text });
		await page.setInputFiles('#f', path);
		return await page.evaluate(async () => {
			const file = (document.getElementById('f') as HTMLInputElement).files![0];
			const run = (globalThis as unknown as { countWithPapaparseAndArquero: (f: File) => Promise<{ ms: number; groups: number; records: number }> })
				.countWithPapaparseAndArquero;
			const { ms, groups, records } = await run(file);
			return { ms: Math.round(ms), groups, records };
		});
	} finally {
		await page.close();
	}
}

async function nativeDuckDb(path: string) {
	const engine = await NodeEngine.create();
	try {
		const whole = performance.now();
		const { timings, table } = await aggregateRecords(engine, path, header, columns);
		return { countMs: timings.countMs, wholeCheckMs: Math.round(performance.now() - whole), groups: table.rows.length };
	} finally {
		await engine.close();
	}
}

const RUNS = 3;

/** The run whose figure is the median. */
function medianBy<T>(all: T[], get: (r: T) => number): T {
	return [...all].sort((a, b) => get(a) - get(b))[Math.floor(all.length / 2)];
}

export async function measureUpload(browser: Browser, origin: string, account: { email: string; password: string }) {
	const dir = mkdtempSync(join(tmpdir(), 'pmh-bench-records-'));
	try {
		const million = join(dir, 'records-1m.csv');
		await writeRecordExtract(million, { rows: 1_000_000 });
		const megabytes = Math.round(statSync(million).size / 1e5) / 10;
		console.log(`bench: 1,000,000-row extract written (${megabytes} MB)`);
		// Three runs of each way, the median reported (with the range): one run moves by 10-20% on this machine.
		const runs = async <T>(make: () => Promise<T>) => {
			const all: T[] = [];
			for (let i = 0; i < RUNS; i++) all.push(await make());
			return all;
		};
		const natives = await runs(() => nativeDuckDb(million));
		const page = await browser.newPage();
		await signIn(page, origin, account.email, account.password);
		const inBrowsers = await runs(() => countInPage(page, origin, million, 120_000));
		console.log(`bench: upload page counted 1,000,000 rows ${RUNS} times`);
		const jss = await runs(() => papaparseArquero(browser, million));
		console.log(`bench: papaparse + Arquero done ${RUNS} times`);
		const native = medianBy(natives, (r) => r.wholeCheckMs);
		const inBrowser = medianBy(inBrowsers, (r) => r.duckdbMs);
		const js = medianBy(jss, (r) => r.ms);
		const range = <T>(all: T[], get: (r: T) => number) => `${Math.min(...all.map(get))}-${Math.max(...all.map(get))}`;
		const tenMillion = join(dir, 'records-10m.csv');
		await writeRecordExtract(tenMillion, { rows: 10_000_000 });
		const tenMegabytes = Math.round(statSync(tenMillion).size / 1e6);
		let big: Awaited<ReturnType<typeof countInPage>> | { error: string };
		try {
			big = await countInPage(page, origin, tenMillion, 600_000);
		} catch (error) {
			big = { error: (error as Error).message.split('\n')[0] };
		}
		await page.close();
		const result = {
			file: { rows: 1_000_000, megabytes },
			// The whole check in the page: one pass (counts, row statistics, personal-data pattern), then the exact check of
			// any values the pattern flagged (none in this file).
			browserDuckDbMs: inBrowser.duckdbMs,
			browserCountPassMs: inBrowser.countMs,
			browserWallMs: inBrowser.wallMs,
			browserParts: inBrowser.parts,
			browserPageHeapMB: inBrowser.pageHeapMB,
			nativeDuckDbSingleThreadMs: native.wholeCheckMs,
			nativeCountPassMs: native.countMs,
			papaparseArqueroMs: js.ms,
			browserVsNative: Math.round((inBrowser.duckdbMs / native.wholeCheckMs) * 10) / 10,
			// The same work both ways: papaparse + Arquero's time over the page's whole check.
			papaparseVsBrowser: Math.round((js.ms / inBrowser.duckdbMs) * 10) / 10,
			// Same answer both ways: as many counted groups, and every record read.
			papaparseSameCounts: js.groups === native.groups && js.records === 1_000_000,
			runs: RUNS,
			ranges: {
				browserDuckDbMs: range(inBrowsers, (r) => r.duckdbMs),
				nativeDuckDbSingleThreadMs: range(natives, (r) => r.wholeCheckMs),
				papaparseArqueroMs: range(jss, (r) => r.ms)
			},
			tenMillion: { megabytes: tenMegabytes, ...big }
		};
		// The four side by side, each with its range over the runs; then the 10,000,000-row file.
		const tenM = 'error' in big ? { error: big.error } : { ms: big.duckdbMs, wallMs: big.wallMs, pageHeapMB: big.pageHeapMB, parts: big.parts };
		console.table({
			[`upload page (DuckDB-wasm, ${result.browserParts} parts)`]: {
				medianMs: result.browserDuckDbMs,
				rangeMs: result.ranges.browserDuckDbMs,
				wallFromClickMs: result.browserWallMs
			},
			'native DuckDB, 1 thread': { medianMs: result.nativeDuckDbSingleThreadMs, rangeMs: result.ranges.nativeDuckDbSingleThreadMs },
			'papaparse + Arquero': { medianMs: result.papaparseArqueroMs, rangeMs: result.ranges.papaparseArqueroMs, sameCounts: result.papaparseSameCounts },
			ratios: { browserVsNative: result.browserVsNative, papaparseVsBrowser: result.papaparseVsBrowser },
			[`10,000,000 rows (${tenMegabytes} MB), page`]: tenM
		});
		return result;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * An MHSDS monthly file of the size NHS England publishes (834,400 rows of 800 measures, 199 MB, generated)
 * through the upload page: from choosing it to the figures that would be published on screen, read, checked and
 * disclosure-controlled in the page's Worker (the comparison with the published data follows, not timed).
 */
export async function measureMhsdsMonthly(browser: Browser, origin: string, account: { email: string; password: string }) {
	const dir = mkdtempSync(join(tmpdir(), 'pmh-bench-mhsds-'));
	try {
		const path = join(dir, 'mhsds-monthly.csv');
		const makeUp = await writeMhsdsMonthly(path, 800);
		const megabytes = Math.round(statSync(path).size / 1e6);
		const page = await browser.newPage();
		await signIn(page, origin, account.email, account.password);
		const times: number[] = [];
		let observations = '';
		for (let i = 0; i < RUNS; i++) {
			await page.goto(`${origin}/upload`);
			const started = Date.now();
			await page.getByLabel('Data file').setInputFiles(path);
			const disclosure = page.getByTestId('disclosure');
			await disclosure.waitFor({ timeout: 300_000 });
			times.push(Date.now() - started);
			observations = ((await disclosure.locator('p').first().textContent()) ?? '').split('.')[0];
		}
		await page.close();
		const sorted = [...times].sort((a, b) => a - b);
		const result = { rows: makeUp.rows, megabytes, medianMs: sorted[Math.floor(RUNS / 2)], rangeMs: `${sorted[0]}-${sorted.at(-1)}`, observations };
		console.table({ [`MHSDS monthly file (${makeUp.rows.toLocaleString('en-GB')} rows, ${megabytes} MB), page`]: result });
		return result;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
