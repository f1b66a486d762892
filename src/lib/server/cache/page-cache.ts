import { chooseEncoding, compress, isCompressible, type Encoding } from '../http/encoding';

/** A stored answer: status, headers and body bytes, and the body compressed, once per encoding asked for. */
interface Stored {
	status: number;
	headers: [string, string][];
	body: Uint8Array;
	encoded: Map<Encoding, Promise<Uint8Array>>;
}

export interface PageCacheOptions {
	/** Most answers kept (least recently used out first). */
	max?: number;
	/** Largest body kept, in bytes. */
	maxBytes?: number;
}

/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const MIN_COMPRESSED_BYTES = 1024;

/**
 * Whole answers to anonymous GETs of pages whose content depends only on the URL and the dataset version
 * (the demonstration pages): rendered once, then served from memory. Only 200s without a Set-Cookie are kept.
 * A kept answer is compressed once for each encoding browsers ask for (`acceptEncoding`), not at every request.
 */
export function createPageCache({ max = 500, maxBytes = 2 * 1024 * 1024 }: PageCacheOptions = {}) {
	const entries = new Map<string, Stored>();

	async function toResponse(stored: Stored, acceptEncoding: string | null | undefined): Promise<Response> {
		const { status, headers, body } = stored;
		const type = headers.find(([name]) => name === 'content-type')?.[1];
		if (body.byteLength < MIN_COMPRESSED_BYTES || !isCompressible(type)) return new Response(body as BodyInit, { status, headers });
		const out = new Headers(headers);
		out.append('vary', 'accept-encoding');
		const encoding = chooseEncoding(acceptEncoding, ['br', 'gzip']);
		if (!encoding) return new Response(body as BodyInit, { status, headers: out });
		let encoded = stored.encoded.get(encoding);
		if (!encoded) stored.encoded.set(encoding, (encoded = compress(body, encoding)));
		out.set('content-encoding', encoding);
		out.delete('content-length');
		return new Response((await encoded) as BodyInit, { status, headers: out });
	}

	return async function cached(key: string, render: () => Promise<Response>, { acceptEncoding }: { acceptEncoding?: string | null } = {}): Promise<Response> {
		const hit = entries.get(key);
		if (hit) {
			entries.delete(key);
			entries.set(key, hit);
			return toResponse(hit, acceptEncoding);
		}
		const response = await render();
		if (response.status !== 200 || response.headers.has('set-cookie')) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const stored: Stored = { status: response.status, headers: [...response.headers], body, encoded: new Map() };
		if (body.byteLength <= maxBytes) {
			entries.set(key, stored);
			if (entries.size > max) entries.delete(entries.keys().next().value!);
		}
		return toResponse(stored, acceptEncoding);
	};
}
