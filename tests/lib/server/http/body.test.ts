import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { readBodyBytes, readForm } from '../../../../src/lib/server/http/body';

/** A request whose body arrives as a stream of chunks, with no Content-Length (as a chunked upload sends it). */
function streamed(chunks: Uint8Array[], type = 'application/octet-stream') {
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(chunk);
			controller.close();
		}
	});
	return new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': type }, duplex: 'half' } as RequestInit);
}

async function statusOf(promise: Promise<unknown>) {
	try {
		await promise;
		return 'read';
	} catch (error) {
		if (isHttpError(error)) return `${error.status} ${error.body.message}`;
		throw error;
	}
}

/** A multipart form of one field holding `size` bytes, and its content type. */
function multipart(size: number) {
	const form = new FormData();
	form.set('note', 'x'.repeat(size));
	return new Response(form);
}

describe('request bodies are read within a limit', () => {
	it('reads a body under the limit, and refuses one over it whether or not its length is declared', async () => {
		const chunk = new Uint8Array(1024).fill(65);
		expect(new Uint8Array(await readBodyBytes(streamed([chunk, chunk]), { limit: 4096 }))).toEqual(new Uint8Array(2048).fill(65));
		expect(await statusOf(readBodyBytes(streamed(Array.from({ length: 5 }, () => chunk)), { limit: 4096 }))).toBe(
			'413 The request body is larger than 4 KiB, the most this accepts. Send less, for example fewer options or parameters.'
		);
		const declared = new Request('http://localhost/x', { method: 'POST', body: 'x'.repeat(5000), headers: { 'content-length': '5000' } });
		expect(await statusOf(readBodyBytes(declared, { limit: 4096 }))).toMatch(/^413 /);
	});

	it('reads a multipart form within the limit, and refuses a larger one sent without a Content-Length', async () => {
		const small = multipart(100);
		const type = small.headers.get('content-type')!;
		const form = await readForm(streamed([new Uint8Array(await small.arrayBuffer())], type), { limit: 4096 });
		expect(form.get('note')).toBe('x'.repeat(100));
		const large = multipart(10_000);
		expect(await statusOf(readForm(streamed([new Uint8Array(await large.arrayBuffer())], large.headers.get('content-type')!), { limit: 4096 }))).toBe(
			'413 The form is larger than 4 KiB, the most this accepts.'
		);
	});

	it('reads a urlencoded form, and says how to send one it cannot read', async () => {
		const form = await readForm(new Request('http://localhost/x', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'two' }) }));
		expect([...form.entries()]).toEqual([
			['a', '1'],
			['b', 'two']
		]);
		const garbled = streamed([new TextEncoder().encode('not a multipart body')], 'multipart/form-data; boundary=nothing');
		expect(await statusOf(readForm(garbled))).toBe('400 The form could not be read; send it as application/x-www-form-urlencoded or multipart/form-data.');
	});
});
