import * as Plot from '@observablehq/plot';
import { COLOURS } from './chart-style';
import { plotAccessible } from './plot-accessible';
import { COMPARE_INDICATORS, type CompareIndicatorId } from '../benchmarks/compare-indicators';
import type { CompareRow } from '../benchmarks/compare-areas';
import { formatEstimate } from '../format/number';

export interface CompareAreasChartOptions {
	rows: (CompareRow & { shortName: string })[];
	indicator: CompareIndicatorId;
	areaCode: string;
	scopeName: string;
	period: string;
	/** England's value, drawn as a line (access rate only). */
	englandValue?: number | null;
	document?: Document;
	width?: number;
}

const unitText = (indicator: CompareIndicatorId, v: number | null) => {
	if (v === null) return 'not available';
	const { unit } = COMPARE_INDICATORS[indicator];
	return unit === 'percent' ? `${v.toFixed(1)}%` : unit === 'percentage_points' ? `${v.toFixed(1)} percentage points` : `${formatEstimate(v)} women`;
};

/** Every ICB in the scope, sorted highest first, with 95% intervals where there are any; the chosen area in red and bold. */
export function createCompareAreasChart({
	rows,
	indicator,
	areaCode,
	scopeName,
	period,
	englandValue = null,
	document,
	width = 640
}: CompareAreasChartOptions) {
	const definition = COMPARE_INDICATORS[indicator];
	const shown = rows.filter((r) => r.value !== null);
	const own = rows.find((r) => r.areaCode === areaCode);
	const reference = indicator === 'access_rate' ? englandValue : indicator === 'sii_imd' ? 0 : null;
	const xLabel =
		definition.unit === 'percent'
			? `${definition.label} (%)`
			: definition.unit === 'percentage_points'
				? `${definition.label} (percentage points)`
				: `${definition.label} (women a year)`;
	const highlight = (r: CompareRow) => r.areaCode === areaCode;
	// Names are shortened to what fits the margin at 12 px (about 6.6 px a character); the table has them in full.
	const marginLeft = Math.round(Math.min(200, Math.max(110, width * 0.42)));
	const fits = Math.floor((marginLeft - 12) / 6.6);
	return plotAccessible({
		document,
		width,
		height: 40 + rows.length * 20,
		marginLeft,
		marginRight: 84,
		ariaLabel: `${definition.label}, ICBs in ${scopeName}, ${period}`,
		ariaDescription:
			`${shown.length} ICBs sorted from highest to lowest. ` +
			(shown.length
				? `Highest ${shown[0].shortName} (${unitText(indicator, shown[0].value)}), lowest ${shown[shown.length - 1].shortName} (${unitText(indicator, shown[shown.length - 1].value)}). `
				: '') +
			(own ? `${own.shortName} is ${own.rank ? `number ${own.rank} of ${shown.length}` : 'not available'} at ${unitText(indicator, own.value)}. ` : '') +
			'The table below gives every value.',
		x: { label: xLabel, grid: true, zero: definition.unit === 'count', ticks: Math.max(3, Math.floor(width / 110)) },
		y: {
			label: null,
			domain: rows.map((r) => r.shortName),
			tickFormat: (name: string) => (name.length > fits ? `${name.slice(0, fits - 1)}…` : name)
		},
		marks: [
			reference !== null ? Plot.ruleX([reference], { stroke: COLOURS.comparator, strokeDasharray: '6 4' }) : null,
			Plot.ruleY(shown, {
				y: 'shortName',
				x1: 'lower',
				x2: 'upper',
				stroke: (r) => (highlight(r) ? COLOURS.highlight : COLOURS.area),
				strokeOpacity: 0.55,
				strokeWidth: 3
			}),
			Plot.dot(shown, {
				y: 'shortName',
				x: 'value',
				fill: (r) => (highlight(r) ? COLOURS.highlight : COLOURS.area),
				r: (r) => (highlight(r) ? 6 : 4),
				symbol: (r: CompareRow) => (highlight(r) ? 'diamond' : 'circle')
			}),
			own?.value != null
				? Plot.text([own], { y: 'shortName', x: 'value', text: () => '◀ this area', dx: 12, textAnchor: 'start', fill: COLOURS.highlight, fontWeight: 'bold' })
				: null
		]
	});
}
