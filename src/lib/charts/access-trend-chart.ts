import * as Plot from '@observablehq/plot';
import { seriesColours } from './chart-style';
import { plotAccessible } from './plot-accessible';
import type { AccessTrendPoint } from '../metrics/access-trend';

export interface AccessTrendChartOptions {
	points: AccessTrendPoint[];
	/** Area code to display name, for the legend and description. */
	names: Record<string, string>;
	/** Required outside a browser: the document to build the SVG in. */
	document?: Document;
	width?: number;
}

/**
 * Specialist access as a percentage of maternities, with 95% intervals, against the Long Term Plan ambition.
 * One line per area; the ambition is dashed, with gaps where no ambition was published.
 */
export function createAccessTrendChart({ points, names, document, width = 640 }: AccessTrendChartOptions): SVGSVGElement | HTMLElement {
	const areas = [...new Set(points.map((p) => p.areaCode))];
	const first = areas[0];
	const periods = [...new Set(points.map((p) => p.period))];
	const ambition = points.filter((p) => p.areaCode === first).map((p) => ({ period: p.period, ambition: p.ambition, series: 'Long Term Plan ambition' }));
	const named = points.map((p) => ({ ...p, series: names[p.areaCode] ?? p.areaCode }));
	const latest = named.filter((p) => p.period === points[points.length - 1]?.period);
	const description = latest.map((p) => `${p.series}: ${p.accessRate === null ? 'not available' : p.accessRate.toFixed(1) + '%'} in ${p.period}`).join('; ');
	return plotAccessible({
		document,
		width,
		height: 320,
		marginLeft: 48,
		marginRight: 16,
		ariaLabel: `Specialist perinatal mental health access as a percentage of maternities, ${areas.map((a) => names[a] ?? a).join(' and ')}, against the Long Term Plan ambition`,
		ariaDescription: `Line chart by financial year. ${description}. The data table below the chart gives every value.`,
		// On a narrow screen every other year is labelled, so labels never overlap.
		x: { type: 'point', label: 'Financial year', padding: 0.2, ticks: width < 560 ? periods.filter((_, i) => (periods.length - 1 - i) % 2 === 0) : undefined },
		y: { label: 'Women reached (% of maternities)', grid: true, zero: true },
		color: {
			legend: true,
			domain: [...areas.map((a) => names[a] ?? a), 'Long Term Plan ambition'],
			range: seriesColours(areas.length).concat(['#da291c'])
		},
		marks: [
			Plot.ruleX(named, { x: 'period', y1: 'lower', y2: 'upper', stroke: 'series', strokeOpacity: 0.5, strokeWidth: 6 }),
			Plot.lineY(named, { x: 'period', y: 'accessRate', stroke: 'series', strokeWidth: 2.5 }),
			Plot.dot(named, { x: 'period', y: 'accessRate', fill: 'series', r: 3 }),
			Plot.lineY(ambition, { x: 'period', y: 'ambition', stroke: 'series', strokeDasharray: '6 4', strokeWidth: 2 }),
			Plot.dot(ambition, { x: 'period', y: 'ambition', stroke: 'series', fill: 'white', r: 3 })
		]
	});
}
