import { json } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { requireApiRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { datasetChanged, lookUpDataset } from '$lib/server/datasets';
import { publishUpload, type PublishResult } from '$lib/server/datasets/publish';
import { listVersions } from '$lib/server/datasets/registry';
import { readBodyBytes } from '$lib/server/http/body';
import { sourceAddressOf } from '$lib/server/request';
import { publishPool } from '$lib/server/workers';
import { WorkerBusyError, WorkerFailedError } from '$lib/server/workers/worker-pool';
import { PUBLISH_LIMITS, publishSizeProblem } from '$lib/upload/payload';
import type { RequestHandler } from './$types';

/**
 * Bodies up to the publish limits (the production server lets this route, alone, past BODY_SIZE_LIMIT up to
 * them); what a compressed body inflates to is bounded too (no zip bombs).
 */
const MAX_COMPRESSED = PUBLISH_LIMITS.gzipBytes;
const MAX_INFLATED = PUBLISH_LIMITS.jsonBytes;
const inflate = promisify(gunzip);

/** Every dataset version with its provenance; who published or withdrew each only for signed-in users. */
export const GET: RequestHandler = async (event) => {
	const user = requireApiRole(event, 'demo');
	const versions = await listVersions((await database()).db);
	return json({
		versions: versions.map((v) => ({
			...v,
			createdBy: user ? v.createdBy : undefined,
			withdrawn: v.withdrawn ? { ...v.withdrawn, by: user ? v.withdrawn.by : undefined } : null
		}))
	});
};

const refuse = (status: number, reason: string, errors: { path: string; message: string }[] = []) => json({ reason, errors }, { status });

/**
 * Publishes an upload (analysts): the aggregated, disclosure-controlled rows the upload page built, as JSON
 * (gzip-compressed with `content-encoding: gzip`, as the page sends it). Checked again here before anything
 * is stored: schema, areas and indicators, personal data, disclosure control.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireApiRole(event, 'analyst')!;
	const encoding = (event.request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
	if (encoding !== 'gzip' && encoding !== 'identity') return refuse(415, `content-encoding "${encoding.slice(0, 20)}" is not accepted; send gzip or nothing`);
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > MAX_COMPRESSED)
		return refuse(
			413,
			encoding === 'gzip'
				? publishSizeProblem({ observations: 0, gzipBytes: declared })!
				: `The body is ${declared.toLocaleString('en-GB')} bytes; at most ${MAX_COMPRESSED / 1024 / 1024} MiB can be sent at once. Send it gzip-compressed (content-encoding: gzip), as the upload page does.`
		);
	let bytes = await readBodyBytes(event.request, { limit: MAX_COMPRESSED });
	if (encoding === 'gzip') {
		try {
			bytes = await inflate(bytes, { maxOutputLength: MAX_INFLATED });
		} catch (cause) {
			const tooBig = /maxOutputLength|buffer/i.test((cause as Error).message);
			return refuse(
				tooBig ? 413 : 400,
				tooBig ? `The body inflates to more than ${MAX_INFLATED / 1024 / 1024} MiB, the most one publish may hold.` : 'the body is not valid gzip'
			);
		}
	}
	// Shared with the publish worker, which reads it twice (its base version, then the whole), without a copy.
	const body = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
	body.set(bytes);
	let result: PublishResult;
	try {
		const token = randomUUID();
		const read = await publishPool().run({ kind: 'read', body, token }, { client: user.id });
		if (!read.ok) return refuse(read.status, read.reason, read.errors);
		if (!('basedOn' in read)) throw new Error('the publish worker answered a read with something else');
		const base = await lookUpDataset(new URLSearchParams({ dataset: read.basedOn.datasetId, version: read.basedOn.version }));
		if (!base.ok) return refuse(base.status === 410 ? 409 : 400, `basedOn: ${base.message}`, [{ path: 'basedOn', message: base.message }]);
		const { db } = await database();
		result = await publishUpload(db, body, base.dataset, { id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) }, { token });
	} catch (cause) {
		if (cause instanceof WorkerBusyError) return json({ reason: cause.message, errors: [] }, { status: 429, headers: { 'retry-after': '30' } });
		if (cause instanceof WorkerFailedError) {
			console.error(`POST /api/datasets: ${cause.message}`);
			return refuse(
				503,
				'The server could not finish checking this upload (its publish worker stopped), so nothing was published. Try again; if it happens again, publish the file in parts.'
			);
		}
		throw cause;
	}
	if (!result.ok) return refuse(result.status, result.reason, result.errors);
	datasetChanged(result.ref.datasetId);
	const query = `dataset=${result.ref.datasetId}&version=${result.ref.version}`;
	return json(
		{ ...result.ref, rows: result.rows, summary: result.summary, links: { overview: `/?${query}`, dataset: `/datasets/${result.ref.datasetId}` } },
		{ status: 201 }
	);
};
