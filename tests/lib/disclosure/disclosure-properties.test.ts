import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discloseRows, disclosureDifferences, type DisclosableRow } from '../../../src/lib/disclosure/disclosure-control';

const ENGLAND = 'E92000001';
const QUINTILES = ['1', '2', '3', '4', '5'];

/**
 * Random tables shaped like the real ones: England, regions, their ICBs; each area with an all-persons row and
 * IMD quintile rows that add up to it, and each parent's figures the sum of its children's. Counts are small
 * enough that suppression happens often. England always has at least two regions: with one, the region would
 * equal England, which is published unrounded (NHS England's rule), and nothing could protect it.
 */
const tables = fc
	.record({
		regions: fc.array(fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 4 }), {
			minLength: 2,
			maxLength: 3
		}),
		rate: fc.boolean()
	})
	.map(({ regions, rate }) => {
		const rows: DisclosableRow[] = [];
		const parents = new Map<string, string>();
		const add = (areaCode: string, parts: number[]) => {
			const total = parts.reduce((a, b) => a + b, 0);
			const row = (categoryType: string, category: string, n: number): DisclosableRow => ({
				indicatorId: 'x',
				areaCode,
				period: '2023/24',
				categoryType,
				category,
				value: rate ? null : n,
				lowerCi95: null,
				upperCi95: null,
				count: n,
				denominator: rate ? n * 10 + 7 : null,
				suppressed: false,
				note: null
			});
			rows.push(row('', '', total), ...parts.map((n, i) => row('imd_quintile', QUINTILES[i], n)));
		};
		const sum = (lists: number[][]) => QUINTILES.map((_, q) => lists.reduce((a, l) => a + l[q], 0));
		const regionParts: number[][] = [];
		regions.forEach((icbs, r) => {
			const region = `E400000${String(r).padStart(2, '0')}`;
			parents.set(region, ENGLAND);
			icbs.forEach((parts, i) => {
				const icb = `E54000${String(r).padStart(1, '0')}${String(i).padStart(2, '0')}`;
				parents.set(icb, region);
				add(icb, parts);
			});
			regionParts.push(sum(icbs));
			add(region, sum(icbs));
		});
		add(ENGLAND, sum(regionParts));
		return { rows, context: { isCount: () => !rate, parentOf: (code: string) => parents.get(code), national: ENGLAND } };
	});

/** Groups whose parts add up to a total: an area's quintiles, and a parent's children (same category). */
function groups(rows: DisclosableRow[], parentOf: (code: string) => string | undefined) {
	const key = (r: DisclosableRow, area: string, type: string, category: string) => [area, type, category].join('|');
	const index = new Map(rows.map((r, i) => [key(r, r.areaCode, r.categoryType, r.category), i]));
	const out = new Map<string, { total: number; parts: number[] }>();
	rows.forEach((r, i) => {
		const add = (g: string, total: number | undefined) => {
			if (total === undefined) return;
			const group = out.get(g) ?? { total, parts: [] };
			group.parts.push(i);
			out.set(g, group);
		};
		if (r.categoryType) add(`b${r.areaCode}`, index.get(key(r, r.areaCode, '', '')));
		const parent = parentOf(r.areaCode);
		if (parent) add(`a${parent}${r.categoryType}${r.category}`, index.get(key(r, parent, r.categoryType, r.category)));
	});
	return [...out.values()];
}

/** The rules, checked independently of the implementation: what a published table must never show. */
function violations(
	out: DisclosableRow[],
	before: DisclosableRow[],
	context: { isCount: () => boolean; parentOf: (code: string) => string | undefined }
): string[] {
	const found: string[] = [];
	out.forEach((r, i) => {
		if (r.areaCode === ENGLAND) {
			if (JSON.stringify(r) !== JSON.stringify(before[i])) found.push(`England row ${i} changed`);
			return;
		}
		if (r.suppressed && [r.value, r.count, r.denominator].some((n) => n !== null)) found.push(`row ${i} suppressed but shows a figure`);
		if (!r.suppressed && [r.value, r.count, r.denominator].every((n) => n === null)) found.push(`row ${i} empty but not marked suppressed`);
		for (const n of [r.count, r.denominator, context.isCount() ? r.value : null])
			if (n !== null && (n < 5 || n % 5 !== 0)) found.push(`row ${i} publishes ${n}`);
	});
	for (const { total, parts } of groups(out, context.parentOf)) {
		const hidden = parts.filter((p) => out[p].suppressed).length;
		// A published total with exactly one hidden part gives that part away by subtraction;
		// a hidden total with every part published is their sum.
		if (!out[total].suppressed && hidden === 1) found.push(`total ${total} gives away part by subtraction`);
		if (out[total].suppressed && hidden === 0 && parts.length) found.push(`hidden total ${total} is the sum of its parts`);
	}
	return found;
}

describe('disclosure control over whole tables (property tests)', () => {
	it('publishes no sub-national count below 5, rounds the rest to 5, leaves England alone, and cannot be undone by differencing', () => {
		fc.assert(
			fc.property(tables, ({ rows, context }) => {
				const { rows: out } = discloseRows(rows, context);
				expect(violations(out, rows, context)).toEqual([]);
			}),
			{ numRuns: 500 }
		);
	});

	it('changes nothing when applied to its own output, so the server can check the browser by running it again', () => {
		fc.assert(
			fc.property(tables, ({ rows, context }) => {
				const { rows: once } = discloseRows(rows, context);
				expect(disclosureDifferences(once, context)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('finds every tampered payload that breaks a rule: a suppressed row revealed, a count unrounded, a suppression flag dropped', () => {
		const tamper = fc.constantFrom('reveal', 'unround', 'unflag');
		fc.assert(
			fc.property(tables, tamper, fc.nat(), fc.integer({ min: 1, max: 4 }), ({ rows, context }, how, pick, by) => {
				const { rows: disclosed } = discloseRows(rows, context);
				const suppressed = disclosed.map((r, i) => (r.suppressed ? i : -1)).filter((i) => i >= 0);
				const published = disclosed.map((r, i) => (!r.suppressed && r.areaCode !== ENGLAND && r.count !== null ? i : -1)).filter((i) => i >= 0);
				const tampered = disclosed.map((r) => ({ ...r }));
				if (how === 'unround') {
					fc.pre(published.length > 0);
					const i = published[pick % published.length];
					tampered[i].count = tampered[i].count! + by;
					if (context.isCount()) tampered[i].value = tampered[i].count;
				} else {
					fc.pre(suppressed.length > 0);
					const i = suppressed[pick % suppressed.length];
					tampered[i].suppressed = false;
					if (how === 'reveal') Object.assign(tampered[i], { count: rows[i].count, value: rows[i].value, denominator: rows[i].denominator });
				}
				// Revealing a secondary suppression that later suppressions made unnecessary leaves a table that breaks
				// no rule, and nothing but the raw data could tell; every other tampering breaks one.
				const broken = violations(tampered, rows, context);
				if (how !== 'reveal' || rows[tampered.findIndex((r, i) => r.suppressed !== disclosed[i].suppressed)].count! < 5)
					expect(broken.length).toBeGreaterThan(0);
				if (broken.length) expect(disclosureDifferences(tampered, context).length).toBeGreaterThan(0);
			}),
			{ numRuns: 500 }
		);
	});
});
