import { toByarSql } from './byar-sql';
import type { Metric } from './metric';

/** Maternities in the year. */
export const maternities: Metric = {
	id: 'maternities',
	label: 'Maternities',
	unit: 'count',
	polarity: 'none',
	description: 'Women giving birth in the year.',
	value: () => 'maternities'
};

/** Estimated women with perinatal mental health difficulties, all severities. */
export const needTotal: Metric = {
	id: 'need_total',
	estimate: true,
	label: 'Estimated need',
	unit: 'count',
	polarity: 'none',
	description: 'Estimated women with perinatal mental health difficulties, mild to severe.',
	value: () => 'need_total'
};

/** Estimated women with complex or severe difficulties (Integrate's 40% "most complex and high-risk"). */
export const needSevere: Metric = {
	id: 'need_severe',
	estimate: true,
	label: 'Estimated complex/severe need',
	unit: 'count',
	polarity: 'none',
	description:
		"Estimated women with the most complex and high-risk difficulties: 40% of estimated need, the Integrate report's split. Not the Long Term Plan's 'moderate/complex to severe' group, which is measured by specialist access.",
	value: () => 'need_severe'
};

/** Estimated women with mild-to-moderate difficulties. */
export const needMildModerate: Metric = {
	id: 'need_mild_moderate',
	estimate: true,
	label: 'Estimated mild-to-moderate need',
	unit: 'count',
	polarity: 'none',
	description: 'Estimated women with mild-to-moderate difficulties.',
	value: () => 'need_mild_moderate'
};

/** Women in contact with specialist community perinatal mental health services in the rolling 12 months (MHS91). */
export const reached: Metric = {
	id: 'reached',
	label: 'Women reached',
	unit: 'count',
	polarity: 'higher_is_better',
	description: 'Women in contact with specialist community perinatal mental health services in the 12 months.',
	value: () => 'reached',
	// Byar's method (exact Poisson under 10), as Fingertips gives counts.
	interval: () => toByarSql('reached')
};
