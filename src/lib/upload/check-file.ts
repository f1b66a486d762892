import type { PipelineInput, PipelineResult } from './pipeline';

export interface Checked {
	result: PipelineResult;
	sha256: string;
}

/** Runs the pipeline in a Worker; `cancel` stops it at once. */
export function checkFile(input: PipelineInput): { done: Promise<Checked>; cancel: () => void } {
	const worker = new Worker(new URL('./pipeline-worker.ts', import.meta.url), { type: 'module' });
	let settle: { reject: (e: Error) => void } | undefined;
	const done = new Promise<Checked>((resolve, reject) => {
		settle = { reject };
		worker.onmessage = (event: MessageEvent<{ ok: true; result: PipelineResult; sha256: string } | { ok: false; message: string }>) => {
			worker.terminate();
			if (event.data.ok) resolve({ result: event.data.result, sha256: event.data.sha256 });
			else reject(new Error(`The file could not be checked: ${event.data.message}`));
		};
		worker.onerror = (event) => {
			worker.terminate();
			reject(new Error(`The file could not be checked: ${event.message || 'the checking worker failed'}`));
		};
	});
	worker.postMessage(input);
	return {
		done,
		cancel: () => {
			worker.terminate();
			settle?.reject(new Error('Cancelled.'));
		}
	};
}

/** gzip in the browser (CompressionStream), as the publish API accepts. */
export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer>> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}
