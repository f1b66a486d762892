/**
 * A publish payload built the way the upload page builds it (the same pipeline, on a fixture), on the demonstration
 * dataset as version 1 of `demo`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openDataset, type ServerDataset } from '../../src/lib/server/datasets/server-dataset';
import type { KnownArea } from '../../src/lib/upload/areas';
import { toPublishPayload, type PublishPayload } from '../../src/lib/upload/payload';
import { runPipeline } from '../../src/lib/upload/pipeline';
import { demoDataset } from './demo-dataset';

/** The demonstration dataset opened as `demo` version 1, as the server seeds it. */
export async function openBase(): Promise<ServerDataset> {
	const { manifest, files } = demoDataset();
	const opened = await openDataset({
		manifestText: JSON.stringify(manifest),
		readTable: async (file) => files.get(file)!,
		ref: { datasetId: 'demo', version: 1 }
	});
	return opened;
}

/** What the upload page checks a file against: the base version's areas and its indicators' units. */
export async function uploadContext(base: ServerDataset): Promise<{ areas: KnownArea[]; units: Record<string, string> }> {
	const areas = (await base.engine.query('SELECT area_code, ods_code, name, area_type, parent_code, former_codes FROM areas')).map((r) => ({
		areaCode: String(r.area_code),
		odsCode: (r.ods_code as string | null) ?? null,
		name: String(r.name),
		areaType: r.area_type,
		parentCode: (r.parent_code as string | null) ?? null,
		formerCodes: (r.former_codes as string | null) ?? null
	})) as KnownArea[];
	const units = Object.fromEntries((await base.engine.query('SELECT indicator_id, unit FROM indicators')).map((r) => [r.indicator_id, r.unit])) as Record<
		string,
		string
	>;
	return { areas, units };
}

/** The payload for a fixture in tests/fixtures/upload, published as `datasetId` on the version `base` is (`demo` version 1 by default). */
export async function preparePayload(base: ServerDataset, fixture: string, datasetId: string): Promise<PublishPayload> {
	const { areas, units } = await uploadContext(base);
	const bytes = new Uint8Array(readFileSync(`tests/fixtures/upload/${fixture}`));
	const result = runPipeline({ bytes, areas, baseUnits: units });
	if (!result.ok) throw new Error(`the fixture ${fixture} did not pass the upload checks`);
	return toPublishPayload(result, {
		datasetId,
		title: `Test upload of ${fixture}`,
		basedOn: base.ref ?? { datasetId: 'demo', version: 1 },
		fileName: fixture,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		bytes: bytes.byteLength
	});
}
