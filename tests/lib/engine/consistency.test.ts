import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { METRICS, queryMetric } from '../../../src/lib/metrics';
import { queryHeadline } from '../../../src/lib/metrics/headline';
import { findArea, queryAreas } from '../../../src/lib/queries/areas';
import { queryAreaViewRows, toAreaView } from '../../../src/lib/explorer/area-view';
import { COMPARE_INDICATOR_IDS } from '../../../src/lib/benchmarks/compare-indicators';
import { BREAKDOWNS } from '../../../src/lib/inequalities/breakdowns';
import { createDemoNodeEngine, loadDemo } from '../../helpers/demo-dataset';
import { createWasmNodeEngine } from '../../helpers/wasm-node-engine';

describe('browser (DuckDB-wasm) and server (node-api) engines', () => {
	let server: Engine;
	let browser: Engine;

	beforeAll(async () => {
		server = await createDemoNodeEngine();
		browser = await loadDemo(await createWasmNodeEngine());
	});
	afterAll(async () => {
		await server.close();
		await browser.close();
	});

	it('run the same DuckDB version', async () => {
		const [a] = await server.query('SELECT version() AS v');
		const [b] = await browser.query('SELECT version() AS v');
		expect(a.v).toBe(b.v);
		expect(String(a.v)).toMatch(/^v1\.4\./);
	});

	it('load identical tables', async () => {
		for (const table of ['areas', 'indicators', 'observations']) {
			const sql = `SELECT * FROM ${table} ORDER BY ALL`;
			expect(await browser.query(sql)).toEqual(await server.query(sql));
		}
	});

	for (const metric of Object.values(METRICS)) {
		it(`give identical results for ${metric.id} across every breakdown`, async () => {
			for (const categoryType of ['', 'imd_quintile', 'ethnic_group'] as const) {
				const a = await queryMetric(server, metric, { categoryType });
				const b = await queryMetric(browser, metric, { categoryType });
				expect(a.length).toBeGreaterThan(0);
				expect(b).toEqual(a);
			}
		});
	}

	it('give identical headline figures and area lists', async () => {
		expect(await queryHeadline(browser, { area: 'E54000057', period: '2024/25' })).toEqual(
			await queryHeadline(server, { area: 'E54000057', period: '2024/25' })
		);
		expect(await queryAreas(browser)).toEqual(await queryAreas(server));
	});

	it('give identical explorer figures (benchmarks, trends, inequalities, SII, peers, compare-areas) for every choice', async () => {
		const areas = await queryAreas(server);
		for (const code of ['E54000011', 'E54000057', 'E40000003']) {
			const area = (await findArea(server, code))!;
			const region = areas.find((a) => a.areaCode === area.parentCode && a.areaType === 'region') ?? null;
			for (const period of ['2020/21', '2024/25']) {
				const [a, b] = await Promise.all([queryAreaViewRows(server, { areaCode: code, period }), queryAreaViewRows(browser, { areaCode: code, period })]);
				expect(b).toEqual(a);
				for (const indicator of COMPARE_INDICATOR_IDS)
					for (const breakdown of BREAKDOWNS) {
						const choices = { period, breakdown, scope: 'england' as const, indicator };
						expect(toAreaView({ area, region, areas, rows: b, ...choices })).toEqual(toAreaView({ area, region, areas, rows: a, ...choices }));
					}
			}
		}
	});
});
