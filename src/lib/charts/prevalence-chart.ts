import * as Plot from '@observablehq/plot';
import { COLOURS } from './chart-style';
import { plotAccessible } from './plot-accessible';

export interface PrevalenceChartOptions {
	points: { year: number; percent: number; note: string | null }[];
	document?: Document;
	width?: number;
}

/** The National Maternity Survey's postnatal depression prevalence (England only), one dot per survey, labelled with its value. */
export function createPrevalenceChart({ points, document, width = 640 }: PrevalenceChartOptions) {
	const first = points[0];
	const last = points[points.length - 1];
	return plotAccessible({
		document,
		width,
		height: 280,
		marginLeft: 48,
		marginRight: 24,
		ariaLabel: 'Postnatal depression prevalence in England, National Maternity Surveys',
		ariaDescription:
			first && last
				? `Rose from ${first.percent}% in ${first.year} to ${last.percent}% in ${last.year} (EPDS score 13 or more, weighted survey estimates). The table below gives every survey and its size.`
				: 'No survey values.',
		x: { label: 'Survey year', tickFormat: 'd', ticks: points.map((p) => p.year) },
		y: { label: 'Women with EPDS 13 or more (%)', grid: true, zero: true, domain: [0, 30] },
		marks: [
			Plot.lineY(points, { x: 'year', y: 'percent', stroke: COLOURS.area, strokeWidth: 2 }),
			Plot.dot(points, { x: 'year', y: 'percent', fill: COLOURS.area, r: 4 }),
			Plot.text(points, { x: 'year', y: 'percent', text: (p: { percent: number }) => `${p.percent}%`, dy: -12, fill: COLOURS.text })
		]
	});
}
