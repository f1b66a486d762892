import { and, asc, count, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { recordAudit } from '../auth/audit';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { datasetFileParts, datasetFiles, datasets, datasetVersions, users } from '../db/schema';
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

/** Serialises writers of one dataset's versions across processes (several app servers on one PostgreSQL). */
const lockDataset = (tx: Pick<Db, 'execute'>, datasetId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'dataset:' + datasetId}))`);

/**
 * Adds a version: its table files (stored once by content), then the manifest as the next version number.
 * A dataset that does not exist yet is created with `title`. When the latest version already has this exact
 * manifest, nothing is added and that version is returned (so seeding the demonstration data is idempotent).
 */
export async function addVersion(
	db: Db,
	input: { datasetId: string; title: string; manifestText: string; files: Map<string, Uint8Array>; provenance: VersionProvenance },
	actor: Actor
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
	if (!files.size) return;
	const stored = new Set(
		(
			await db
				.select({ sha256: datasetFiles.sha256 })
				.from(datasetFiles)
				.where(inArray(datasetFiles.sha256, [...files.keys()]))
		).map((r) => r.sha256)
	);
	for (const [sha256, bytes] of files) {
		if (stored.has(sha256)) continue;
		for (let part = 0; part === 0 || part * FILE_PART_BYTES < bytes.byteLength; part++) {
			await letOthersRun();
			await db
				.insert(datasetFileParts)
				.values({ sha256, part, bytes: bytes.subarray(part * FILE_PART_BYTES, (part + 1) * FILE_PART_BYTES) })
				.onConflictDoNothing();
		}
	}
}

/** The latest version that has not been withdrawn, or undefined. */
export async function latestVersion(db: Db, datasetId: string): Promise<number | undefined> {
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

/** Withdraws a version (it stays listed and its provenance readable, but no page serves it). Audited. */
export async function withdrawVersion(db: Db, ref: DatasetRef, reason: string, actor: Actor): Promise<'withdrawn' | 'missing' | 'already'> {
	const updated = await db
		.update(datasetVersions)
		.set({ withdrawnAt: new Date(), withdrawnBy: actor.id ?? null, withdrawnReason: reason })
		.where(and(eq(datasetVersions.datasetId, ref.datasetId), eq(datasetVersions.version, ref.version), isNull(datasetVersions.withdrawnAt)))
		.returning({ id: datasetVersions.id });
	if (!updated.length) return (await readVersion(db, ref)) ? 'already' : 'missing';
	await recordAudit(db, {
		action: 'dataset_withdraw',
		actorId: actor.id,
		actorEmail: actor.email,
		target: `dataset ${ref.datasetId} version ${ref.version}`,
		sourceAddress: actor.sourceAddress,
		detail: { reason }
	});
	return 'withdrawn';
}
