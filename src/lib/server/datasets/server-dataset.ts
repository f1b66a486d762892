import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { toManifest, type Manifest } from '$lib/contract/manifest';
import type { Engine } from '$lib/engine/engine';
import { loadDataset } from '$lib/engine/load-dataset';
import type { TableProvenance } from '$lib/tables/table';
import { createMemo } from '../cache/memo';
import { NodeEngine } from '../engine/node-engine';
import { sha256Hex } from './digest';

/** Which published version: `demo` version 1 is the demonstration data. */
export interface DatasetRef {
	datasetId: string;
	version: number;
}

export interface ServerDataset {
	manifest: Manifest;
	/** SHA-256 of the manifest, which lists every table's SHA-256: changes whenever any of the data does. */
	version: string;
	/** The registry's name for it; absent for a folder opened directly (tests, tools). */
	ref?: DatasetRef;
	/**
	 * `dataset=...&version=...` when this is not the default dataset's latest version, else ''. Links within
	 * the app carry it so a reader stays on the version they chose.
	 */
	query: string;
	engine: Engine;
	/** A file the manifest lists, or manifest.json itself, with its entity tag; undefined for anything else. */
	readFile(file: string): Promise<DatasetFile | undefined>;
	/**
	 * Figures derived from this dataset, computed once per key and shared (bounded, least recently used out).
	 * A dataset never changes, so a page's figures for the same inputs never change either.
	 */
	memo<T>(key: string, compute: () => Promise<T> | T): Promise<T>;
	/** What every table and CSV from this dataset names as its source. */
	provenance: TableProvenance;
}

export interface DatasetFile {
	bytes: Uint8Array;
	/** The same bytes, Brotli-compressed (computed once, on first request). */
	brotli: () => Promise<Uint8Array>;
	etag: string;
}

const compress = promisify(brotliCompress);

export { sha256Hex };

function toDatasetFile(bytes: Uint8Array): DatasetFile {
	let brotli: Promise<Uint8Array> | undefined;
	return {
		bytes,
		etag: `"${sha256Hex(bytes).slice(0, 32)}"`,
		brotli: () => (brotli ??= compress(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }))
	};
}

export interface DatasetSource {
	manifestText: string;
	/** Reads one table file the manifest names. */
	readTable(file: string): Promise<Uint8Array>;
	ref?: DatasetRef;
	query?: string;
}

/** Checks a manifest, then loads its tables (each checked against its SHA-256) into a new node engine. */
export async function openDataset({ manifestText, readTable, ref, query = '' }: DatasetSource): Promise<ServerDataset> {
	const manifest = toManifest(JSON.parse(manifestText));
	const files = new Map<string, DatasetFile>([['manifest.json', toDatasetFile(new TextEncoder().encode(manifestText))]]);
	const engine = await NodeEngine.create();
	try {
		await loadDataset(engine, {
			manifest,
			readFile: async (file) => {
				const bytes = await readTable(file);
				files.set(file, toDatasetFile(bytes));
				return bytes;
			}
		});
	} catch (error) {
		await engine.close();
		throw error;
	}
	const memo = createMemo<unknown>({ max: 1_000 });
	const version = sha256Hex(manifestText);
	const name = ref ? `${ref.datasetId} version ${ref.version}` : manifest.datasetId;
	return {
		manifest,
		version,
		ref,
		query,
		engine,
		readFile: async (file) => files.get(file),
		memo: <T>(key: string, compute: () => Promise<T> | T) => memo(key, compute) as Promise<T>,
		provenance: { datasetVersion: `${name} (manifest sha256 ${version.slice(0, 12)})`, synthetic: manifest.synthetic }
	};
}

/** Reads a dataset folder (manifest.json and the files it lists), as the generator writes it. */
export async function readDatasetFolder(dir: string): Promise<DatasetSource> {
	let manifestText: string;
	try {
		manifestText = await readFile(join(dir, 'manifest.json'), 'utf8');
	} catch (cause) {
		throw new Error(`no dataset at ${dir}: manifest.json is missing; run \`npm run data:generate\` (the build does this)`, { cause });
	}
	return { manifestText, readTable: (file) => readFile(join(dir, file)) };
}
