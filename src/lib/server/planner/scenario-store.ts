import { and, desc, eq, max } from 'drizzle-orm';
import { areaInputsSchema } from '../../model/area-inputs-schema';
import type { AreaInputs } from '../../model/scenario';
import { scenarioRequestSchema } from '../../model/scenario-schema';
import { parseOrThrow } from '../../validation/parse';
import type { ScenarioRequest } from '../../model/validate';
import { createTableStamp } from '../cache/table-stamp';
import { recordAudit } from '../auth/audit';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { scenarios, scenarioVersions, users } from '../db/schema';

export interface SavedVersion {
	id: string;
	title: string;
	areaCode: string;
	version: number;
	request: ScenarioRequest;
	inputs: AreaInputs;
	/** The dataset version the inputs were read from; null when saved before this was recorded. */
	dataset: SavedDataset | null;
	savedAt: string;
	versions: { version: number; savedAt: string; savedBy: string | null }[];
}

export interface SavedDataset {
	datasetId: string;
	version: number;
	/** The version's name with its manifest's SHA-256, as the pages show it. */
	label: string;
}

/**
 * Saves a scenario as a new immutable version: a new scenario when `scenarioId` is absent, otherwise the next
 * version of that one. Audited. Returns the id and version number.
 */
export async function saveScenario(
	db: Db,
	{
		scenarioId,
		title,
		request,
		inputs,
		dataset
	}: { scenarioId?: string; title: string; request: ScenarioRequest; inputs: AreaInputs; dataset: SavedDataset | null },
	actor: Actor
): Promise<{ id: string; version: number }> {
	const saved = await db.transaction(async (tx) => {
		let id = scenarioId;
		if (!id) {
			const [created] = await tx
				.insert(scenarios)
				.values({ title, areaCode: request.area, createdBy: actor.id ?? null })
				.returning({ id: scenarios.id });
			id = created.id;
		}
		const [{ latest }] = await tx
			.select({ latest: max(scenarioVersions.version) })
			.from(scenarioVersions)
			.where(eq(scenarioVersions.scenarioId, id));
		const version = (latest ?? 0) + 1;
		await tx.insert(scenarioVersions).values({
			scenarioId: id,
			version,
			request,
			inputs,
			datasetId: dataset?.datasetId ?? null,
			datasetVersion: dataset?.version ?? null,
			datasetLabel: dataset?.label ?? null,
			createdBy: actor.id ?? null
		});
		return { id, version };
	});
	// The list of saved scenarios has changed: pages keyed by its stamp must render again.
	stamp.renew();
	await recordAudit(db, {
		action: 'scenario_save',
		actorId: actor.id,
		actorEmail: actor.email,
		target: `scenario ${saved.id} version ${saved.version}`,
		sourceAddress: actor.sourceAddress,
		detail: { title, area: request.area, dataset: dataset?.label ?? null }
	});
	return saved;
}

/** A saved scenario at a version (the latest by default), with its version history; undefined if there is none. */
export async function loadScenario(db: Db, id: string, version?: number): Promise<SavedVersion | undefined> {
	const [scenario] = await db.select().from(scenarios).where(eq(scenarios.id, id));
	if (!scenario) return undefined;
	const history = await db
		.select({ version: scenarioVersions.version, savedAt: scenarioVersions.createdAt, savedBy: users.email })
		.from(scenarioVersions)
		.leftJoin(users, eq(users.id, scenarioVersions.createdBy))
		.where(eq(scenarioVersions.scenarioId, id))
		.orderBy(desc(scenarioVersions.version));
	const wanted = version ?? history[0]?.version;
	const [row] = await db
		.select()
		.from(scenarioVersions)
		.where(and(eq(scenarioVersions.scenarioId, id), eq(scenarioVersions.version, wanted ?? -1)));
	if (!row) return undefined;
	return {
		id,
		title: scenario.title,
		areaCode: scenario.areaCode,
		version: row.version,
		// JSON read back from the database is checked like any other input: a bad row fails loudly, with its path.
		request: parseOrThrow(scenarioRequestSchema, row.request, `saved scenario ${id} version ${row.version}: request`) as ScenarioRequest,
		inputs: parseOrThrow(areaInputsSchema, row.inputs, `saved scenario ${id} version ${row.version}: inputs`),
		dataset:
			row.datasetId !== null && row.datasetVersion !== null
				? { datasetId: row.datasetId, version: row.datasetVersion, label: row.datasetLabel ?? `${row.datasetId} version ${row.datasetVersion}` }
				: null,
		savedAt: row.createdAt.toISOString(),
		versions: history.map((h) => ({ version: h.version, savedAt: h.savedAt.toISOString(), savedBy: h.savedBy }))
	};
}

/** Saved scenarios, newest first, for the planner's list. */
export async function listScenarios(db: Db, { limit = 50 }: { limit?: number } = {}) {
	const rows = await db
		.select({ id: scenarios.id, title: scenarios.title, areaCode: scenarios.areaCode, createdAt: scenarios.createdAt })
		.from(scenarios)
		.orderBy(desc(scenarios.createdAt))
		.limit(limit);
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

const stamp = createTableStamp(scenarios, scenarios.createdAt);

/**
 * Changes whenever a scenario is saved (new versions of a scenario do not change the list): for caching the
 * list's pages. Read at most once a second.
 */
export function savedScenariosStamp(db: Db, options?: { now?: number }): Promise<string> {
	return stamp.read(db, options);
}
