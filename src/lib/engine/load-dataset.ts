import { TABLE_NAMES, toCreateTableSql } from '../contract/tables';
import type { Manifest } from '../contract/manifest';
import type { Engine } from './engine';

export interface LoadDatasetOptions {
	manifest: Manifest;
	/** Reads one table file named in the manifest. */
	readFile: (file: string) => Promise<Uint8Array>;
	/** Checks every file against the manifest's SHA-256 before loading it (default true). */
	verify?: boolean;
}

/** Raised when a dataset file does not match its manifest. */
export class DatasetError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DatasetError';
	}
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Creates the contract tables in an engine and fills them from a dataset version's files. */
export async function loadDataset(engine: Engine, { manifest, readFile, verify = true }: LoadDatasetOptions): Promise<void> {
	const files = await Promise.all(
		TABLE_NAMES.map(async (name) => {
			const entry = manifest.tables[name];
			const bytes = await readFile(entry.file);
			if (verify) {
				const actual = await sha256Hex(bytes);
				if (actual !== entry.sha256) {
					throw new DatasetError(
						`${entry.file}: checksum ${actual.slice(0, 12)}… does not match the manifest (${entry.sha256.slice(0, 12)}…); the file is damaged or from another version`
					);
				}
			}
			return { name, bytes };
		})
	);
	for (const { name, bytes } of files) {
		await engine.query(`DROP TABLE IF EXISTS "${name}"`);
		await engine.query(toCreateTableSql(name));
		await engine.loadArrow(name, bytes);
	}
}
