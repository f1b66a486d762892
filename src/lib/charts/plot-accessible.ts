import * as Plot from '@observablehq/plot';
import { CHART_STYLE } from './chart-style';

/**
 * Plot.plot, with the chart's own name and description kept on the root and the marks' default labels
 * ("dot", "rule") removed: an aria-label on a plain `<g>` is not allowed (axe: aria-prohibited-attr), and
 * the figures are in the data table beside every chart anyway. Text is 12 px unless a chart says otherwise.
 */
export function plotAccessible(options: Plot.PlotOptions): ReturnType<typeof Plot.plot> {
	const chart = Plot.plot({ style: CHART_STYLE, ...options });
	for (const mark of chart.querySelectorAll('g[aria-label]')) mark.removeAttribute('aria-label');
	return chart;
}
