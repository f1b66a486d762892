import type { Polarity, Unit } from '../contract/vocabulary';
import type { Breakdown } from '../inequalities/breakdowns';

export const COMPARE_INDICATOR_IDS = ['access_rate', 'sii_imd', 'women_missing_imd', 'women_missing_ethnic'] as const;
export type CompareIndicatorId = (typeof COMPARE_INDICATOR_IDS)[number];

export interface CompareIndicator {
	id: CompareIndicatorId;
	label: string;
	unit: Unit | 'percentage_points';
	polarity: Polarity;
	description: string;
	/** The breakdown an inequality measure is computed from. */
	breakdown?: Breakdown;
}

export const COMPARE_INDICATORS: Record<CompareIndicatorId, CompareIndicator> = {
	access_rate: {
		id: 'access_rate',
		label: 'Access rate',
		unit: 'percent',
		polarity: 'higher_is_better',
		description: 'Women reached by specialist services as a percentage of maternities, with 95% Wilson intervals.'
	},
	sii_imd: {
		id: 'sii_imd',
		label: 'Deprivation gap in access (slope index)',
		unit: 'percentage_points',
		polarity: 'lower_is_better',
		description:
			'Slope index of inequality: the fitted access rate at the least deprived end less that at the most deprived end, in percentage points, with 95% simulated intervals. Above 0 means the most deprived are reached less.',
		breakdown: 'imd_quintile'
	},
	women_missing_imd: {
		id: 'women_missing_imd',
		label: 'Women missing: deprivation',
		unit: 'count',
		polarity: 'lower_is_better',
		description: "Extra women who would be reached a year if every deprivation quintile had the least deprived fifth's access rate.",
		breakdown: 'imd_quintile'
	},
	women_missing_ethnic: {
		id: 'women_missing_ethnic',
		label: 'Women missing: ethnicity',
		unit: 'count',
		polarity: 'lower_is_better',
		description: "Extra women who would be reached a year if every ethnic group had White women's access rate (ethnicity not stated left out).",
		breakdown: 'ethnic_group'
	}
};

/** Reads a compare indicator from untrusted input, falling back to the access rate. */
export function maybeCompareIndicator(value: string | null | undefined): CompareIndicatorId {
	return (COMPARE_INDICATOR_IDS as readonly string[]).includes(value ?? '') ? (value as CompareIndicatorId) : 'access_rate';
}
