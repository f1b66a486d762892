import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
