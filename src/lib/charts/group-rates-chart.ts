import * as Plot from '@observablehq/plot';
import { COLOURS } from './chart-style';
import { plotAccessible } from './plot-accessible';
import type { InequalitySummary } from '../inequalities/summarise';

export interface GroupRatesChartOptions {
	summary: InequalitySummary;
	areaName: string;
	document?: Document;
	width?: number;
}

const pct = (v: number | null) => (v === null ? 'not available' : `${v.toFixed(1)}%`);

/**
 * Access rate for each deprivation quintile or ethnic group with its 95% interval, and the reference
 * group's rate as a dashed line: groups whose interval lies left of the line are reached less.
 */
export function createGroupRatesChart({ summary, areaName, document, width = 640 }: GroupRatesChartOptions) {
	const groups = summary.groups.filter((g) => g.accessRate !== null);
	const reference = summary.groups.find((g) => g.isReference);
	const label = summary.breakdown === 'imd_quintile' ? 'deprivation quintile' : 'ethnic group';
	const lowest = [...groups].filter((g) => !g.isExcluded).sort((a, b) => a.accessRate! - b.accessRate!)[0];
	const missing = summary.groups.filter((g) => g.accessRate === null).map((g) => g.label);
	return plotAccessible({
		document,
		width,
		height: 48 + summary.groups.length * 34,
		marginLeft: Math.min(150, width / 3),
		marginRight: 24,
		ariaLabel: `Access rate by ${label}, ${areaName}, ${summary.period}`,
		ariaDescription:
			`Dots with 95% intervals for each ${label}; the dashed line is ${reference?.label ?? 'the reference group'} at ${pct(reference?.accessRate ?? null)}. ` +
			(lowest ? `Lowest: ${lowest.label} at ${pct(lowest.accessRate)}. ` : '') +
			(missing.length ? `Suppressed: ${missing.join(', ')}. ` : '') +
			'The table below gives every value.',
		x: { label: 'Women reached (% of maternities)', grid: true, zero: true, ticks: Math.max(3, Math.floor(width / 90)) },
		y: { label: null, domain: summary.groups.map((g) => g.label) },
		marks: [
			reference?.accessRate != null ? Plot.ruleX([reference.accessRate], { stroke: COLOURS.comparator, strokeDasharray: '6 4', strokeWidth: 1.5 }) : null,
			Plot.text(
				summary.groups.filter((g) => g.accessRate === null),
				{ y: 'label', x: 0, text: () => 'suppressed (fewer than 5)', textAnchor: 'start', dx: 6, fill: COLOURS.comparator }
			),
			Plot.ruleY(groups, { y: 'label', x1: 'lower', x2: 'upper', stroke: COLOURS.area, strokeWidth: 3, strokeOpacity: 0.6 }),
			Plot.dot(groups, {
				y: 'label',
				x: 'accessRate',
				fill: (g) => (g.isReference ? COLOURS.comparator : COLOURS.area),
				r: 5,
				symbol: (g: { isReference: boolean }) => (g.isReference ? 'square' : 'circle')
			})
		]
	});
}
