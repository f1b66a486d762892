import { describe, expect, it } from 'vitest';
import { createColourScale, NO_DATA_COLOUR, PALETTE } from '../../../src/lib/tilemap/colour-scale';
import { toTileLabel } from '../../../src/lib/tilemap/tile-label';

describe('colour scale', () => {
	it('puts about a fifth of the values in each of five classes, darker for higher', () => {
		const values = Array.from({ length: 40 }, (_, i) => i + 1);
		const scale = createColourScale(values);
		expect(scale.classes.map((c) => [c.from, c.to])).toEqual([
			[1, 8],
			[9, 16],
			[17, 24],
			[25, 32],
			[33, 40]
		]);
		expect(scale.classes.map((c) => c.colour)).toEqual([...PALETTE]);
		expect(scale.colourOf(1)).toBe(PALETTE[0]);
		expect(scale.colourOf(40)).toBe(PALETTE[4]);
	});

	it('colours missing values as no data and ignores them when classing', () => {
		const scale = createColourScale([null, 1, 2, null]);
		expect(scale.colourOf(null)).toBe(NO_DATA_COLOUR);
		expect(scale.classes.flatMap((c) => [c.from, c.to])).toEqual([1, 1, 2, 2]);
	});

	it('merges classes when values repeat, and copes with no values', () => {
		expect(createColourScale([5, 5, 5, 5, 5, 6]).classes.length).toBe(2);
		expect(createColourScale([]).classes).toEqual([]);
		expect(createColourScale([]).colourOf(3)).toBe(NO_DATA_COLOUR);
	});
});

describe('tile labels', () => {
	it('abbreviates names to fit a tile', () => {
		expect(toTileLabel('Greater Manchester')).toBe('GM');
		expect(toTileLabel('Devon')).toBe('Dev');
		expect(toTileLabel('Bath and North East Somerset, Swindon and Wiltshire')).toBe('BNESS');
	});
});
