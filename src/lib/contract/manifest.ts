import { TABLE_NAMES, type TableName } from './tables';

export const SCHEMA_VERSION = 1;

export interface ManifestTable {
	/** File name, relative to the manifest's own URL. Content-hashed, so it can be cached for ever. */
	file: string;
	format: 'arrow-ipc-stream';
	rows: number;
	bytes: number;
	sha256: string;
}

export interface Manifest {
	schemaVersion: number;
	datasetId: string;
	title: string;
	synthetic: boolean;
	disclosureControl: { applied: boolean; method: string };
	generator?: { name: string; version: string; seed: number };
	provenance: string[];
	periods: string[];
	latestPeriod: string;
	tables: Record<TableName, ManifestTable>;
}

/** Checks the shape of a manifest read from disk or the network; throws with the first problem found. */
export function toManifest(value: unknown): Manifest {
	if (typeof value !== 'object' || value === null) throw new Error('manifest: not a JSON object');
	const m = value as Partial<Manifest>;
	if (m.schemaVersion !== SCHEMA_VERSION) {
		throw new Error(`manifest: schemaVersion ${String(m.schemaVersion)} is not supported (expected ${SCHEMA_VERSION})`);
	}
	if (typeof m.datasetId !== 'string' || typeof m.title !== 'string') throw new Error('manifest: datasetId and title are required');
	if (!Array.isArray(m.periods) || typeof m.latestPeriod !== 'string') throw new Error('manifest: periods and latestPeriod are required');
	for (const name of TABLE_NAMES) {
		const table = m.tables?.[name];
		if (!table || typeof table.file !== 'string' || !/^[\w.-]+$/.test(table.file) || !/^[0-9a-f]{64}$/.test(table.sha256)) {
			throw new Error(`manifest: table "${name}" is missing or has no valid file name and sha256`);
		}
	}
	return m as Manifest;
}
