import * as Plot from '@observablehq/plot';
import { plotAccessible } from './plot-accessible';
import type { YearResult } from '../model/evaluate';
import type { Band } from '../model/uncertainty';

export interface NetBenefitChartOptions {
	years: YearResult[];
	band?: Band[] | null;
	document?: Document;
	width?: number;
}

const millions = (pounds: number) => pounds / 1e6;

/** Cumulative net economic benefit (present value, £m) by year, with the 5th-95th percentile band when known. */
export function createNetBenefitChart({ years, band, document, width = 640 }: NetBenefitChartOptions) {
	let cumulative = 0;
	const points = years.map((y) => ({ year: y.year, value: millions((cumulative += y.pvNetEconomicBenefit)) }));
	const last = points[points.length - 1];
	const range = band?.length
		? ` The 90% uncertainty range in year ${last.year} is £${millions(band[band.length - 1].p5).toFixed(1)}m to £${millions(band[band.length - 1].p95).toFixed(1)}m.`
		: '';
	return plotAccessible({
		document,
		width,
		height: 300,
		marginLeft: 60,
		ariaLabel: 'Cumulative net economic benefit by year, present value in millions of pounds',
		ariaDescription: `Line chart. Cumulative net economic benefit reaches £${last.value.toFixed(1)}m after ${last.year} years.${range} The table below gives every value.`,
		x: { label: 'Year', tickFormat: 'd', ticks: points.length },
		y: { label: 'Cumulative net benefit (£m, present value)', grid: true },
		marks: [
			Plot.ruleY([0]),
			band?.length
				? Plot.areaY(band, { x: 'year', y1: (d: Band) => millions(d.p5), y2: (d: Band) => millions(d.p95), fill: '#005eb8', fillOpacity: 0.2 })
				: null,
			Plot.lineY(points, { x: 'year', y: 'value', stroke: '#005eb8', strokeWidth: 2.5 }),
			Plot.dot(points, { x: 'year', y: 'value', fill: '#005eb8', r: 3 })
		]
	});
}
