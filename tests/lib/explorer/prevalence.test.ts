import { describe, expect, it } from 'vitest';
import { needUnderPrevalence, prevalenceFor, scaleBySeries } from '../../../src/lib/explorer/prevalence';
import { formatEstimate } from '../../../src/lib/format/number';

const SURVEYS = [
	{ year: 2014, percent: 10.3 },
	{ year: 2018, percent: 16.0 },
	{ year: 2020, percent: 23.9 }
];

describe('need if prevalence followed the National Maternity Survey series', () => {
	it('interpolates between survey years at each financial year’s midpoint and holds outside them', () => {
		// 2016/17's midpoint is 2017.0 (April 2016 to March 2017): three quarters of the way from 2014 to 2018.
		expect(prevalenceFor('2016/17', SURVEYS)).toBeCloseTo(10.3 + (16.0 - 10.3) * (2.75 / 4), 12);
		expect(prevalenceFor('2019/20', SURVEYS)).toBeCloseTo(16.0 + (23.9 - 16.0) * (1.75 / 2), 12);
		expect(prevalenceFor('2013/14', SURVEYS)).toBe(10.3);
		expect(prevalenceFor('2024/25', SURVEYS)).toBe(23.9);
	});

	it('scales the flat 25% by the series relative to its latest survey', () => {
		expect(scaleBySeries(565_000 * 0.25, '2024/25', SURVEYS)).toBeCloseTo(141_250, 6);
		const early = scaleBySeries(640_000 * 0.25, '2016/17', SURVEYS);
		expect(early).toBeCloseTo((640_000 * 0.25 * (10.3 + 5.7 * 0.6875)) / 23.9, 6);
	});
});

describe('need under both prevalence assumptions, for an area', () => {
	it("scales the area's own need (its deprivation adjustment kept) and leaves out what it cannot scale", () => {
		const row = (period: string, needTotal: number | null) => ({
			areaCode: 'E54000011',
			period,
			categoryType: '',
			category: '',
			maternities: 8000,
			reached: 100,
			needTotal,
			needSevere: null
		});
		const got = needUnderPrevalence(
			[row('2016/17', 2100), row('2024/25', 2100), row('2023/24', null), { ...row('2024/25', 500), categoryType: 'imd_quintile' }],
			SURVEYS
		);
		expect(got).toEqual([
			{ period: '2016/17', maternities: 8000, flat: 2100, following: expect.closeTo((2100 * (10.3 + 5.7 * 0.6875)) / 23.9, 9) },
			{ period: '2024/25', maternities: 8000, flat: 2100, following: 2100 },
			{ period: '2023/24', maternities: 8000, flat: null, following: null }
		]);
		expect(needUnderPrevalence([row('2024/25', 2100)], [])[0].following).toBeNull();
	});
});

describe('estimates to sensible precision', () => {
	it('rounds to 5 under 100, to 10 under 1,000 and to 3 significant figures above', () => {
		expect([3, 97, 141, 996, 1_149, 141_247, 82_487, -9_013, 0.4].map(formatEstimate)).toEqual([
			'5',
			'95',
			'140',
			'1,000',
			'1,150',
			'141,000',
			'82,500',
			'-9,010',
			'0'
		]);
		expect(formatEstimate(null)).toBe('not available');
	});
});
