import * as Plot from '@observablehq/plot';
import { plotAccessible } from './plot-accessible';
import type { OptionResult } from '../model/evaluate';

export interface ReachChartOptions {
	options: OptionResult[];
	unmetByYear: number[];
	document?: Document;
	width?: number;
}

/** Women reached by each option per year (stacked bars) against the unmet need before any option (line). */
export function createReachChart({ options, unmetByYear, document, width = 640 }: ReachChartOptions) {
	const rows = options.flatMap((o) => o.years.map((y) => ({ year: y.year, option: o.label, reached: y.womenReached })));
	const unmet = unmetByYear.map((value, i) => ({ year: i + 1, value }));
	const lastYear = unmet.length;
	const reachedLast = rows.filter((r) => r.year === lastYear).reduce((s, r) => s + r.reached, 0);
	return plotAccessible({
		document,
		width,
		height: 300,
		marginLeft: 60,
		ariaLabel: 'Women reached by the options each year against the unmet need',
		ariaDescription: `Stacked bars by year. In year ${lastYear} the options reach ${Math.round(reachedLast).toLocaleString('en-GB')} of ${Math.round(unmet[lastYear - 1]?.value ?? 0).toLocaleString('en-GB')} women with unmet need. The table below gives every value.`,
		x: { label: 'Year', type: 'band' },
		y: { label: 'Women', grid: true },
		color: { legend: true, range: ['#005eb8', '#009639', '#ed8b00', '#7c2855'] },
		marks: [
			Plot.barY(rows, { x: 'year', y: 'reached', fill: 'option' }),
			Plot.lineY(unmet, { x: 'year', y: 'value', stroke: '#d5281b', strokeWidth: 2, strokeDasharray: '6 3' }),
			Plot.text(unmet.slice(-1), { x: 'year', y: 'value', text: () => 'unmet need', dy: -8, fill: '#d5281b' }),
			Plot.ruleY([0])
		]
	});
}
