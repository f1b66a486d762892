/** Controlled vocabularies of the data contract. */

export const AREA_TYPES = ['england', 'region', 'icb', 'sub_icb', 'local'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export const UNITS = ['count', 'percent', 'rate_per_1000', 'gbp'] as const;
export type Unit = (typeof UNITS)[number];

export const POLARITIES = ['higher_is_better', 'lower_is_better', 'none'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** Breakdowns: '' is the all-persons row. */
export const CATEGORY_TYPES = ['', 'imd_quintile', 'ethnic_group'] as const;
export type CategoryType = (typeof CATEGORY_TYPES)[number];

/** IMD quintile 1 is the most deprived fifth of small areas, 5 the least deprived. */
export const IMD_QUINTILES = ['1', '2', '3', '4', '5'] as const;
export const ETHNIC_GROUPS = ['Asian', 'Black', 'Mixed', 'White', 'Other', 'Not stated'] as const;

/** ONS GSS codes: E92 England, E40 NHS region, E54 ICB, E38 sub-ICB location. */
export const AREA_CODE_PATTERN = /^E(92|40|54|38)\d{6}$/;

export function isAreaCode(value: string): boolean {
	return AREA_CODE_PATTERN.test(value);
}

export const ENGLAND = 'E92000001';
