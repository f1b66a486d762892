/**
 * Performance benchmark: `npm run bench` (builds first). Starts the production server, drives headless Chromium
 * with a cold and then a warm cache, prints a table and writes tests/bench/results/latest.json.
 * Not a test: it asserts nothing about time.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM } from '../../playwright.config';
import { MAP_METRIC_IDS } from '../../src/lib/tilemap/map-metrics';
import { createUser } from '../../src/lib/server/auth/users';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { measureFirstRequest, measureHealthUnderHeavyWork, measurePages, measureReports } from './load';
import { measurePublish, publishBody } from './publish';
import { measureMhsdsMonthly, measureUpload } from './upload';

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SWITCHES = 50;
const BENCH_PASSWORD = 'quiet-orchard-lantern-58';

/** Starts the server as `npm start` does (no ORIGIN), on a throwaway embedded database; resolves when it answers. */
async function startServer(dataDir = mkdtempSync(join(tmpdir(), 'pmh-bench-'))) {
	const env: NodeJS.ProcessEnv = { ...process.env };
	delete env.ORIGIN;
	const startedAt = performance.now();
	const server = spawn(process.execPath, ['build/server.js'], {
		env: { ...env, PORT: String(PORT), DATA_DIR: dataDir },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let attempt = 0; attempt < 600; attempt++) {
		try {
			if ((await fetch(`${ORIGIN}/data/demo/1/manifest.json`)).ok) return Object.assign(server, { startedAt });
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 20));
	}
	server.kill();
	throw new Error('the production server did not start; run `npm run build` first');
}

async function stopServer(server: ReturnType<typeof spawn>) {
	const exited = new Promise((resolve) => server.once('exit', resolve));
	server.kill();
	await exited;
}

/** The load section alone: `npm run bench -- --load`. */
/**
 * Signs in as the sign-in form does; the session cookie. Tried twice: after this process has been busy (building
 * files), a kept-alive connection the server closed meanwhile fails the first request on it.
 */
async function signInCookie(email: string) {
	const post = () =>
		fetch(`${ORIGIN}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email, password: BENCH_PASSWORD }),
			headers: { origin: ORIGIN, accept: 'text/html' },
			redirect: 'manual'
		});
	const signIn = await post().catch(post);
	return signIn.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

async function measureLoad() {
	const firstRequest = await measureFirstRequest(async () => {
		const server = await startServer();
		return { startedAt: server.startedAt, stop: () => server.kill() };
	}, ORIGIN);
	await new Promise((r) => setTimeout(r, 500));
	// A commissioner account, to measure pages as a signed-in user sees them and to make board reports.
	const dataDir = mkdtempSync(join(tmpdir(), 'pmh-bench-'));
	const database = await openDatabase({ dataDir, purpose: 'bench set-up' });
	await migrate(database.db);
	await createUser(database.db, { email: 'bench@localhost', role: 'commissioner', password: BENCH_PASSWORD }, { email: 'bench' });
	await database.close();
	const server = await startServer(dataDir);
	try {
		const cookie = await signInCookie('bench@localhost');
		const pages = await measurePages(ORIGIN, { cookie });
		const health = await measureHealthUnderHeavyWork(ORIGIN, { cookie });
		const reports = await measureReports(ORIGIN, { cookie });
		console.table(pages);
		console.table(health);
		console.table({ firstRequest });
		console.table({ reportPage: reports.page });
		console.log('report PDFs', JSON.stringify(reports.pdf));
		return { connections: 50, pages, health, firstRequest, reports };
	} finally {
		await stopServer(server);
	}
}

/**
 * Sums bytes received (compressed body plus headers) for every request the page and its Worker finish.
 * Playwright reports HTTP-cache hits with a negative body size; they count as 0.
 */
function countBytes(context: BrowserContext) {
	let bytes = 0;
	let requests = 0;
	const pending: Promise<void>[] = [];
	const onFinished = (request: import('@playwright/test').Request) => {
		requests++;
		pending.push(
			request.sizes().then(
				(sizes) => {
					if (sizes.responseBodySize >= 0) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
				},
				() => {}
			)
		);
	};
	context.on('requestfinished', onFinished);
	return async () => {
		context.off('requestfinished', onFinished);
		await Promise.all(pending);
		return { bytes, requests };
	};
}

function firstContentfulPaint(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				new PerformanceObserver((list) => {
					const entry = list.getEntriesByName('first-contentful-paint')[0];
					if (entry) resolve(entry.startTime);
				}).observe({ type: 'paint', buffered: true });
			})
	);
}

async function loadOverview(page: Page) {
	await page.goto(ORIGIN + '/');
	const fcp = await firstContentfulPaint(page);
	await page.waitForSelector('[data-duckdb="ready"]', { timeout: 60_000 });
	const duckdbReady = await page.evaluate(() => performance.now());
	return { fcp, duckdbReady };
}

/** Picks a map measure and times until the legend shows it (in-page clock, MutationObserver). */
function switchTo(page: Page, id: string): Promise<number> {
	return page.evaluate(
		(id) =>
			new Promise<number>((resolve, reject) => {
				setTimeout(() => reject(new Error(`the map legend did not show ${id} within 10 s`)), 10_000);
				const select = document.getElementById('map-measure') as HTMLSelectElement;
				const legend = document.querySelector('.tile-map')!;
				const label = select.querySelector(`option[value="${id}"]`)!.textContent!;
				const started = performance.now();
				const observer = new MutationObserver(() => {
					if (document.querySelector('.legend-title')!.textContent!.startsWith(label)) {
						observer.disconnect();
						resolve(performance.now() - started);
					}
				});
				observer.observe(legend, { subtree: true, childList: true, characterData: true, attributes: true });
				select.value = id;
				select.dispatchEvent(new Event('change', { bubbles: true }));
			}),
		id
	);
}

/** Changes the first staff field and times until the net economic benefit on screen changes, then until the Monte Carlo band is back. */
function editPlanner(page: Page, wte: number): Promise<{ update: number; uncertainty: number }> {
	return page.evaluate(
		(wte) =>
			new Promise((resolve, reject) => {
				setTimeout(() => reject(new Error(`the planner did not update within 20 s of setting ${wte} practitioners`)), 20_000);
				const input = document.getElementById('practitioners.wte') as HTMLInputElement;
				// The raw value: the formatted one (e.g. £1.23bn) may not change for a small edit.
				const value = document.querySelector('[data-total="netEconomicBenefit"]')!;
				const status = [...document.querySelectorAll('p[role="status"]')].find((p) => /Uncertainty|Shaded/.test(p.textContent ?? ''))!;
				const before = value.getAttribute('data-value');
				const started = performance.now();
				let update = 0;
				const observer = new MutationObserver(() => {
					if (!update && value.getAttribute('data-value') !== before) update = performance.now() - started;
					if (update && /^\s*Shaded/.test(status.textContent ?? '') && performance.now() - started > 300) {
						observer.disconnect();
						resolve({ update, uncertainty: performance.now() - started });
					}
				});
				observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
				input.value = String(wte);
				input.dispatchEvent(new Event('input', { bubbles: true }));
			}),
		wte
	);
}

/** Changes one of the explorer's choices and times until the page shows the figures for the new address (in-page clock). */
function chooseInExplorer(page: Page, select: string, value: string): Promise<number> {
	return page.evaluate(
		({ select, value }) =>
			new Promise<number>((resolve, reject) => {
				setTimeout(() => reject(new Error(`no new view 10 s after choosing ${value} in ${select}`)), 10_000);
				const form = document.querySelector('form.controls')!;
				const control = document.querySelector(select) as HTMLSelectElement;
				const started = performance.now();
				const before = form.getAttribute('data-view-key');
				const observer = new MutationObserver(() => {
					if (form.getAttribute('data-view-key') !== before && form.getAttribute('data-view-source') === 'browser') {
						observer.disconnect();
						// The next frame: the charts and tables for the new choice are on screen.
						requestAnimationFrame(() => resolve(performance.now() - started));
					}
				});
				observer.observe(form, { attributes: true });
				control.value = value;
				control.dispatchEvent(new Event('change', { bubbles: true }));
			}),
		{ select, value }
	);
}

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (n: number) => Math.round(n * 10) / 10;

async function measureBrowser() {
	const server = await startServer();
	const browser = await chromium.launch(CHROMIUM);
	try {
		const context = await browser.newContext();
		const coldBytes = countBytes(context);
		const page = await context.newPage();
		const cold = await loadOverview(page);
		console.log('bench: overview loaded');
		const firstUpdate = await switchTo(page, MAP_METRIC_IDS[1]);
		const coldTransfer = await coldBytes();

		const switches: number[] = [];
		for (let i = 0; i < SWITCHES; i++) switches.push(await switchTo(page, MAP_METRIC_IDS[(i + 2) % MAP_METRIC_IDS.length]));

		// Warm: the same browser profile, so hashed bundles and dataset files come from the HTTP cache.
		const warmBytes = countBytes(context);
		const warmPage = await context.newPage();
		const warm = await loadOverview(warmPage);
		const warmFirstUpdate = await switchTo(warmPage, MAP_METRIC_IDS[1]);
		const warmTransfer = await warmBytes();

		console.log('bench: map switches done');
		// Planner: England with all four options, the heaviest scenario the page offers.
		const planner = await context.newPage();
		await planner.goto(`${ORIGIN}/scenarios?area=E92000001&option=practitioners&option=trained-staff&option=specialist-teams&option=peer-support`);
		const plannerFcp = await firstContentfulPaint(planner);
		await planner.waitForSelector('form.planner[data-hydrated="true"]');
		const edits: { update: number; uncertainty: number }[] = [];
		for (let i = 0; i < 20; i++) edits.push(await editPlanner(planner, 400 + i * 5));

		console.log('bench: planner done');
		// Explorer: a small ICB in a fresh profile (nothing cached), then its choices switched in the browser.
		const explorerContext = await browser.newContext();
		const explorer = await explorerContext.newPage();
		await explorer.goto(`${ORIGIN}/areas/E54000011`);
		const explorerFcp = await firstContentfulPaint(explorer);
		await explorer.waitForSelector('[data-duckdb="ready"]', { timeout: 60_000 });
		const explorerReady = await explorer.evaluate(() => performance.now());
		const firstChoice = await chooseInExplorer(explorer, '#breakdown', 'ethnic_group');
		// A cycle in which every step changes the view and the last step returns to where the first began.
		const CHOICES: [string, string][] = [
			['#compare', 'england'],
			['#breakdown', 'imd_quintile'],
			['#indicator', 'sii_imd'],
			['#compare', 'region'],
			['#indicator', 'women_missing_ethnic'],
			['#breakdown', 'ethnic_group'],
			['#indicator', 'access_rate']
		];
		const choiceTimes: number[] = [];
		for (let round = 0; round < 6; round++) for (const choice of CHOICES) choiceTimes.push(await chooseInExplorer(explorer, ...choice));
		const periodTimes: number[] = [];
		for (const period of ['2023/24', '2022/23', '2021/22', '2024/25', '2023/24', '2022/23', '2021/22', '2024/25'])
			periodTimes.push(await chooseInExplorer(explorer, '#period', period));
		await explorerContext.close();

		const updates = edits.map((e) => e.update);
		const bands = edits.map((e) => e.uncertainty);
		const result = {
			date: new Date().toISOString(),
			machine: { node: process.version, chromium: browser.version() },
			cold: {
				firstContentfulPaintMs: round(cold.fcp),
				duckdbReadyMs: round(cold.duckdbReady),
				firstMapUpdateMs: round(firstUpdate),
				transferredBytes: coldTransfer.bytes,
				requests: coldTransfer.requests
			},
			warm: {
				firstContentfulPaintMs: round(warm.fcp),
				duckdbReadyMs: round(warm.duckdbReady),
				firstMapUpdateMs: round(warmFirstUpdate),
				transferredBytes: warmTransfer.bytes,
				requests: warmTransfer.requests
			},
			indicatorSwitches: {
				count: SWITCHES,
				p50Ms: round(percentile(switches, 50)),
				p95Ms: round(percentile(switches, 95)),
				maxMs: round(Math.max(...switches)),
				// The first pass over the measures computes each in DuckDB; later passes find it kept by the page.
				firstTimeP50Ms: round(percentile(switches.slice(0, MAP_METRIC_IDS.length), 50)),
				firstTimeMaxMs: round(Math.max(...switches.slice(0, MAP_METRIC_IDS.length))),
				repeatP95Ms: round(percentile(switches.slice(MAP_METRIC_IDS.length), 95))
			},
			explorer: {
				area: 'E54000011, cold profile',
				firstContentfulPaintMs: round(explorerFcp),
				duckdbReadyMs: round(explorerReady),
				firstChoiceMs: round(firstChoice),
				choiceSwitches: choiceTimes.length,
				choiceP50Ms: round(percentile(choiceTimes, 50)),
				choiceP95Ms: round(percentile(choiceTimes, 95)),
				choiceMaxMs: round(Math.max(...choiceTimes)),
				periodSwitches: periodTimes.length,
				periodSwitchP50Ms: round(percentile(periodTimes, 50)),
				periodSwitchMaxMs: round(Math.max(...periodTimes))
			},
			planner: {
				firstContentfulPaintMs: round(plannerFcp),
				edits: edits.length,
				resultUpdateP50Ms: round(percentile(updates, 50)),
				resultUpdateP95Ms: round(percentile(updates, 95)),
				monteCarlo1000DrawsP50Ms: round(percentile(bands, 50)),
				monteCarlo1000DrawsP95Ms: round(percentile(bands, 95))
			}
		};
		console.table({ cold: result.cold, warm: result.warm });
		console.table({ indicatorSwitches: result.indicatorSwitches });
		console.table({ planner: result.planner });
		console.table({ explorer: result.explorer });
		return result;
	} finally {
		await browser.close();
		await stopServer(server);
	}
}

/** Record-level upload throughput, and a large publish, as an analyst on the production server. */
async function measureUploadSection({ records = true }: { records?: boolean } = {}) {
	const body = await publishBody();
	const dataDir = mkdtempSync(join(tmpdir(), 'pmh-bench-'));
	const database = await openDatabase({ dataDir, purpose: 'bench set-up' });
	await migrate(database.db);
	await createUser(database.db, { email: 'analyst@localhost', role: 'analyst', password: BENCH_PASSWORD }, { email: 'bench' });
	await database.close();
	const server = await startServer(dataDir);
	const browser = await chromium.launch(CHROMIUM);
	try {
		const account = { email: 'analyst@localhost', password: BENCH_PASSWORD };
		const counted = records ? await measureUpload(browser, ORIGIN, account) : undefined;
		const mhsdsMonthly = records ? await measureMhsdsMonthly(browser, ORIGIN, account) : undefined;
		const publish = await measurePublish(ORIGIN, { cookie: await signInCookie('analyst@localhost'), body });
		console.table({ publish: { observations: publish.observations, gzipMB: publish.gzipMB, publishMs: publish.publishMs } });
		console.table(Object.fromEntries(Object.entries(publish).filter(([, v]) => typeof v === 'object')));
		return { ...counted, mhsdsMonthly, publish };
	} finally {
		await browser.close();
		await stopServer(server);
	}
}

/**
 * `npm run bench` measures the browser, the upload (record-level counts and a large publish) and the load;
 * `-- --browser`, `-- --upload` or `-- --load` one of them, `-- --publish` only the large publish.
 */
async function main() {
	const only = process.argv.find((a) => a === '--load' || a === '--browser' || a === '--upload' || a === '--publish');
	const browser = only && only !== '--browser' ? undefined : await measureBrowser();
	const upload = only && only !== '--upload' && only !== '--publish' ? undefined : await measureUploadSection({ records: only !== '--publish' });
	const load = only && only !== '--load' ? undefined : await measureLoad();
	mkdirSync('tests/bench/results', { recursive: true });
	writeFileSync('tests/bench/results/latest.json', JSON.stringify({ ...browser, upload, load }, null, 2) + '\n');
	console.log('written to tests/bench/results/latest.json');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
