/// <reference lib="webworker" />
import { hashFile, type HashMessage } from './file-hash';

/** Hashes the File it is sent, posting progress on the way; the page ends the Worker to cancel. */
self.onmessage = async (event: MessageEvent<File>) => {
	const post = (message: HashMessage) => postMessage(message);
	try {
		post({ sha256: await hashFile(event.data, (progress) => post({ progress })) });
	} catch (error) {
		post({ error: (error as Error).message });
	}
};
