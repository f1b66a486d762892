import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import {
	accessRate,
	ambitionGap,
	ambitionPath,
	commitmentGap,
	commitmentShare,
	createAmbitionGap,
	maternities,
	needMildModerate,
	needSevere,
	needTotal,
	queryMetric,
	queryMetrics,
	reached,
	unmetNeed,
	type Metric,
	type MetricFilter
} from '../../../src/lib/metrics';
import { toWilsonSql } from '../../../src/lib/metrics/wilson-sql';
import { toByarSql } from '../../../src/lib/metrics/byar-sql';
import { countInterval } from '../../../src/lib/stats/byar';
import { createDemoNodeEngine, rawObservations, type RawObservation } from '../../helpers/demo-dataset';

/**
 * Independent reference: the same measures computed in plain TypeScript from the decoded Arrow rows.
 * The Wilson interval is written out from Newcombe (1998), not from the SQL builder.
 */
function wilson(x: number, n: number): [number, number] {
	const z = 1.959963984540054;
	const p = x / n;
	const centre = p + (z * z) / (2 * n);
	const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
	return [(centre - half) / (1 + (z * z) / n), (centre + half) / (1 + (z * z) / n)];
}

type Cell = {
	maternities: number | null;
	need: number | null;
	severe: number | null;
	mild: number | null;
	reached: number | null;
	ambition: number | null;
	/** England's all-persons maternities in the period, and the commitment in force (66,000 from 2023/24). */
	englandMaternities: number | null;
	commitment: number | null;
};

function referenceCells(rows: RawObservation[]): Map<string, Cell> {
	const value = (r: RawObservation | undefined) => (r && !r.suppressed ? r.value : null);
	const ambition = new Map(rows.filter((r) => r.indicator_id === 'ltp_access_ambition').map((r) => [r.period, r.value]));
	const england = new Map(
		rows.filter((r) => r.indicator_id === 'maternities' && r.area_code === 'E92000001' && r.category_type === '').map((r) => [r.period, r.value])
	);
	// The plan's only number of women is for 2023/24; later years carry it forward.
	const commitmentFor = (period: string) => (period >= '2023/24' ? 66_000 : null);
	const byKey = new Map<string, Map<string, RawObservation>>();
	for (const r of rows) {
		const key = [r.area_code, r.period, r.category_type, r.category].join('|');
		if (!byKey.has(key)) byKey.set(key, new Map());
		byKey.get(key)!.set(r.indicator_id, r);
	}
	const cells = new Map<string, Cell>();
	for (const [key, indicators] of byKey) {
		if (!indicators.has('maternities')) continue;
		cells.set(key, {
			maternities: value(indicators.get('maternities')),
			need: value(indicators.get('pmh_need_total')),
			severe: value(indicators.get('pmh_need_severe')),
			mild: value(indicators.get('pmh_need_mild_moderate')),
			reached: value(indicators.get('pmh_specialist_access')),
			ambition: ambition.get(key.split('|')[1]) ?? null,
			englandMaternities: england.get(key.split('|')[1]) ?? null,
			commitment: commitmentFor(key.split('|')[1])
		});
	}
	return cells;
}

const orNull = (f: (c: Cell) => number | null) => (c: Cell) => {
	try {
		return f(c);
	} catch {
		return null;
	}
};
const need = <T>(v: T | null): T => {
	if (v === null) throw new Error('not available');
	return v;
};

const EXPECTED: [Metric, (c: Cell) => number | null][] = [
	[maternities, (c) => c.maternities],
	[needTotal, (c) => c.need],
	[needSevere, (c) => c.severe],
	[needMildModerate, (c) => c.mild],
	[reached, (c) => c.reached],
	[accessRate, orNull((c) => (need(c.maternities) > 0 ? (100 * need(c.reached)) / need(c.maternities) : null))],
	[unmetNeed, orNull((c) => need(c.need) - need(c.reached))],
	[commitmentShare, orNull((c) => (need(c.commitment) * need(c.maternities)) / need(c.englandMaternities))],
	[commitmentGap, orNull((c) => (need(c.commitment) * need(c.maternities)) / need(c.englandMaternities) - need(c.reached))],
	[ambitionGap, orNull((c) => 0.1 * need(c.maternities) - need(c.reached))],
	[ambitionPath, (c) => c.ambition]
];

const FILTERS: MetricFilter[] = [
	{},
	{ categoryType: 'imd_quintile' },
	{ categoryType: 'ethnic_group' },
	{ areas: ['E54000036', 'E40000006'], periods: ['2023/24'], categoryType: 'ethnic_group' },
	{ areaType: 'icb', periods: ['2024/25'] }
];

describe('metric functions on the node engine', () => {
	let engine: Engine;
	const cells = referenceCells(rawObservations());

	beforeAll(async () => {
		engine = await createDemoNodeEngine();
	});
	afterAll(() => engine.close());

	for (const [metric, expected] of EXPECTED) {
		it(`${metric.id} matches an independent calculation for every area, period and breakdown`, async () => {
			for (const filter of FILTERS) {
				const rows = await queryMetric(engine, metric, filter);
				const keys = [...cells.keys()].filter((k) => {
					const [area, period, type] = k.split('|');
					return (
						type === (filter.categoryType ?? '') &&
						(!filter.areas || filter.areas.includes(area)) &&
						(!filter.periods || filter.periods.includes(period)) &&
						(!filter.areaType || area.startsWith('E54'))
					);
				});
				expect(rows).toHaveLength(keys.length);
				for (const row of rows) {
					const cell = cells.get([row.areaCode, row.period, row.categoryType, row.category].join('|'))!;
					const want = expected(cell);
					if (want === null) expect(row.value, `${metric.id} ${JSON.stringify(row)}`).toBeNull();
					else expect(row.value, `${metric.id} ${JSON.stringify(row)}`).toBeCloseTo(want, 9);
				}
			}
		});
	}

	it('gives the access rate a Wilson 95% interval', async () => {
		const rows = await queryMetric(engine, accessRate, { categoryType: 'imd_quintile' });
		let checked = 0;
		for (const row of rows) {
			const cell = cells.get([row.areaCode, row.period, row.categoryType, row.category].join('|'))!;
			if (cell.reached === null || cell.maternities === null) {
				expect([row.value, row.lower, row.upper]).toEqual([null, null, null]);
				continue;
			}
			const [lower, upper] = wilson(cell.reached, cell.maternities);
			expect(row.lower).toBeCloseTo(100 * lower, 9);
			expect(row.upper).toBeCloseTo(100 * upper, 9);
			checked++;
		}
		expect(checked).toBeGreaterThan(1000);
	});

	it("gives counts of women reached Byar's interval in SQL, exact Poisson under 10, equal to the TypeScript method", async () => {
		for (const x of [0, 1, 5, 9, 10, 65, 555, 58_760]) {
			const { lower, upper } = toByarSql(String(x));
			const [row] = await engine.query<{ lower: number; upper: number }>(`SELECT ${lower} AS lower, ${upper} AS upper`);
			const want = countInterval(x);
			expect(row.lower, `lower for ${x}`).toBeCloseTo(want.lower!, 9);
			expect(row.upper, `upper for ${x}`).toBeCloseTo(want.upper!, 9);
		}
		const [none] = await engine.query<{ lower: number | null }>(`SELECT ${toByarSql('NULL').lower} AS lower`);
		expect(none.lower).toBeNull();
		const rows = await queryMetric(engine, reached, { areas: ['E54000057'], periods: ['2024/25'] });
		expect(rows[0].lower).toBeCloseTo(countInterval(rows[0].value!).lower!, 9);
	});

	it('reproduces a published Wilson interval (10 of 100: 5.52% to 17.44%)', async () => {
		const { lower, upper } = toWilsonSql('10', '100');
		const [row] = await engine.query<{ lower: number; upper: number }>(`SELECT 100 * ${lower} AS lower, 100 * ${upper} AS upper`);
		expect(row.lower).toBeCloseTo(5.52, 2);
		expect(row.upper).toBeCloseTo(17.44, 2);
	});

	it('propagates suppressed inputs as not available, never as zero', async () => {
		const suppressedCell = [...cells.entries()].find(([, c]) => c.reached === null && c.maternities !== null);
		expect(suppressedCell).toBeDefined();
		const [area, period, categoryType, category] = suppressedCell![0].split('|');
		const rows = await queryMetric(engine, accessRate, { areas: [area], periods: [period], categoryType: categoryType as 'ethnic_group' });
		expect(rows.find((r) => r.category === category)?.value).toBeNull();
		const unmet = await queryMetric(engine, unmetNeed, { areas: [area], periods: [period], categoryType: categoryType as 'ethnic_group' });
		expect(unmet.find((r) => r.category === category)?.value).toBeNull();
	});

	it('takes the ambition rate as a parameter', async () => {
		const filter = { areas: ['E92000001'], periods: ['2023/24'] };
		const [row] = await queryMetric(engine, createAmbitionGap({ ambitionRate: 0.12 }), filter);
		const cell = cells.get('E92000001|2023/24||')!;
		expect(row.value).toBeCloseTo(0.12 * cell.maternities! - cell.reached!, 6);
		expect(() => createAmbitionGap({ ambitionRate: 10 })).toThrow(/between 0 and 1/);
	});

	it('computes many metrics in one query exactly as one query each', async () => {
		const metrics = EXPECTED.map(([metric]) => metric);
		for (const filter of FILTERS) {
			const together = await queryMetrics(engine, metrics, filter);
			for (const [i, metric] of metrics.entries()) {
				const alone = await queryMetric(engine, metric, filter);
				expect(together.map((r) => ({ areaCode: r.areaCode, period: r.period, categoryType: r.categoryType, category: r.category, ...r.metrics[i] }))).toEqual(
					alone
				);
			}
		}
	});

	it('returns nothing, not an error, for an unknown area', async () => {
		expect(await queryMetric(engine, accessRate, { areas: ['E54000999'] })).toEqual([]);
	});
});
