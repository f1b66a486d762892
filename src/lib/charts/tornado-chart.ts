import * as Plot from '@observablehq/plot';
import { plotAccessible } from './plot-accessible';
import type { TornadoBar } from '../model/uncertainty';

export interface TornadoChartOptions {
	base: number;
	bars: TornadoBar[];
	/** How many of the largest swings to draw. */
	top?: number;
	document?: Document;
	width?: number;
}

/** One-way sensitivity: net economic benefit (£m) with each parameter at the low and high ends of its range. */
export function createTornadoChart({ base, bars, top = 10, document, width = 640 }: TornadoChartOptions) {
	const shown = bars.slice(0, top);
	const rows = shown.flatMap((b) => [
		{ label: b.label, end: 'low value', from: base / 1e6, to: b.atLow / 1e6 },
		{ label: b.label, end: 'high value', from: base / 1e6, to: b.atHigh / 1e6 }
	]);
	const largest = shown[0];
	return plotAccessible({
		document,
		width,
		height: 40 + shown.length * 30,
		marginLeft: 330,
		ariaLabel: 'Tornado chart: how net economic benefit changes with each parameter over its range',
		ariaDescription: largest
			? `Horizontal bars around the central estimate of £${(base / 1e6).toFixed(1)}m. The largest swing comes from ${largest.label}: £${(largest.atLow / 1e6).toFixed(1)}m to £${(largest.atHigh / 1e6).toFixed(1)}m. The table below gives every value.`
			: 'No parameters vary.',
		x: { label: 'Net economic benefit (£m, present value)', grid: true },
		y: { label: null, domain: shown.map((b) => b.label), tickFormat: (l: string) => (l.length > 55 ? l.slice(0, 54) + '…' : l) },
		color: { legend: true, domain: ['low value', 'high value'], range: ['#768692', '#005eb8'] },
		marks: [Plot.barX(rows, { y: 'label', x1: 'from', x2: 'to', fill: 'end' }), Plot.ruleX([base / 1e6], { stroke: '#212b32' })]
	});
}
