import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../auth/roles';

export const role = pgEnum('role', ROLES);

export const users = pgTable('users', {
	id: uuid('id').primaryKey().defaultRandom(),
	/** Stored lower-case; unique. */
	email: text('email').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	role: role('role').notNull().default('viewer'),
	active: boolean('active').notNull().default(true),
	failedSignIns: integer('failed_sign_ins').notNull().default(0),
	lockedUntil: timestamp('locked_until', { withTimezone: true }),
	passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the session token, hex; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		sourceAddress: text('source_address')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed sign-ins by source address, so one address cannot try many accounts. */
export const signInThrottles = pgTable('sign_in_throttles', {
	sourceAddress: text('source_address').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lockedUntil: timestamp('locked_until', { withTimezone: true }),
	lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow()
});

export const auditEvents = pgTable(
	'audit_events',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** Kept as text so the record survives the account; for failed sign-ins, the email that was tried. */
		actorEmail: text('actor_email'),
		action: text('action').notNull(),
		target: text('target'),
		sourceAddress: text('source_address'),
		detail: jsonb('detail')
	},
	(t) => [index('audit_events_at_idx').on(t.at), index('audit_events_action_idx').on(t.action)]
);

/** A saved planner scenario; its content lives in immutable versions. */
export const scenarios = pgTable('scenarios', {
	id: uuid('id').primaryKey().defaultRandom(),
	title: text('title').notNull(),
	areaCode: text('area_code').notNull(),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** Every save is a new version; versions are never updated. */
export const scenarioVersions = pgTable(
	'scenario_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		scenarioId: uuid('scenario_id')
			.notNull()
			.references(() => scenarios.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** The validated request (area, horizon, options, economic values), as the URL carries it. */
		request: jsonb('request').notNull(),
		/** The area's inputs when saved, so the version gives the same numbers whatever the dataset does later. */
		inputs: jsonb('inputs').notNull(),
		/** The dataset version the inputs were read from; null for versions saved before this was recorded. */
		datasetId: text('dataset_id'),
		datasetVersion: integer('dataset_version'),
		/** How the version was named when saved, with its manifest's SHA-256 (for example "demo version 1 (manifest sha256 ...)"). */
		datasetLabel: text('dataset_label'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('scenario_versions_scenario_version').on(t.scenarioId, t.version)]
);

/** Bytes, as PostgreSQL's bytea (PGlite gives Uint8Array, postgres-js a Buffer, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A dataset: a named series of immutable versions (the demonstration data is version 1 of `demo`). */
export const datasets = pgTable('datasets', {
	/** Lower-case slug used in URLs (`?dataset=demo`). */
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A published version: its manifest names content-hashed table files; never updated, only withdrawn. */
export const datasetVersions = pgTable(
	'dataset_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		datasetId: text('dataset_id')
			.notNull()
			.references(() => datasets.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** The manifest exactly as served (its SHA-256 is the version's identity). */
		manifest: text('manifest').notNull(),
		/** SHA-256 of the manifest as served, which lists every table's SHA-256. */
		manifestSha256: text('manifest_sha256').notNull(),
		/** Who, when, from which file (name, SHA-256, detected format, mapping), rules applied, row counts. */
		provenance: jsonb('provenance').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		withdrawnBy: uuid('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
		withdrawnReason: text('withdrawn_reason')
	},
	(t) => [unique('dataset_versions_dataset_version').on(t.datasetId, t.version)]
);

/** Table files by content: versions that share a table share its row. */
export const datasetFiles = pgTable('dataset_files', {
	sha256: text('sha256').primaryKey(),
	size: integer('size').notNull()
});

/**
 * A file's bytes in parts of at most 1 MiB (`FILE_PART_BYTES`), written and read one statement each: PGlite runs
 * on the event loop, and one statement of a 24 MB file held it for 1.6 s. Parts are written before their file's
 * `dataset_files` row (which is written with the version), so they have no foreign key: a file is stored once its
 * row exists, and parts without one (a publish stopped half-way) are never read, and are swept after an hour.
 */
export const datasetFileParts = pgTable(
	'dataset_file_parts',
	{
		sha256: text('sha256').notNull(),
		part: integer('part').notNull(),
		bytes: bytea('bytes').notNull(),
		/**
		 * When the part was last written or claimed by a publish: parts of no stored file are swept once this is
		 * an hour old (`sweepUnstoredParts`), and a publish claims its parts again in its version's transaction.
		 */
		writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.sha256, t.part] })]
);

/** A board report: an immutable snapshot of a saved scenario version and its area's figures, as created. */
export const reports = pgTable(
	'reports',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		title: text('title').notNull(),
		areaCode: text('area_code').notNull(),
		scenarioId: uuid('scenario_id').references(() => scenarios.id, { onDelete: 'set null' }),
		scenarioVersion: integer('scenario_version').notNull(),
		datasetId: text('dataset_id').notNull(),
		datasetVersion: integer('dataset_version').notNull(),
		/** Everything the report shows: figures, narrative inputs, assumptions and chart markup. Never updated. */
		snapshot: jsonb('snapshot').notNull(),
		/** The report this one replaces (both stay readable). */
		supersedes: uuid('supersedes'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('reports_created_idx').on(t.createdAt)]
);
