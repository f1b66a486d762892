/** Roles from least to most privileged; each may do everything the ones before it may. */
export const ROLES = ['viewer', 'commissioner', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` includes everything `needed` may do. */
export function hasRole(role: Role, needed: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
