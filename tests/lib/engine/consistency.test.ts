import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { METRICS, queryMetric } from '../../../src/lib/metrics';
import { queryHeadline } from '../../../src/lib/metrics/headline';
import { queryAreas } from '../../../src/lib/queries/areas';
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
});
