import { describe, expect, it } from 'vitest';
import { discloseCount } from '../../../src/lib/disclosure/disclosure-control';

describe('disclosure control', () => {
	it('suppresses sub-national counts below 5, including 0', () => {
		for (const count of [0, 1, 4]) expect(discloseCount(count, { national: false })).toEqual({ value: null, suppressed: true });
	});

	it('rounds other sub-national counts to the nearest 5', () => {
		expect(discloseCount(5, { national: false }).value).toBe(5);
		expect(discloseCount(7, { national: false }).value).toBe(5);
		expect(discloseCount(8, { national: false }).value).toBe(10);
		expect(discloseCount(57_003, { national: false }).value).toBe(57_005);
	});

	it('leaves England unrounded', () => {
		expect(discloseCount(3, { national: true })).toEqual({ value: 3, suppressed: false });
		expect(discloseCount(57_003, { national: true }).value).toBe(57_003);
	});

	it('rejects negative or non-numeric counts', () => {
		expect(() => discloseCount(-3, { national: false })).toThrow(/non-negative.*-3/);
		expect(() => discloseCount(NaN, { national: false })).toThrow();
	});
});
