const MINOR_WORDS = new Set(['and', 'of', 'the', 'on', 'upon']);

/**
 * A short label that fits inside a tile: initials of the main words ('Greater Manchester' -> 'GM'),
 * or the first three letters of a one-word name ('Devon' -> 'Dev').
 */
export function toTileLabel(shortName: string): string {
	const words = shortName.split(/[\s,-]+/).filter((w) => w && !MINOR_WORDS.has(w.toLowerCase()));
	if (words.length === 1) return words[0].slice(0, 3);
	return words
		.map((w) => w[0].toUpperCase())
		.join('')
		.slice(0, 5);
}
