import type { Metric } from './metric';
import { toWilsonSql } from './wilson-sql';

/** Women reached by specialist services as a percentage of maternities, with a Wilson 95% interval. */
export const accessRate: Metric = {
	id: 'access_rate',
	label: 'Access rate',
	unit: 'percent',
	polarity: 'higher_is_better',
	description: 'Women reached by specialist services as a percentage of maternities.',
	value: () => 'CASE WHEN maternities > 0 THEN 100 * CAST(reached AS DOUBLE) / maternities END',
	interval: () => {
		const { lower, upper } = toWilsonSql('reached', 'maternities');
		return { lower: `100 * ${lower}`, upper: `100 * ${upper}` };
	}
};
