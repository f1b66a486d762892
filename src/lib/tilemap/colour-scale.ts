/**
 * Five sequential blues, light to dark, distinguishable in print and with common colour-vision deficiencies;
 * each holds a tile label (dark or white) at 4.5:1 or more (tested).
 */
export const PALETTE = ['#deebf7', '#9ecae1', '#5ba3d0', '#1f6fb2', '#08467f'] as const;
export const NO_DATA_COLOUR = '#d8dde0';

export interface ColourClass {
	colour: string;
	/** Inclusive lower and upper bounds of the values in this class. */
	from: number;
	to: number;
	/** How many of the values fall in this class, so the legend says so when repeated values merge classes. */
	count: number;
}

export interface ColourScale {
	classes: ColourClass[];
	colourOf(value: number | null): string;
}

/**
 * Classes values into up to five equal-count (quantile) groups, darker meaning higher. Equal counts keep every
 * colour in use whatever the spread; the legend states each class's range.
 */
export function createColourScale(values: readonly (number | null)[]): ColourScale {
	const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
	const k = Math.min(PALETTE.length, new Set(sorted).size);
	// Upper bound of each class at the quantiles; repeated values can make two bounds equal, so keep distinct ones.
	const bounds = [...new Set(Array.from({ length: k }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / k) - 1]))];
	const classes: ColourClass[] = bounds.map((to, i) => ({
		colour: '',
		from: i === 0 ? sorted[0] : sorted.find((v) => v > bounds[i - 1])!,
		to,
		count: sorted.filter((v) => v <= to && (i === 0 || v > bounds[i - 1])).length
	}));
	// Spread the palette over however many distinct classes there are.
	classes.forEach((c, i) => (c.colour = PALETTE[classes.length === 1 ? PALETTE.length - 1 : Math.round((i * (PALETTE.length - 1)) / (classes.length - 1))]));
	return {
		classes,
		colourOf(value) {
			if (value === null || !Number.isFinite(value)) return NO_DATA_COLOUR;
			return (classes.find((c) => value <= c.to) ?? classes[classes.length - 1])?.colour ?? NO_DATA_COLOUR;
		}
	};
}
