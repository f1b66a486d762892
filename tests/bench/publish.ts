/**
 * Publishing a large upload on the production server, and what everyone else meets meanwhile: a 195,300-observation
 * Fingertips export (150 indicators, 31 years, every ICB) checked as the upload page checks it, sent as the page sends
 * it (gzip JSON), while two probes ask, one after another, for a static file (anonymous) and for /api/me (signed in,
 * so the session is read from the database). Reported: the publish's time and the probes' slowest answers, alone and
 * during the publish.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { toPublishPayload } from '../../src/lib/upload/payload';
import { runPipeline } from '../../src/lib/upload/pipeline';
import { fingertipsExportText } from '../helpers/fingertips-export';
import { openBase, uploadContext } from '../helpers/publish-payload';

/** The payload, built as the upload page builds it, gzip-compressed as it sends it. */
export async function publishBody() {
	const base = await openBase();
	const { areas, units } = await uploadContext(base);
	await base.engine.close();
	const bytes = new TextEncoder().encode(fingertipsExportText({ indicators: 150, years: 31 }));
	const result = runPipeline({ bytes, areas, baseUnits: units });
	if (!result.ok) throw new Error('the generated export did not pass the upload checks');
	const payload = toPublishPayload(result, {
		datasetId: 'bench-publish',
		title: 'Bench: a large Fingertips export',
		basedOn: { datasetId: 'demo', version: 1 },
		fileName: 'fingertips-150x31.csv',
		sha256: createHash('sha256').update(bytes).digest('hex'),
		bytes: bytes.byteLength
	});
	const json = JSON.stringify(payload);
	return { observations: payload.observations.length, jsonMB: Math.round(json.length / 1e5) / 10, gzip: gzipSync(json) };
}

/** Asks for `url` again and again until `stop()`, keeping each answer's time. */
function probe(url: string, headers: Record<string, string> = {}) {
	const times: number[] = [];
	const failures: string[] = [];
	let running = true;
	const done = (async () => {
		while (running) {
			const started = performance.now();
			try {
				const response = await fetch(url, { headers });
				await response.arrayBuffer();
				if (!response.ok) failures.push(`${response.status}`);
			} catch (error) {
				failures.push(`${(error as Error).message}: ${String((error as { cause?: Error }).cause?.message ?? '')}`);
			}
			times.push(performance.now() - started);
			await new Promise((r) => setTimeout(r, 5));
		}
	})();
	return async () => {
		running = false;
		await done;
		const sorted = [...times].sort((a, b) => a - b);
		return {
			answers: times.length,
			failed: failures.length,
			firstFailure: failures[0],
			medianMs: Math.round(sorted[sorted.length >> 1] ?? 0),
			slowestMs: Math.round(sorted.at(-1) ?? 0)
		};
	};
}

/**
 * `body` is built before the server starts: building it holds this process's event loop for seconds, and a
 * connection left idle meanwhile is closed by the server unseen, failing the next request on it.
 */
export async function measurePublish(origin: string, { cookie, body }: { cookie: string; body: Awaited<ReturnType<typeof publishBody>> }) {
	const { observations, jsonMB, gzip } = body;
	console.log(
		`bench: publish payload built (${observations.toLocaleString('en-GB')} observations, ${jsonMB} MB JSON, ${Math.round(gzip.length / 1e4) / 100} MB gzip)`
	);
	const probes = () => [probe(`${origin}/favicon.svg`), probe(`${origin}/api/me`, { cookie })];
	const idle = probes();
	await new Promise((r) => setTimeout(r, 2_000));
	const [staticAlone, meAlone] = await Promise.all(idle.map((stop) => stop()));
	const during = probes();
	const started = performance.now();
	const response = await fetch(`${origin}/api/datasets`, {
		method: 'POST',
		body: gzip,
		headers: { cookie, origin, 'content-type': 'application/json', 'content-encoding': 'gzip' }
	});
	const answer = (await response.json()) as { version?: number; reason?: string };
	const publishMs = Math.round(performance.now() - started);
	const [staticDuring, meDuring] = await Promise.all(during.map((stop) => stop()));
	if (response.status !== 201) throw new Error(`the publish was refused (${response.status}): ${answer.reason}`);
	return {
		observations,
		gzipMB: Math.round(gzip.length / 1e4) / 100,
		publishMs,
		'GET /favicon.svg alone': staticAlone,
		'GET /favicon.svg during the publish': staticDuring,
		'GET /api/me (signed in) alone': meAlone,
		'GET /api/me (signed in) during the publish': meDuring
	};
}
