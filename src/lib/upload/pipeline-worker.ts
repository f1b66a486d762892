/// <reference lib="webworker" />
import { sha256 } from 'hash-wasm';
import { runPipelineOnFile, type PipelineInput } from './pipeline';

/** Checks an upload off the main thread: the page stays responsive, and Cancel simply ends the Worker. */
self.onmessage = async (event: MessageEvent<PipelineInput>) => {
	try {
		const result = await runPipelineOnFile(event.data);
		postMessage({ ok: true, result, sha256: await sha256(event.data.bytes) });
	} catch (error) {
		postMessage({ ok: false, message: (error as Error).message });
	}
};
