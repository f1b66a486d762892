import { describe, expect, it } from 'vitest';
import { readAreas } from '../../../data/generator/reference';
import { assignMinimumCost } from '../../../src/lib/tilemap/assignment';
import { createTileLayout } from '../../../src/lib/tilemap/layout';

const icbs = readAreas()
	.filter((a) => a.area_type === 'icb')
	.map((a) => ({ code: a.area_code, lat: a.centroid_lat!, lon: a.centroid_lon! }));

function spearman(a: number[], b: number[]): number {
	const rank = (v: number[]) => {
		const order = v.map((x, i) => [x, i]).sort((p, q) => p[0] - q[0]);
		const r = new Array<number>(v.length);
		order.forEach(([, i], k) => (r[i] = k));
		return r;
	};
	const [ra, rb] = [rank(a), rank(b)];
	const n = a.length;
	const d2 = ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0);
	return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('tile layout', () => {
	const tiles = createTileLayout(icbs);

	it('gives every ICB exactly one tile and no two tiles the same cell', () => {
		expect(tiles).toHaveLength(42);
		expect(new Set(tiles.map((t) => t.code)).size).toBe(42);
		expect(new Set(tiles.map((t) => `${t.col},${t.row}`)).size).toBe(42);
	});

	it('is deterministic', () => {
		expect(createTileLayout(icbs)).toEqual(tiles);
		expect(createTileLayout([...icbs].reverse()).sort((a, b) => a.code.localeCompare(b.code))).toEqual([...tiles].sort((a, b) => a.code.localeCompare(b.code)));
	});

	it('keeps areas roughly where they are: west stays west, north stays north', () => {
		expect(
			spearman(
				icbs.map((c) => c.lon),
				tiles.map((t) => t.col)
			)
		).toBeGreaterThan(0.85);
		expect(
			spearman(
				icbs.map((c) => -c.lat),
				tiles.map((t) => t.row)
			)
		).toBeGreaterThan(0.85);
		const tile = (name: string) => tiles.find((t) => t.code === name)!;
		// Cornwall is south-west of Kent and Medway; North East and North Cumbria is north of everything.
		expect(tile('E54000036').col).toBeLessThan(tile('E54000032').col);
		expect(tile('E54000036').row).toBeGreaterThanOrEqual(tile('E54000032').row);
		expect(tile('E54000050').row).toBe(Math.min(...tiles.map((t) => t.row)));
	});

	it('keeps the London ICBs next to each other', () => {
		const london = ['E54000027', 'E54000028', 'E54000029', 'E54000030', 'E54000031'].map((c) => tiles.find((t) => t.code === c)!);
		for (const a of london) {
			const nearest = Math.min(...london.filter((b) => b !== a).map((b) => Math.max(Math.abs(a.col - b.col), Math.abs(a.row - b.row))));
			expect(nearest).toBe(1);
		}
	});
});

describe('minimum-cost assignment', () => {
	it('finds the optimum on a case where greedy choice fails', () => {
		// Greedy would give row 0 column 0 (cost 1) and leave row 1 with cost 100.
		expect(
			assignMinimumCost([
				[1, 2],
				[2, 100]
			])
		).toEqual([1, 0]);
	});

	it('matches brute force on small random problems', () => {
		let seed = 42;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const permutations = (items: number[], k: number): number[][] =>
			k === 0
				? [[]]
				: items.flatMap((x) =>
						permutations(
							items.filter((y) => y !== x),
							k - 1
						).map((p) => [x, ...p])
					);
		for (let trial = 0; trial < 30; trial++) {
			const cost = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => Math.round(random() * 20)));
			const total = (a: number[]) => a.reduce((s, col, row) => s + cost[row][col], 0);
			const best = Math.min(...permutations([0, 1, 2, 3, 4], 4).map(total));
			expect(total(assignMinimumCost(cost))).toBe(best);
		}
	});

	it('refuses more rows than columns', () => {
		expect(() => assignMinimumCost([[1], [2]])).toThrow(/2 rows/);
	});
});
