import { and, desc, eq } from 'drizzle-orm';
import { createTableStamp } from '../cache/table-stamp';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { recordAudit } from '../auth/audit';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { datasetVersions, reports, users } from '../db/schema';

export interface StoredReport {
	id: string;
	title: string;
	snapshot: ReportSnapshot;
	supersedes: string | null;
	/** Reports created later that replace this one (it stays readable). */
	supersededBy: { id: string; createdAt: string }[];
	/** When the dataset version its area figures came from has been withdrawn since: when and why (it still shows them). */
	datasetWithdrawn: { at: string; reason: string } | null;
	createdAt: string;
}

/** Stores a report once; reports are never updated. Audited. */
export async function insertReport(
	db: Db,
	snapshot: ReportSnapshot,
	{ scenarioId, supersedes }: { scenarioId: string; supersedes?: string },
	actor: Actor
): Promise<string> {
	const [row] = await db
		.insert(reports)
		.values({
			title: snapshot.title,
			areaCode: snapshot.area.code,
			scenarioId,
			scenarioVersion: snapshot.scenario.version,
			datasetId: snapshot.dataset.datasetId,
			datasetVersion: snapshot.dataset.version,
			snapshot,
			supersedes: supersedes ?? null,
			createdBy: actor.id ?? null
		})
		.returning({ id: reports.id });
	reportsChanged();
	await recordAudit(db, {
		action: 'report_create',
		actorId: actor.id,
		actorEmail: actor.email,
		target: `report ${row.id}`,
		sourceAddress: actor.sourceAddress,
		detail: {
			scenario: `${scenarioId} version ${snapshot.scenario.version}`,
			dataset: `${snapshot.dataset.datasetId} version ${snapshot.dataset.version}`,
			supersedes: supersedes ?? null
		}
	});
	return row.id;
}

export async function loadReport(db: Db, id: string): Promise<StoredReport | undefined> {
	const [row] = await db.select().from(reports).where(eq(reports.id, id));
	if (!row) return undefined;
	const later = await db
		.select({ id: reports.id, createdAt: reports.createdAt })
		.from(reports)
		.where(eq(reports.supersedes, id))
		.orderBy(desc(reports.createdAt));
	const [source] = await db
		.select({ at: datasetVersions.withdrawnAt, reason: datasetVersions.withdrawnReason })
		.from(datasetVersions)
		.where(and(eq(datasetVersions.datasetId, row.datasetId), eq(datasetVersions.version, row.datasetVersion)));
	return {
		id: row.id,
		title: row.title,
		snapshot: row.snapshot as ReportSnapshot,
		supersedes: row.supersedes,
		supersededBy: later.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString() })),
		datasetWithdrawn: source?.at ? { at: source.at.toISOString(), reason: source.reason ?? '' } : null,
		createdAt: row.createdAt.toISOString()
	};
}

/** Reports, newest first, with who made each. */
export async function listReports(db: Db, { limit = 100 }: { limit?: number } = {}) {
	const rows = await db
		.select({
			id: reports.id,
			title: reports.title,
			areaCode: reports.areaCode,
			scenarioVersion: reports.scenarioVersion,
			datasetId: reports.datasetId,
			datasetVersion: reports.datasetVersion,
			supersedes: reports.supersedes,
			createdAt: reports.createdAt,
			createdBy: users.email
		})
		.from(reports)
		.leftJoin(users, eq(users.id, reports.createdBy))
		.orderBy(desc(reports.createdAt))
		.limit(limit);
	const superseded = new Set(rows.map((r) => r.supersedes).filter(Boolean));
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), superseded: superseded.has(r.id) }));
}

const stamp = createTableStamp(reports, reports.createdAt);

/** Changes whenever a report is created (a report page says when a newer one replaces it): for caching report pages. */
export const reportsStamp = (db: Db, options?: { now?: number }) => stamp.read(db, options);

/** A report was created here: pages keyed by the stamp render again at once. */
export function reportsChanged(): void {
	stamp.renew();
}
