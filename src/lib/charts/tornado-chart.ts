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
	// Labels wrap (never cut) in a margin of up to 42% of the width; rows grow to fit three lines on a phone.
	const marginLeft = Math.min(330, Math.round(width * 0.42));
	const lineWidth = (marginLeft - 12) / 12;
	const rowHeight = width >= 600 ? 34 : 52;
	return plotAccessible({
		document,
		width,
		height: 48 + shown.length * rowHeight,
		marginLeft,
		ariaLabel: 'Tornado chart: how net economic benefit changes with each parameter over its range',
		ariaDescription: largest
			? `Horizontal bars around the central estimate of £${(base / 1e6).toFixed(1)}m. The largest swing comes from ${largest.label}: £${(largest.atLow / 1e6).toFixed(1)}m to £${(largest.atHigh / 1e6).toFixed(1)}m. The table below gives every value.`
			: 'No parameters vary.',
		x: { label: 'Net economic benefit (£m, present value)', grid: true },
		y: { label: null, domain: shown.map((b) => b.label) },
		color: { legend: true, domain: ['low value', 'high value'], range: ['#768692', '#005eb8'] },
		marks: [
			Plot.axisY({ lineWidth, textOverflow: null, tickSize: 0 }),
			Plot.barX(rows, { y: 'label', x1: 'from', x2: 'to', fill: 'end' }),
			Plot.ruleX([base / 1e6], { stroke: '#212b32' })
		]
	});
}
