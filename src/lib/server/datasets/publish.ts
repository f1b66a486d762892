import { TABLE_NAMES, type TableName } from '$lib/contract/tables';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { publishPool } from '../workers';
import type { PublishBase, PublishBuilt, PublishRefusal } from './publish-build';
import { addVersion, tidyUnstoredParts, VersionConflictError, type VersionProvenance } from './registry';
import type { DatasetRef, ServerDataset } from './server-dataset';

export type PublishResult = { ok: true; ref: DatasetRef; rows: VersionProvenance['rows']; summary: PublishBuilt['summary'] } | PublishRefusal;

/** The base version as the publish worker reads it: its manifest and its stored table files. */
export async function publishBase(base: ServerDataset): Promise<PublishBase> {
	const tables = {} as Record<TableName, Uint8Array>;
	for (const name of TABLE_NAMES) {
		const file = await base.readFile(base.manifest.tables[name].file);
		if (!file) throw new Error(`${base.provenance.datasetVersion} has no ${name} file loaded`);
		tables[name] = file.bytes;
	}
	return { ref: base.ref, manifest: base.manifest, tables };
}

/**
 * Publishes an upload as the next version of its dataset. The checks and the new tables (publish-build.ts) run in
 * the publish worker, so the event loop keeps answering other requests; only storing the files happens here.
 * `body` is the request body's bytes (JSON) or an object already parsed; `token`, the one its read was given.
 */
export async function publishUpload(
	db: Db,
	body: Uint8Array | unknown,
	base: ServerDataset,
	actor: Actor,
	{ token }: { token?: string } = {}
): Promise<PublishResult> {
	const built = await publishPool().run(
		{ kind: 'build', body, token, base: await publishBase(base), when: new Date().toISOString().slice(0, 10) },
		{ client: actor.id ?? actor.sourceAddress ?? 'unknown' }
	);
	if (!built.ok) return built;
	if (!('files' in built)) throw new Error('the publish worker answered a build with something else');
	// The next version of the dataset it was checked against must follow that version; a new dataset must be new.
	const follows = built.datasetId === base.ref?.datasetId ? base.ref.version : null;
	let ref: Awaited<ReturnType<typeof addVersion>>;
	try {
		ref = await addVersion(
			db,
			{ datasetId: built.datasetId, title: built.title, manifestText: built.manifestText, files: new Map(built.files), provenance: built.provenance },
			actor,
			{ follows }
		).finally(() => tidyUnstoredParts(db));
	} catch (error) {
		if (error instanceof VersionConflictError) return conflictRefusal(error);
		throw error;
	}
	if (!ref.created)
		return { ok: false, status: 409, reason: 'This exact version is already the latest of that dataset; nothing new was published.', errors: [] };
	return { ok: true, ref, rows: built.rows, summary: built.summary };
}

/** Why a publish that raced another (or reused a dataset's id) was refused, and what to do. */
function conflictRefusal({ datasetId, expected, found }: VersionConflictError): PublishRefusal {
	if (expected === null) {
		const message = `A dataset with the id ${datasetId} already exists (its latest version is ${found}), so nothing was published. Choose another id for a new dataset, or publish the file as the next version of ${datasetId}.`;
		return { ok: false, status: 409, reason: message, errors: [{ path: 'datasetId', message: `${datasetId} is taken` }] };
	}
	const message =
		found !== null && found > expected
			? `Nothing was published: version ${found} of ${datasetId} has been published since this file was checked against version ${expected}, and a version built on ${expected} would leave out what ${found} holds. Check the file again against version ${found} and publish it then (the upload page checks it again by itself).`
			: `Nothing was published: version ${expected} of ${datasetId}, which this file was checked against, has been withdrawn since. Check the file again against the latest version and publish it then (the upload page checks it again by itself).`;
	return {
		ok: false,
		status: 409,
		reason: message,
		errors: [{ path: 'basedOn', message: `the latest version of ${datasetId} is ${found ?? 'none'}, not ${expected}` }]
	};
}
