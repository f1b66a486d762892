import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { toManifest, type Manifest } from '$lib/contract/manifest';
import type { Engine } from '$lib/engine/engine';
import { loadDataset } from '$lib/engine/load-dataset';
import type { TableProvenance } from '$lib/tables/table';
import { createMemo } from './cache/memo';
import { readConfig } from './config';
import { NodeEngine } from './engine/node-engine';

export interface ServerDataset {
	manifest: Manifest;
	/** SHA-256 of the manifest, which lists every table's SHA-256: changes whenever any of the data does. */
	version: string;
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

function toDatasetFile(bytes: Uint8Array): DatasetFile {
	let brotli: Promise<Uint8Array> | undefined;
	return {
		bytes,
		etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
		brotli: () => (brotli ??= compress(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }))
	};
}

/** Opens a dataset folder: reads and checks its manifest, then loads its tables into a new node engine. */
export async function openServerDataset(dir: string): Promise<ServerDataset> {
	let manifestText: string;
	try {
		manifestText = await readFile(join(dir, 'manifest.json'), 'utf8');
	} catch (cause) {
		throw new Error(`no dataset at ${dir}: manifest.json is missing; run \`npm run data:generate\` (the build does this)`, { cause });
	}
	const manifest = toManifest(JSON.parse(manifestText));
	const files = new Map<string, DatasetFile>([['manifest.json', toDatasetFile(new TextEncoder().encode(manifestText))]]);
	const engine = await NodeEngine.create();
	await loadDataset(engine, {
		manifest,
		readFile: async (file) => {
			const bytes = await readFile(join(dir, file));
			files.set(file, toDatasetFile(bytes));
			return bytes;
		}
	});
	const memo = createMemo<unknown>({ max: 1_000 });
	const version = createHash('sha256').update(manifestText).digest('hex');
	return {
		manifest,
		version,
		engine,
		readFile: async (file) => files.get(file),
		memo: <T>(key: string, compute: () => Promise<T> | T) => memo(key, compute) as Promise<T>,
		provenance: { datasetVersion: `${manifest.datasetId} (manifest sha256 ${version.slice(0, 12)})`, synthetic: manifest.synthetic }
	};
}

let demo: Promise<ServerDataset> | undefined;

/** The demonstration dataset, opened once on first use and shared by every request. */
export function demoDataset(): Promise<ServerDataset> {
	demo ??= openServerDataset(readConfig().demoDataDir).catch((error) => {
		demo = undefined;
		throw error;
	});
	return demo;
}
