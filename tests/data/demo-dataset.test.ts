import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from '../../data/generator/demo-dataset';
import { readAreas } from '../../data/generator/reference';
import { demoDataset, rawObservations } from '../helpers/demo-dataset';

const ENGLAND = 'E92000001';
const areas = readAreas();
const icbs = areas.filter((a) => a.area_type === 'icb');
const regions = areas.filter((a) => a.area_type === 'region');

/** Pre-disclosure count for one cell, from the generator's own record of what it simulated. */
function count(indicator: string, area: string, period: string, categoryType = '', category = ''): number {
	const row = demoDataset().counts.find(
		(r) => r.indicator_id === indicator && r.area_code === area && r.period === period && r.category_type === categoryType && r.category === category
	);
	if (!row) throw new Error(`no count for ${indicator} ${area} ${period} ${categoryType} ${category}`);
	return row.count;
}

describe('demonstration dataset generator', () => {
	it('writes byte-identical files for the same seed, through the command line', () => {
		const run = () => {
			const out = mkdtempSync(join(tmpdir(), 'demo-'));
			execFileSync('npx', ['tsx', 'data/generate.ts', '--seed', '7', '--out', out], { stdio: 'pipe' });
			return Object.fromEntries(
				readdirSync(out)
					.sort()
					.map((f) => [f, readFileSync(join(out, f)).toString('base64')])
			);
		};
		const first = run();
		expect(Object.keys(first)).toHaveLength(4);
		expect(run()).toEqual(first);
	});

	it('gives different data for a different seed', () => {
		const a = generateDemoDataset({ seed: 1 }).manifest.tables.observations.sha256;
		const b = generateDemoDataset({ seed: 2 }).manifest.tables.observations.sha256;
		expect(a).not.toBe(b);
	});

	it('describes itself in the manifest as synthetic, with row counts and checksums', () => {
		const { manifest, files } = demoDataset();
		expect(manifest.synthetic).toBe(true);
		expect(manifest.generator?.seed).toBe(20250128);
		expect(manifest.tables.areas.rows).toBe(50);
		for (const table of Object.values(manifest.tables)) {
			expect(files.get(table.file)?.byteLength).toBe(table.bytes);
			expect(table.file).toContain(table.sha256.slice(0, 16));
		}
	});

	it('covers England, 7 regions and 42 ICBs x 9 years x all persons, 5 IMD quintiles and 6 ethnic groups', () => {
		expect(icbs).toHaveLength(42);
		expect(regions).toHaveLength(7);
		const rows = rawObservations().filter((r) => r.indicator_id === 'pmh_specialist_access');
		expect(rows).toHaveLength(50 * 9 * 12);
	});

	it('is calibrated: England maternities fall from about 640,000 to about 565,000', () => {
		expect(count('maternities', ENGLAND, '2016/17')).toBeCloseTo(640_000, -4);
		expect(count('maternities', ENGLAND, '2024/25')).toBeCloseTo(565_000, -4);
	});

	it('is calibrated: specialist access in 2023/24 within 3% of 57,000, along the Long Term Plan path', () => {
		expect(Math.abs(count('pmh_specialist_access', ENGLAND, '2023/24') / 57_000 - 1)).toBeLessThan(0.03);
		const rate = (period: string) => count('pmh_specialist_access', ENGLAND, period) / count('maternities', ENGLAND, period);
		expect(rate('2019/20')).toBeCloseTo(0.045, 2);
		expect(rate('2020/21')).toBeCloseTo(0.07, 2);
		expect(rate('2023/24')).toBeGreaterThanOrEqual(0.099);
		const periods = demoDataset().manifest.periods;
		for (let i = 1; i < periods.length; i++) expect(rate(periods[i])).toBeGreaterThan(rate(periods[i - 1]));
	});

	it('is calibrated: need is 25% of maternities, 40% of it severe/complex', () => {
		for (const period of demoDataset().manifest.periods) {
			const need = count('pmh_need_total', ENGLAND, period);
			expect(need / count('maternities', ENGLAND, period)).toBeCloseTo(0.25, 3);
			expect(count('pmh_need_severe', ENGLAND, period) / need).toBeCloseTo(0.4, 3);
			expect(count('pmh_need_severe', ENGLAND, period) + count('pmh_need_mild_moderate', ENGLAND, period)).toBe(need);
		}
	});

	it('makes regions and England the sums of their ICBs, and breakdowns the sums of their categories', () => {
		const { counts } = demoDataset();
		for (const row of counts.filter((r) => r.area_code === ENGLAND || r.area_code.startsWith('E40'))) {
			const children = row.area_code === ENGLAND ? icbs : icbs.filter((i) => i.parent_code === row.area_code);
			const sum = children.reduce((s, c) => s + count(row.indicator_id, c.area_code, row.period, row.category_type, row.category), 0);
			expect(sum, `${row.indicator_id} ${row.area_code} ${row.period} ${row.category}`).toBe(row.count);
		}
		for (const row of counts.filter((r) => r.category_type === '')) {
			for (const breakdown of ['imd_quintile', 'ethnic_group']) {
				const parts = counts.filter(
					(r) => r.indicator_id === row.indicator_id && r.area_code === row.area_code && r.period === row.period && r.category_type === breakdown
				);
				expect(parts.reduce((s, r) => s + r.count, 0)).toBe(row.count);
			}
		}
	});

	it('has the gaps to find: more need where more deprived, less access for the most deprived and for Black and Asian women', () => {
		const ratio = (indicator: string, type: string, category: string) =>
			count(indicator, ENGLAND, '2024/25', type, category) / count('maternities', ENGLAND, '2024/25', type, category);
		expect(ratio('pmh_need_total', 'imd_quintile', '1')).toBeGreaterThan(ratio('pmh_need_total', 'imd_quintile', '5'));
		expect(ratio('pmh_specialist_access', 'imd_quintile', '1')).toBeLessThan(ratio('pmh_specialist_access', 'imd_quintile', '3'));
		for (const group of ['Black', 'Asian']) {
			expect(ratio('pmh_specialist_access', 'ethnic_group', group)).toBeLessThan(ratio('pmh_specialist_access', 'ethnic_group', 'White'));
		}
	});

	it('applies disclosure control: sub-national counts below 5 suppressed, others rounded to 5, England exact', () => {
		const observed = rawObservations();
		const cells = new Map(observed.map((r) => [[r.indicator_id, r.area_code, r.period, r.category_type, r.category].join('|'), r]));
		let suppressed = 0;
		for (const c of demoDataset().counts) {
			const row = cells.get([c.indicator_id, c.area_code, c.period, c.category_type, c.category].join('|'))!;
			if (c.area_code === ENGLAND) {
				expect(row.value).toBe(c.count);
			} else if (c.count < 5) {
				expect(row).toMatchObject({ value: null, suppressed: true });
				suppressed++;
			} else {
				expect(row.suppressed).toBe(false);
				expect(row.value! % 5).toBe(0);
				expect(Math.abs(row.value! - c.count)).toBeLessThanOrEqual(2.5);
			}
		}
		expect(suppressed).toBeGreaterThan(0);
	});

	it('carries the published national series with their sources', () => {
		const pnd = rawObservations().filter((r) => r.indicator_id === 'pnd_prevalence_epds13');
		expect(pnd.map((r) => [r.period, r.value])).toEqual([
			['2014', 10.3],
			['2018', 16],
			['2020', 23.9]
		]);
		const ambition = rawObservations().filter((r) => r.indicator_id === 'ltp_access_ambition');
		expect(Object.fromEntries(ambition.map((r) => [r.period, r.value]))).toEqual({
			'2019/20': 4.5,
			'2020/21': 7.1,
			'2022/23': 10,
			'2023/24': 10,
			'2024/25': 10
		});
	});
});
