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

describe('map colours people can read', () => {
	it('give every tile label 4.5:1 contrast or more on every class colour and on no-data grey', async () => {
		const { contrastRatio, textColourOn } = await import('../../../src/lib/tilemap/contrast');
		for (const fill of [...PALETTE, NO_DATA_COLOUR]) expect(contrastRatio(fill, textColourOn(fill)), fill).toBeGreaterThanOrEqual(4.5);
		// WCAG's own examples: black on white is 21:1.
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 9);
	});

	it('count the ICBs in each class, so a skewed measure with merged classes has a true legend', () => {
		const skewed = [...Array(30).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
		const scale = createColourScale(skewed);
		expect(scale.classes.reduce((s, c) => s + c.count, 0)).toBe(skewed.length);
		expect(scale.classes[0]).toMatchObject({ from: 0, to: 0, count: 30 });
		expect(scale.classes.length).toBeLessThan(5);
	});
});
