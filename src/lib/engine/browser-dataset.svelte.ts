import { getContext, setContext } from 'svelte';
import { toManifest } from '../contract/manifest';
import type { Engine } from './engine';
import { loadDataset } from './load-dataset';

export type DatasetStatus = 'idle' | 'starting' | 'ready' | 'error';

export interface BrowserDatasetOptions {
	/** URL of the dataset's manifest.json; table files are fetched relative to it. */
	manifestUrl: string;
	/** Starts an empty engine; by default DuckDB-wasm in a Worker. */
	start?: () => Promise<Engine>;
	fetch?: typeof fetch;
}

/**
 * A dataset loaded into an engine in the browser, started on first use behind one shared promise.
 * `status` and `error` are reactive, for progress messages.
 */
export class BrowserDataset {
	status = $state<DatasetStatus>('idle');
	error = $state<string | null>(null);
	#engine: Promise<Engine> | undefined;
	#options: BrowserDatasetOptions;

	constructor(options: BrowserDatasetOptions) {
		this.#options = options;
	}

	engine(): Promise<Engine> {
		this.#engine ??= this.#open().then(
			(engine) => {
				this.status = 'ready';
				return engine;
			},
			(error: Error) => {
				this.status = 'error';
				this.error = error.message;
				this.#engine = undefined;
				throw error;
			}
		);
		return this.#engine;
	}

	async #open(): Promise<Engine> {
		this.status = 'starting';
		this.error = null;
		const { manifestUrl, fetch: get = fetch, start = async () => (await import('./browser-duckdb')).startBrowserEngine() } = this.#options;
		const readBytes = async (url: string) => {
			const response = await get(url);
			if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
			return new Uint8Array(await response.arrayBuffer());
		};
		const [engine, manifestBytes] = await Promise.all([start(), readBytes(manifestUrl)]);
		const manifest = toManifest(JSON.parse(new TextDecoder().decode(manifestBytes)));
		// Table files sit beside the manifest.
		const folder = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
		await loadDataset(engine, { manifest, readFile: (file) => readBytes(folder + file) });
		return engine;
	}
}

const KEY = Symbol('browser-dataset');

/** Opens (once) the dataset version whose manifest is at a URL; the root layout provides one to every page. */
export type BrowserDatasets = (manifestUrl: string) => BrowserDataset;

/** One BrowserDataset per manifest URL, kept while the page is open (switching back is instant). */
export function createBrowserDatasets(): BrowserDatasets {
	// A cache, not state: each BrowserDataset is reactive itself.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	const open = new Map<string, BrowserDataset>();
	return (manifestUrl) => {
		let dataset = open.get(manifestUrl);
		if (!dataset) open.set(manifestUrl, (dataset = new BrowserDataset({ manifestUrl })));
		return dataset;
	};
}

export function setBrowserDatasets(datasets: BrowserDatasets): BrowserDatasets {
	return setContext(KEY, datasets);
}

export function getBrowserDatasets(): BrowserDatasets {
	const datasets = getContext<BrowserDatasets | undefined>(KEY);
	if (!datasets) throw new Error('no BrowserDatasets in context: the root layout sets them');
	return datasets;
}
