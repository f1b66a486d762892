/** A stored answer: status, headers and body bytes. */
interface Stored {
	status: number;
	headers: [string, string][];
	body: Uint8Array;
}

export interface PageCacheOptions {
	/** Most answers kept (least recently used out first). */
	max?: number;
	/** Largest body kept, in bytes. */
	maxBytes?: number;
}

/**
 * Whole answers to anonymous GETs of pages whose content depends only on the URL and the dataset version
 * (the demonstration pages): rendered once, then served from memory. Only 200s without a Set-Cookie are kept.
 */
export function createPageCache({ max = 500, maxBytes = 2 * 1024 * 1024 }: PageCacheOptions = {}) {
	const entries = new Map<string, Stored>();

	const toResponse = ({ status, headers, body }: Stored) => new Response(body as BodyInit, { status, headers });

	return async function cached(key: string, render: () => Promise<Response>): Promise<Response> {
		const hit = entries.get(key);
		if (hit) {
			entries.delete(key);
			entries.set(key, hit);
			return toResponse(hit);
		}
		const response = await render();
		if (response.status !== 200 || response.headers.has('set-cookie')) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const stored: Stored = { status: response.status, headers: [...response.headers], body };
		if (body.byteLength <= maxBytes) {
			entries.set(key, stored);
			if (entries.size > max) entries.delete(entries.keys().next().value!);
		}
		return toResponse(stored);
	};
}
