import * as Plot from '@observablehq/plot';
import { COLOURS } from './chart-style';
import { plotAccessible } from './plot-accessible';
import type { SpineRow } from '../benchmarks/spine';
import { formatValue } from '../format/number';

export interface SpineChartOptions {
	rows: SpineRow[];
	areaName: string;
	period: string;
	document?: Document;
	width?: number;
}

/**
 * Where a value sits on an indicator's spine: England at the middle, the ICB furthest from England at an
 * end, better always to the right.
 */
export function toSpinePosition(row: SpineRow, value: number | null): number | null {
	if (value === null || row.england === null || row.worst === null || row.best === null) return null;
	const half = Math.max(Math.abs(row.worst - row.england), Math.abs(row.best - row.england)) || 1;
	const direction = row.polarity === 'higher_is_better' ? 1 : -1;
	return 0.5 + (direction * (value - row.england)) / (2 * half);
}

/** The area profile (spine chart): each indicator's range across ICBs, the middle half darker, England in the centre, the area as a dot. */
export function createSpineChart({ rows, areaName, period, document, width = 640 }: SpineChartOptions) {
	const spans = rows.map((r) => ({
		label: r.label,
		worst: toSpinePosition(r, r.worst),
		q25: toSpinePosition(r, r.q25),
		q75: toSpinePosition(r, r.q75),
		best: toSpinePosition(r, r.best),
		area: toSpinePosition(r, r.value)
	}));
	const marginLeft = Math.round(Math.min(260, Math.max(120, width * 0.4)));
	const placed = rows.filter((r) => r.value !== null);
	const describe = (r: SpineRow) => {
		const p = toSpinePosition(r, r.value);
		const side = p === null ? 'not available' : p > 0.5 ? 'better than England' : p < 0.5 ? 'worse than England' : 'equal to England';
		return `${r.label}: ${formatValue(r.value, r.unit)} (${side}; England ${formatValue(r.england, r.unit)})`;
	};
	return plotAccessible({
		document,
		width,
		height: 48 + rows.length * 44,
		marginLeft,
		marginRight: 16,
		ariaLabel: `Area profile: ${areaName} against the range across ICBs, ${period}`,
		ariaDescription: `For each indicator, a bar from the worst ICB (left) to the best (right), its middle half darker, England at the centre line and ${areaName} as a dot. ${placed.map(describe).join('. ')}. Position shows rank against England, not size; the table gives every value.`,
		x: { domain: [0, 1], axis: null },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			Plot.axisY({ lineWidth: (marginLeft - 12) / 12, textOverflow: null, tickSize: 0 }),
			Plot.barX(spans, { y: 'label', x1: 'worst', x2: 'best', fill: '#e8edee', inset: 6 }),
			Plot.barX(spans, { y: 'label', x1: 'q25', x2: 'q75', fill: '#aeb7bd', inset: 6 }),
			Plot.ruleX([0.5], { stroke: COLOURS.text, strokeWidth: 2 }),
			Plot.dot(spans, { y: 'label', x: 'area', fill: COLOURS.area, stroke: 'white', r: 6 }),
			Plot.text(['◀ worse than England'], { x: 0, frameAnchor: 'top', dy: -4, textAnchor: 'start', fill: COLOURS.comparator }),
			Plot.text(['better ▶'], { x: 1, frameAnchor: 'top', dy: -4, textAnchor: 'end', fill: COLOURS.comparator })
		]
	});
}
