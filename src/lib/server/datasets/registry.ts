import { and, asc, count, desc, eq, inArray, isNull, lt, max, notExists, sql } from 'drizzle-orm';
import { recordAudit } from '../auth/audit';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { datasetFileParts, datasetFiles, datasets, datasetVersions, users } from '../db/schema';
import { createTableStamp } from '../cache/table-stamp';
import { sha256Hex } from './digest';
import type { DatasetRef } from './server-dataset';

/** Dataset ids appear in URLs: lower-case letters, digits and dashes. */
export const DATASET_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/** What a version records about where it came from; shown on /datasets. */
export interface VersionProvenance {
	kind: 'generator' | 'upload';
	/** The version it was built on (uploads add to or replace rows of an earlier version). */
	basedOn?: DatasetRef;
	source?: { fileName: string; sha256: string; bytes: number; format: string; mapping?: Record<string, string> };
	rules: string[];
	rows: { areas: number; indicators: number; observations: number; uploaded?: number; replaced?: number; added?: number };
	notes?: string[];
}

export interface VersionSummary extends DatasetRef {
	title: string;
	manifestSha256: string;
	provenance: VersionProvenance;
	createdAt: Date;
	createdBy: string | null;
	withdrawn: { at: Date; by: string | null; reason: string } | null;
}

/**
 * A version was to follow one that is no longer the dataset's latest (another was published meanwhile), or was to
 * start a dataset that already has versions. Built on what it expected, it would have left out the newer rows.
 */
export class VersionConflictError extends Error {
	constructor(
		readonly datasetId: string,
		/** The latest version (not withdrawn) it was built to follow; null for a new dataset. */
		readonly expected: number | null,
		/** The latest version (not withdrawn) there is. */
		readonly found: number | null
	) {
		super(`dataset ${datasetId}: the new version was to follow ${expected ?? 'no version'}, but the latest is ${found ?? 'none'}`);
	}
}

/** Serialises writers of one dataset's versions across processes (several app servers on one PostgreSQL). */
const lockDataset = (tx: Pick<Db, 'execute'>, datasetId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'dataset:' + datasetId}))`);

/**
 * Adds a version: its table files (stored once by content), then the manifest as the next version number.
 * A dataset that does not exist yet is created with `title`. When the latest version already has this exact
 * manifest, nothing is added and that version is returned (so seeding the demonstration data is idempotent).
 * With `follows`, the dataset's latest version not withdrawn must be that one (null: it must have none), checked under
 * the dataset's lock, else VersionConflictError and nothing is added: an upload built on one version must not become
 * the latest over a newer one it never saw.
 */
export async function addVersion(
	db: Db,
	input: { datasetId: string; title: string; manifestText: string; files: Map<string, Uint8Array>; provenance: VersionProvenance },
	actor: Actor,
	{ follows }: { follows?: number | null } = {}
): Promise<DatasetRef & { created: boolean }> {
	if (!DATASET_ID_PATTERN.test(input.datasetId)) throw new Error(`dataset id "${input.datasetId}" must be 2-40 lower-case letters, digits or dashes`);
	const manifestSha256 = sha256Hex(input.manifestText);
	const bySha = new Map([...input.files.values()].map((bytes) => [sha256Hex(bytes), bytes]));
	await storeParts(db, bySha);
	const result = await db.transaction(async (tx) => {
		await lockDataset(tx, input.datasetId);
		await tx
			.insert(datasets)
			.values({ id: input.datasetId, title: input.title, createdBy: actor.id ?? null })
			.onConflictDoNothing();
		const [latest] = await tx
			.select({ version: datasetVersions.version, manifestSha256: datasetVersions.manifestSha256 })
			.from(datasetVersions)
			.where(eq(datasetVersions.datasetId, input.datasetId))
			.orderBy(desc(datasetVersions.version))
			.limit(1);
		if (latest?.manifestSha256 === manifestSha256) return { datasetId: input.datasetId, version: latest.version, created: false };
		if (follows !== undefined) {
			const found = (await latestVersion(tx, input.datasetId)) ?? null;
			if (found !== follows) throw new VersionConflictError(input.datasetId, follows, found);
		}
		await claimParts(tx, bySha);
		for (const [sha256, bytes] of bySha) await tx.insert(datasetFiles).values({ sha256, size: bytes.byteLength }).onConflictDoNothing();
		const version = (latest?.version ?? 0) + 1;
		await tx.insert(datasetVersions).values({
			datasetId: input.datasetId,
			version,
			manifest: input.manifestText,
			manifestSha256,
			provenance: input.provenance,
			createdBy: actor.id ?? null
		});
		return { datasetId: input.datasetId, version, created: true };
	});
	if (result.created)
		await recordAudit(db, {
			action: 'dataset_publish',
			actorId: actor.id,
			actorEmail: actor.email,
			target: `dataset ${result.datasetId} version ${result.version}`,
			sourceAddress: actor.sourceAddress,
			detail: { manifestSha256, kind: input.provenance.kind, source: input.provenance.source?.fileName ?? null }
		});
	return result;
}

/** The manifest of a version and a reader for its files, or undefined. */
export async function readVersion(db: Db, ref: DatasetRef) {
	const [row] = await db
		.select({ manifest: datasetVersions.manifest, withdrawnAt: datasetVersions.withdrawnAt, withdrawnReason: datasetVersions.withdrawnReason })
		.from(datasetVersions)
		.where(and(eq(datasetVersions.datasetId, ref.datasetId), eq(datasetVersions.version, ref.version)));
	return row;
}

/** Table files by SHA-256 (the manifest lists each file's hash), put together from their parts. */
export async function readFiles(db: Db, hashes: string[]): Promise<Map<string, Uint8Array>> {
	if (!hashes.length) return new Map();
	const [files, counts] = await Promise.all([
		db.select({ sha256: datasetFiles.sha256, size: datasetFiles.size }).from(datasetFiles).where(inArray(datasetFiles.sha256, hashes)),
		db
			.select({ sha256: datasetFileParts.sha256, parts: count() })
			.from(datasetFileParts)
			.where(inArray(datasetFileParts.sha256, hashes))
			.groupBy(datasetFileParts.sha256)
	]);
	const partsOf = new Map(counts.map((c) => [c.sha256, Number(c.parts)]));
	const found = new Map<string, Uint8Array>();
	for (const file of files) {
		const bytes = new Uint8Array(file.size);
		let at = 0;
		for (let part = 0; part < (partsOf.get(file.sha256) ?? 0); part++) {
			await letOthersRun();
			const [row] = await db
				.select({ bytes: datasetFileParts.bytes })
				.from(datasetFileParts)
				.where(and(eq(datasetFileParts.sha256, file.sha256), eq(datasetFileParts.part, part)));
			if (!row || at + row.bytes.byteLength > file.size) throw new Error(`table file ${file.sha256} is damaged: part ${part} is missing or too long`);
			bytes.set(row.bytes, at);
			at += row.bytes.byteLength;
		}
		if (at !== file.size) throw new Error(`table file ${file.sha256} is damaged: ${at} of its ${file.size} bytes are stored`);
		found.set(file.sha256, bytes);
	}
	return found;
}

/** How much of a file one statement writes or reads (`dataset_file_parts`). */
export const FILE_PART_BYTES = 1 << 20;

/** Lets the event loop answer other requests between statements (PGlite's run on it, one after another otherwise). */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the parts of the files not yet stored, each statement on its own so that other requests' queries go
 * between them (PGlite runs one statement at a time for everyone, and a transaction holds it throughout). A file
 * counts as stored only once its `dataset_files` row is written, with its version; parts left by a publish stopped
 * half-way are never read, and writing the same file again writes the same parts (content-addressed).
 */
async function storeParts(db: Db, files: Map<string, Uint8Array>) {
	for (const sha256 of await unstoredOf(db, files)) {
		const bytes = files.get(sha256)!;
		for (let part = 0; part < partsIn(bytes); part++) {
			await letOthersRun();
			await writePart(db, sha256, bytes, part);
		}
	}
}

/** The hashes of `files` that have no `dataset_files` row yet. */
async function unstoredOf(db: Pick<Db, 'select'>, files: Map<string, Uint8Array>): Promise<string[]> {
	if (!files.size) return [];
	const stored = await db
		.select({ sha256: datasetFiles.sha256 })
		.from(datasetFiles)
		.where(inArray(datasetFiles.sha256, [...files.keys()]));
	const storedSet = new Set(stored.map((r) => r.sha256));
	return [...files.keys()].filter((sha256) => !storedSet.has(sha256));
}

/** Writes one part of a file, or marks it written now if it is there already (the same bytes: content-addressed). */
const writePart = (db: Pick<Db, 'insert'>, sha256: string, bytes: Uint8Array, part: number) =>
	db
		.insert(datasetFileParts)
		.values({ sha256, part, bytes: bytes.subarray(part * FILE_PART_BYTES, (part + 1) * FILE_PART_BYTES) })
		.onConflictDoUpdate({ target: [datasetFileParts.sha256, datasetFileParts.part], set: { writtenAt: sql`now()` } });
const partsIn = (bytes: Uint8Array) => Math.max(1, Math.ceil(bytes.byteLength / FILE_PART_BYTES));

/** Parts of no stored file are removed once they have gone this long unwritten and unclaimed. */
export const UNSTORED_PART_MINUTES = 60;

/**
 * In the version's transaction, claims the parts of the files not stored yet (marks them written now, which locks
 * them until the transaction ends) and writes again any that are missing. A sweep that began before the claim waits
 * for the transaction and then finds the parts fresh (PostgreSQL checks its condition again on the row it waited
 * for); one that finished before it removed only parts this then writes again. So no file is stored short.
 */
export async function claimParts(tx: Pick<Db, 'select' | 'update' | 'insert'>, files: Map<string, Uint8Array>) {
	const unstored = await unstoredOf(tx, files);
	if (!unstored.length) return;
	const claimed = await tx
		.update(datasetFileParts)
		.set({ writtenAt: sql`now()` })
		.where(inArray(datasetFileParts.sha256, unstored))
		.returning({ sha256: datasetFileParts.sha256, part: datasetFileParts.part });
	const have = new Set(claimed.map((c) => `${c.sha256}/${c.part}`));
	for (const sha256 of unstored) {
		const bytes = files.get(sha256)!;
		for (let part = 0; part < partsIn(bytes); part++) if (!have.has(`${sha256}/${part}`)) await writePart(tx, sha256, bytes, part);
	}
}

/**
 * Removes the parts a publish wrote but never stored a file for (it was stopped half-way, or its version's
 * transaction failed), once they are `UNSTORED_PART_MINUTES` old. Safe while other servers publish (`claimParts`).
 * Gives how many parts of how many files it removed.
 */
export async function sweepUnstoredParts(db: Pick<Db, 'delete' | 'select'>, { minutes = UNSTORED_PART_MINUTES } = {}) {
	const removed = await db
		.delete(datasetFileParts)
		.where(
			and(
				lt(datasetFileParts.writtenAt, sql`now() - make_interval(mins => ${minutes}::int)`),
				notExists(
					db
						.select({ one: sql`1` })
						.from(datasetFiles)
						.where(eq(datasetFiles.sha256, datasetFileParts.sha256))
				)
			)
		)
		.returning({ sha256: datasetFileParts.sha256 });
	return { parts: removed.length, files: new Set(removed.map((r) => r.sha256)).size };
}

/** Sweeps (at start and after each publish), saying what it removed; a sweep that fails is logged, never thrown. */
export async function tidyUnstoredParts(db: Db) {
	try {
		const { parts, files } = await sweepUnstoredParts(db);
		const some = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
		if (parts) console.log(`datasets: removed ${some(parts, 'part')} of ${some(files, 'table file')} that publishes wrote but never stored`);
	} catch (failure) {
		console.error('datasets: could not sweep the parts of unstored table files:', failure);
	}
}

/** The latest version that has not been withdrawn, or undefined. */
export async function latestVersion(db: Pick<Db, 'select'>, datasetId: string): Promise<number | undefined> {
	const [row] = await db
		.select({ version: max(datasetVersions.version) })
		.from(datasetVersions)
		.where(and(eq(datasetVersions.datasetId, datasetId), isNull(datasetVersions.withdrawnAt)));
	return row?.version ?? undefined;
}

/** Every dataset with its versions, newest version first, with who made or withdrew each. */
export async function listVersions(db: Db): Promise<VersionSummary[]> {
	const rows = await db
		.select({
			datasetId: datasetVersions.datasetId,
			version: datasetVersions.version,
			title: datasets.title,
			manifestSha256: datasetVersions.manifestSha256,
			provenance: datasetVersions.provenance,
			createdAt: datasetVersions.createdAt,
			createdBy: sql<string | null>`(select email from ${users} where ${users.id} = ${datasetVersions.createdBy})`,
			withdrawnAt: datasetVersions.withdrawnAt,
			withdrawnBy: sql<string | null>`(select email from ${users} where ${users.id} = ${datasetVersions.withdrawnBy})`,
			withdrawnReason: datasetVersions.withdrawnReason
		})
		.from(datasetVersions)
		.innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
		.orderBy(asc(datasetVersions.datasetId), desc(datasetVersions.version));
	return rows.map((r) => ({
		datasetId: r.datasetId,
		version: r.version,
		title: r.title,
		manifestSha256: r.manifestSha256,
		provenance: r.provenance as VersionProvenance,
		createdAt: r.createdAt,
		createdBy: r.createdBy,
		withdrawn: r.withdrawnAt ? { at: r.withdrawnAt, by: r.withdrawnBy, reason: r.withdrawnReason ?? '' } : null
	}));
}

/**
 * The later versions of a dataset, not withdrawn, built on `ref` (or on a version built on it, and so on): each
 * holds its rows, so withdrawing `ref` alone would leave its figures on show in them.
 */
export function builtOn(versions: (Pick<VersionSummary, 'datasetId' | 'version' | 'provenance'> & { withdrawn: unknown })[], ref: DatasetRef): number[] {
	const mine = versions.filter((v) => v.datasetId === ref.datasetId);
	const baseOf = new Map(mine.map((v) => [v.version, v.provenance.basedOn?.datasetId === ref.datasetId ? v.provenance.basedOn.version : undefined]));
	const holds = (version: number): boolean => {
		// Each version is built on an earlier one, so the chain ends.
		for (let at = baseOf.get(version); at !== undefined && at < version; version = at, at = baseOf.get(at)) if (at === ref.version) return true;
		return false;
	};
	return mine
		.filter((v) => !v.withdrawn && v.version > ref.version && holds(v.version))
		.map((v) => v.version)
		.sort((a, b) => a - b);
}

/**
 * Withdraws a version (it stays listed and its provenance readable, but no page serves it), and with it the later
 * versions built on it (`builtOn`), each with the reason and audited;
 * under the dataset's lock, so a publish onto one of them that is under way is refused (its version no longer the
 * latest) rather than built on what is being withdrawn. Gives the versions withdrawn, the asked-for one first.
 */
export async function withdrawVersion(db: Db, ref: DatasetRef, reason: string, actor: Actor): Promise<{ withdrawn: number[] } | 'missing' | 'already'> {
	const withdrawn = await db.transaction(async (tx) => {
		await lockDataset(tx, ref.datasetId);
		const set = (why: string) => ({ withdrawnAt: new Date(), withdrawnBy: actor.id ?? null, withdrawnReason: why });
		const updated = await tx
			.update(datasetVersions)
			.set(set(reason))
			.where(and(eq(datasetVersions.datasetId, ref.datasetId), eq(datasetVersions.version, ref.version), isNull(datasetVersions.withdrawnAt)))
			.returning({ id: datasetVersions.id });
		if (!updated.length) return null;
		const versions = await tx
			.select({
				datasetId: datasetVersions.datasetId,
				version: datasetVersions.version,
				provenance: datasetVersions.provenance,
				withdrawnAt: datasetVersions.withdrawnAt
			})
			.from(datasetVersions)
			.where(eq(datasetVersions.datasetId, ref.datasetId));
		const later = builtOn(
			versions.map((v) => ({ ...v, provenance: v.provenance as VersionProvenance, withdrawn: v.withdrawnAt })),
			ref
		);
		if (later.length)
			await tx
				.update(datasetVersions)
				.set(set(`Built on version ${ref.version}, withdrawn: ${reason}`))
				.where(and(eq(datasetVersions.datasetId, ref.datasetId), inArray(datasetVersions.version, later), isNull(datasetVersions.withdrawnAt)));
		return [ref.version, ...later];
	});
	if (!withdrawn) return (await readVersion(db, ref)) ? 'already' : 'missing';
	withdrawals.renew();
	for (const version of withdrawn)
		await recordAudit(db, {
			action: 'dataset_withdraw',
			actorId: actor.id,
			actorEmail: actor.email,
			target: `dataset ${ref.datasetId} version ${version}`,
			sourceAddress: actor.sourceAddress,
			detail: version === ref.version ? { reason } : { reason, builtOn: ref.version }
		});
	return { withdrawn };
}

const withdrawals = createTableStamp(datasetVersions, datasetVersions.withdrawnAt);

/** Changes whenever a version is withdrawn (the latest withdrawal's time): for caching pages that say so, such as reports. */
export const withdrawalsStamp = (db: Db, options?: { now?: number }) => withdrawals.read(db, options);
