import type { Metric } from './metric';

const share = 'CAST(commitment_women AS DOUBLE) * maternities / england_maternities';

/**
 * The area's share of the Long Term Plan commitment: at least 66,000 women in England in 2023/24 (carried
 * forward, as no later number was published), apportioned by the area's share of England's maternities in
 * the same year. Null before 2023/24, when the plan set its path as a share of births instead.
 */
export const commitmentShare: Metric = {
	id: 'commitment_share',
	estimate: true,
	label: 'Share of the 66,000 commitment',
	unit: 'count',
	polarity: 'none',
	description:
		"The Long Term Plan committed that at least 66,000 women in England would access specialist community care in 2023/24; this is the area's share, by its share of England's maternities.",
	value: () => `CASE WHEN england_maternities > 0 THEN ${share} END`
};

/** Women short of the area's share of the commitment: positive is a shortfall, negative is ahead. */
export const commitmentGap: Metric = {
	id: 'commitment_gap',
	estimate: true,
	label: 'Gap to the 66,000 commitment',
	unit: 'count',
	polarity: 'lower_is_better',
	description:
		"The area's share of the Long Term Plan's 66,000 women (by its share of England's maternities), less women reached; a positive number is a shortfall, a negative one means ahead.",
	value: () => `CASE WHEN england_maternities > 0 THEN ${share} - reached END`
};
