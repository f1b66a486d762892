import { error } from '@sveltejs/kit';

/** Largest JSON or form body the API and form actions read (64 KiB); larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a request body as text, at most `limit` bytes: a larger Content-Length, or a stream that goes past
 * the limit, is answered with 413 and a message saying the limit, never read whole.
 */
export async function readBodyText(request: Request, options: { limit?: number } = {}): Promise<string> {
	return new TextDecoder().decode(await readBodyBytes(request, options));
}

/** The body's bytes, at most `limit` (413 beyond, as for readBodyText). */
export async function readBodyBytes(request: Request, { limit = MAX_BODY_BYTES }: { limit?: number } = {}): Promise<Uint8Array> {
	const tooLarge = () =>
		error(413, `The request body is larger than ${limit / 1024} KiB, the most this accepts. Send less, for example fewer options or parameters.`);
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > limit) tooLarge();
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		// A read fails at the adapter's own limit (BODY_SIZE_LIMIT) or on a broken connection.
		const { done, value } = await reader.read().catch(() => tooLarge());
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			void reader.cancel();
			tooLarge();
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

/** A form body (urlencoded or multipart) read within the limit. */
export async function readForm(request: Request, options?: { limit?: number }): Promise<FormData> {
	const type = request.headers.get('content-type') ?? '';
	if (type.startsWith('application/x-www-form-urlencoded')) {
		const form = new FormData();
		for (const [key, value] of new URLSearchParams(await readBodyText(request, options))) form.append(key, value);
		return form;
	}
	const limit = options?.limit ?? MAX_BODY_BYTES;
	const tooLarge = () => error(413, `The form is larger than ${limit / 1024} KiB, the most this accepts.`);
	if (Number(request.headers.get('content-length') ?? 0) > limit) tooLarge();
	// Read within the limit first (a body sent without a Content-Length too), then parsed.
	const bytes = await readBodyBytes(request, { limit }).catch(() => tooLarge());
	try {
		return await new Response(new Blob([new Uint8Array(bytes)]), { headers: { 'content-type': type } }).formData();
	} catch {
		error(400, 'The form could not be read; send it as application/x-www-form-urlencoded or multipart/form-data.');
	}
}
