/**
 * Statistical disclosure control as NHS England publishes it: England totals are not rounded; sub-national
 * counts below 5 (including 0) are suppressed; other sub-national counts are rounded to the nearest 5.
 */

export const SUPPRESSION_THRESHOLD = 5;
export const ROUNDING_BASE = 5;

export interface DisclosedCount {
	value: number | null;
	suppressed: boolean;
}

export function discloseCount(count: number, { national }: { national: boolean }): DisclosedCount {
	if (!Number.isFinite(count) || count < 0) throw new Error(`disclosure control: count must be a non-negative number (got ${count})`);
	if (national) return { value: count, suppressed: false };
	if (count < SUPPRESSION_THRESHOLD) return { value: null, suppressed: true };
	return { value: Math.round(count / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false };
}
