import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { DatasetError, loadDataset } from '../../../src/lib/engine/load-dataset';
import { findArea, queryAreas } from '../../../src/lib/queries/areas';
import { NodeEngine } from '../../../src/lib/server/engine/node-engine';
import { createDemoNodeEngine, demoDataset } from '../../helpers/demo-dataset';

describe('areas', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createDemoNodeEngine();
	});
	afterAll(() => engine.close());

	it('lists England, 7 regions and 42 ICBs, each ICB with a tile', async () => {
		const areas = await queryAreas(engine);
		expect(areas.map((a) => a.areaType).filter((t) => t === 'icb')).toHaveLength(42);
		expect(areas[0]).toMatchObject({ areaCode: 'E92000001', shortName: 'England' });
		expect((await queryAreas(engine, { areaTypes: ['icb'] })).every((a) => a.tileCol !== null && a.tileRow !== null)).toBe(true);
	});

	it('finds areas by current or former code', async () => {
		expect((await findArea(engine, 'E54000057'))?.shortName).toBe('Greater Manchester');
		expect((await findArea(engine, 'E54000007'))?.areaCode).toBe('E54000057');
		expect((await findArea(engine, 'E40000008'))?.areaCode).toBe('E40000011');
		expect(await findArea(engine, 'E54000999')).toBeUndefined();
	});
});

describe('loading a dataset', () => {
	it('refuses a file whose checksum does not match the manifest, naming the file', async () => {
		const { manifest, files } = demoDataset();
		const engine = await NodeEngine.create();
		const readFile = async (file: string) => {
			const bytes = new Uint8Array(files.get(file)!);
			if (file === manifest.tables.areas.file) bytes[bytes.length - 9] ^= 0xff;
			return bytes;
		};
		const attempt = loadDataset(engine, { manifest, readFile });
		await expect(attempt).rejects.toThrow(DatasetError);
		await expect(attempt).rejects.toThrow(manifest.tables.areas.file);
		await engine.close();
	});
});
