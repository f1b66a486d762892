/** Type and colours shared by the charts: text at least 12 px, NHS identity colours with 4.5:1 contrast on white. */
export const CHART_STYLE = { fontSize: '12px', fontFamily: 'inherit', overflow: 'visible' } as const;

export const COLOURS = {
	area: '#005eb8',
	highlight: '#d5281b',
	comparator: '#4c6272',
	muted: '#768692',
	text: '#212b32'
} as const;

/**
 * Colours for any number of series: the area first, then comparators, cycling through distinct hues so a
 * fourth or fifth series never runs out of colours.
 */
export const SERIES_COLOURS = ['#005eb8', '#4c6272', '#330072', '#007f3b', '#7c2855', '#ed8b00', '#00a499'];

export function seriesColours(count: number): string[] {
	return Array.from({ length: count }, (_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]);
}
