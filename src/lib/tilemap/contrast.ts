/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminanceOf(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminanceOf(a), luminanceOf(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

export const DARK_TEXT = '#212b32';
export const LIGHT_TEXT = '#ffffff';

/** The text colour (dark or white) with the higher contrast on a fill. */
export function textColourOn(fill: string): string {
	return contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}
