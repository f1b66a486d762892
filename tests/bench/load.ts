/**
 * The benchmark's load section: autocannon against the production server on loopback, bounded in time,
 * 50 connections per page; the health of a light endpoint while heavy model runs go on; and the time to the
 * first answer after start. Prints tables and returns the figures; asserts nothing.
 */
import autocannon from 'autocannon';

export interface LoadFigures {
	requestsPerSecond: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	non2xx: number;
	errors: number;
}

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);

interface Run {
	result: autocannon.Result;
	/** Every response time in ms: autocannon's own summary has p97.5 but no p95. */
	times: number[];
}

/** The p-th percentile (nearest rank) of response times. */
function percentile(times: number[], p: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] * 10) / 10;
}

function toFigures({ result, times }: Run): LoadFigures {
	return {
		requestsPerSecond: Math.round(result.requests.average),
		p50Ms: percentile(times, 50),
		p95Ms: percentile(times, 95),
		p99Ms: percentile(times, 99),
		non2xx: result.non2xx,
		errors: result.errors + result.timeouts
	};
}

function run(options: autocannon.Options): Promise<Run> {
	return new Promise((resolve, reject) => {
		const times: number[] = [];
		const instance = autocannon({ duration: SECONDS, connections: 50, ...options }, (error, result) => (error ? reject(error) : resolve({ result, times })));
		instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
	});
}

/** What Chromium sends: the server then compresses pages as it answers (autocannon asks for no encoding). */
const BROWSER_ENCODINGS = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const EVALUATE = { method: 'POST' as const, headers: { 'content-type': 'application/json' } };

/** Every server-rendered page and the evaluate API at 50 connections. */
export async function measurePages(origin: string, { cookie }: { cookie?: string } = {}): Promise<Record<string, LoadFigures>> {
	const targets: Record<string, autocannon.Options> = {
		'GET /': { url: `${origin}/` },
		'GET /?measure=unmet_need': { url: `${origin}/?measure=unmet_need` },
		'GET / (Brotli, as a browser asks)': { url: `${origin}/`, headers: BROWSER_ENCODINGS },
		'GET /areas/E54000057': { url: `${origin}/areas/E54000057` },
		'GET /areas/E54000057 (Brotli)': { url: `${origin}/areas/E54000057`, headers: BROWSER_ENCODINGS },
		'GET /scenarios': { url: `${origin}/scenarios` },
		'GET /scenarios (4 options)': {
			url: `${origin}/scenarios?area=E92000001&option=practitioners&option=trained-staff&option=specialist-teams&option=peer-support`
		},
		'GET /areas/E54000011 (England compare, SII)': { url: `${origin}/areas/E54000011?compare=england&indicator=sii_imd` },
		'GET /api/areas/E54000011/inequalities': { url: `${origin}/api/areas/E54000011/inequalities?breakdown=ethnic_group` },
		'GET /about/data': { url: `${origin}/about/data` },
		'GET /about/methods': { url: `${origin}/about/methods` },
		'GET /login': { url: `${origin}/login` },
		'POST /api/model/evaluate (preset)': { url: `${origin}/api/model/evaluate`, ...EVALUATE, body: JSON.stringify({ preset: 'lse-2022' }) }
	};
	if (cookie) for (const path of ['/', '/areas/E54000057', '/scenarios']) targets[`GET ${path} (signed in)`] = { url: origin + path, headers: { cookie } };
	const out: Record<string, LoadFigures> = {};
	for (const [name, options] of Object.entries(targets)) out[name] = toFigures(await run(options));
	return out;
}

/** GET /api/me (signed in) at 10 connections alone, then while clients ask for 10,000-draw Monte Carlo runs. */
export async function measureHealthUnderHeavyWork(origin: string, { cookie }: { cookie?: string } = {}) {
	const light = { url: `${origin}/api/me`, connections: 10, headers: cookie ? { cookie } : undefined };
	const alone = toFigures(await run(light));
	// A new seed for every request, so each is a real 10,000-draw run rather than a cached answer.
	let seed = 1;
	const heavy = run({
		url: `${origin}/api/model/evaluate`,
		...EVALUATE,
		connections: 4,
		requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ preset: 'lse-2022', monteCarlo: { draws: 10_000, seed: seed++ } }) }) }]
	});
	const during = toFigures(await run(light));
	const heavyFigures = toFigures(await heavy);
	return { 'GET /api/me alone': alone, 'GET /api/me during 4 heavy clients': during, 'POST evaluate, 10,000 draws, new seed each (4 clients)': heavyFigures };
}

/** From spawning the server to its first answer to GET /, and how long that first answer took. */
export async function measureFirstRequest(start: () => Promise<{ startedAt: number; stop: () => void }>, origin: string) {
	const { startedAt, stop } = await start();
	try {
		const sent = performance.now();
		const response = await fetch(`${origin}/`);
		await response.text();
		return { readyAfterStartMs: Math.round(sent - startedAt), firstPageMs: Math.round(performance.now() - sent), status: response.status };
	} finally {
		stop();
	}
}

/**
 * Board reports: a saved scenario and reports made as the signed-in commissioner, then the report page at 50
 * connections (immutable, rendered once), and the PDF: the first (Chromium starting), the same again (kept), and
 * six different reports at once (at most two are made at a time, the rest wait).
 */
export async function measureReports(origin: string, { cookie }: { cookie: string }) {
	const form = (body: Record<string, string>) => ({
		method: 'POST',
		body: new URLSearchParams(body),
		headers: { cookie, origin, accept: 'text/html' },
		redirect: 'manual' as const
	});
	const saved = await fetch(`${origin}/scenarios?/save`, form({ title: 'Bench report', query: 'area=E54000057&option=practitioners&option=peer-support' }));
	const scenario = saved.headers.get('location')!.split('?')[0];
	const reports: string[] = [];
	for (let i = 0; i < 7; i++) reports.push((await fetch(`${origin}${scenario}?/report`, form({ scenarioVersion: '1' }))).headers.get('location')!);
	const page = toFigures(await run({ url: `${origin}${reports[0]}`, headers: { cookie } }));
	const pdf = async (path: string) => {
		const started = performance.now();
		const response = await fetch(`${origin}${path}.pdf`, { headers: { cookie } });
		const bytes = (await response.arrayBuffer()).byteLength;
		return { status: response.status, ms: Math.round(performance.now() - started), bytes };
	};
	const first = await pdf(reports[0]);
	const again = await pdf(reports[0]);
	const started = performance.now();
	const together = await Promise.all(reports.slice(1).map(pdf));
	return {
		page,
		pdf: {
			firstMs: first.ms,
			firstBytes: first.bytes,
			keptMs: again.ms,
			sixAtOnce: { wallMs: Math.round(performance.now() - started), eachMs: together.map((t) => t.ms), statuses: [...new Set(together.map((t) => t.status))] }
		}
	};
}
