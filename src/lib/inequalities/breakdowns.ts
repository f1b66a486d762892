import { ETHNIC_GROUPS, IMD_QUINTILES } from '../contract/vocabulary';

export const BREAKDOWNS = ['imd_quintile', 'ethnic_group'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownDefinition {
	id: Breakdown;
	label: string;
	/** Categories in display order; for IMD quintiles, most deprived first (the order the slope index needs). */
	categories: readonly string[];
	/** The group others are compared with. */
	reference: string;
	/** Whether the categories are ordered, so a slope index of inequality means something. */
	ordered: boolean;
	/** Categories that are not a group of women (e.g. ethnicity not stated): shown, never compared. */
	excluded: readonly string[];
	categoryLabel: (category: string) => string;
}

export const BREAKDOWN_DEFINITIONS: Record<Breakdown, BreakdownDefinition> = {
	imd_quintile: {
		id: 'imd_quintile',
		label: 'Deprivation (IMD quintile)',
		categories: IMD_QUINTILES,
		reference: '5',
		ordered: true,
		excluded: [],
		categoryLabel: (c) => (c === '1' ? '1 (most deprived)' : c === '5' ? '5 (least deprived)' : c)
	},
	ethnic_group: {
		id: 'ethnic_group',
		label: 'Ethnic group',
		categories: ETHNIC_GROUPS,
		reference: 'White',
		ordered: false,
		excluded: ['Not stated'],
		categoryLabel: (c) => c
	}
};

/** Reads a breakdown from untrusted input, falling back to deprivation. */
export function maybeBreakdown(value: string | null | undefined): Breakdown {
	return (BREAKDOWNS as readonly string[]).includes(value ?? '') ? (value as Breakdown) : 'imd_quintile';
}
