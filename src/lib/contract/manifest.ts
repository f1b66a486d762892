import * as v from 'valibot';
import { parseOrThrow } from '../validation/parse';
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

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const tableSchema = v.object({
	file: v.pipe(v.string(), v.regex(/^[\w.-]+$/, 'must be a plain file name (letters, digits, dots, dashes)')),
	format: v.literal('arrow-ipc-stream', 'must be "arrow-ipc-stream"'),
	rows: count,
	bytes: count,
	sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'))
});

/** A dataset manifest as read from disk, the network or the database. */
export const manifestSchema = v.object({
	schemaVersion: v.literal(SCHEMA_VERSION, (issue) => `schemaVersion ${String(issue.input)} is not supported (expected ${SCHEMA_VERSION})`),
	datasetId: v.string(),
	title: v.string(),
	synthetic: v.boolean(),
	disclosureControl: v.object({ applied: v.boolean(), method: v.string() }),
	generator: v.optional(v.object({ name: v.string(), version: v.string(), seed: v.number() })),
	provenance: v.array(v.string()),
	periods: v.array(v.string()),
	latestPeriod: v.string(),
	tables: v.object(Object.fromEntries(TABLE_NAMES.map((name) => [name, tableSchema])) as Record<TableName, typeof tableSchema>)
});

/** Checks a manifest read from disk or the network; throws ValidationError listing each problem with its path. */
export function toManifest(value: unknown): Manifest {
	return parseOrThrow(manifestSchema, value, 'manifest') as Manifest;
}
