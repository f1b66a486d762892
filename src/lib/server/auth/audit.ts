import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';

/** Actions recorded in the audit log. Later capabilities add their own (publish, scenario save, report creation). */
export type AuditAction =
	| 'sign_in'
	| 'sign_in_failed'
	| 'sign_out'
	| 'password_change'
	| 'password_reset'
	| 'user_create'
	| 'role_change'
	| 'user_deactivate'
	| 'user_unlock'
	| 'account_locked'
	| 'scenario_save'
	| 'report_create'
	| 'dataset_publish'
	| 'dataset_withdraw';

export interface AuditEvent {
	action: AuditAction;
	actorId?: string | null;
	actorEmail?: string | null;
	target?: string | null;
	sourceAddress?: string | null;
	detail?: Record<string, unknown>;
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
	await db.insert(auditEvents).values({
		action: event.action,
		actorId: event.actorId ?? null,
		actorEmail: event.actorEmail ?? null,
		target: event.target ?? null,
		sourceAddress: event.sourceAddress ?? null,
		detail: event.detail ?? null
	});
}
