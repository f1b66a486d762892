import { tableFromIPC } from '@uwdata/flechette';
import { generateDemoDataset, type DemoDataset } from '../../data/generator/demo-dataset';
import type { Engine } from '../../src/lib/engine/engine';
import { loadDataset } from '../../src/lib/engine/load-dataset';
import { NodeEngine } from '../../src/lib/server/engine/node-engine';

let dataset: DemoDataset | undefined;

/** The demonstration dataset for the default seed, generated once per test file. */
export function demoDataset(): DemoDataset {
	dataset ??= generateDemoDataset();
	return dataset;
}

/** Fills any engine with the demonstration dataset. */
export async function loadDemo(engine: Engine): Promise<Engine> {
	const { manifest, files } = demoDataset();
	await loadDataset(engine, { manifest, readFile: async (file) => files.get(file)! });
	return engine;
}

export async function createDemoNodeEngine(): Promise<Engine> {
	return loadDemo(await NodeEngine.create());
}

export interface RawObservation {
	indicator_id: string;
	area_code: string;
	period: string;
	category_type: string;
	category: string;
	value: number | null;
	suppressed: boolean;
}

/** The observation rows decoded straight from the Arrow file, without any SQL, for independent checks. */
export function rawObservations(): RawObservation[] {
	const { manifest, files } = demoDataset();
	return tableFromIPC(files.get(manifest.tables.observations.file)!).toArray() as unknown as RawObservation[];
}
