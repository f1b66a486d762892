import fc from 'fast-check';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPageCache } from '../../../../src/lib/server/cache/page-cache';
import { chooseEncoding, type Encoding } from '../../../../src/lib/server/http/encoding';

describe('choosing an encoding from Accept-Encoding', () => {
	it.each([
		['gzip, deflate, br, zstd', ['br', 'gzip'], 'br'],
		['gzip, deflate, br', ['gzip'], 'gzip'],
		['gzip', ['br', 'gzip'], 'gzip'],
		['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
		['gzip;q=0.2, br;q=0.8', ['br', 'gzip'], 'br'],
		['gzip;q=0.9, br;q=0.1', ['br', 'gzip'], 'gzip'],
		['BR', ['br', 'gzip'], 'br'],
		['*', ['br', 'gzip'], 'br'],
		['*;q=0, gzip', ['br', 'gzip'], 'gzip'],
		['identity', ['br', 'gzip'], undefined],
		['deflate', ['br', 'gzip'], undefined],
		['gzip;q=0', ['gzip'], undefined],
		['brotli, xgzip', ['br', 'gzip'], undefined],
		['', ['br', 'gzip'], undefined],
		[undefined, ['br', 'gzip'], undefined],
		['gzip, br', [], undefined]
	] as [string | undefined, Encoding[], Encoding | undefined][])('%s of %j gives %s', (accept, available, expected) => {
		expect(chooseEncoding(accept, available)).toBe(expected);
	});

	it('gives only an encoding that is available and that the header accepts, whatever the header', () => {
		const token = fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'BR', 'x-gzip', '');
		const q = fc.option(fc.constantFrom('0', '0.0', '0.5', '1', 'abc', '-1'), { nil: undefined });
		// Each coding named at most once (a header naming one twice says nothing clear).
		const header = fc
			.uniqueArray(fc.tuple(token, q), { maxLength: 6, selector: ([t]) => t.toLowerCase() })
			.map((items) => items.map(([t, w]) => (w === undefined ? t : `${t};q=${w}`)).join(', '));
		const available = fc.subarray(['br', 'gzip'] as Encoding[]);
		fc.assert(
			fc.property(header, available, (accept, offered) => {
				const chosen = chooseEncoding(accept, offered);
				if (chosen === undefined) return;
				expect(offered).toContain(chosen);
				// Refused outright (q=0) it is never chosen.
				expect(
					accept
						.toLowerCase()
						.split(',')
						.map((s) => s.trim())
				).not.toContain(`${chosen};q=0`);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('the page cache, compressing what it keeps', () => {
	const page = '<!doctype html><p>' + 'Women reached by specialist services. '.repeat(200) + '</p>';
	const render =
		(body: string, type = 'text/html') =>
		async () =>
			new Response(body, { headers: { 'content-type': type, etag: '"abc"' } });

	it('sends a kept page Brotli or gzip as the browser asks, the same bytes once decoded, rendering it once', async () => {
		const cached = createPageCache();
		let renders = 0;
		const counted = async () => (renders++, render(page)());
		const first = await cached('k', counted, { acceptEncoding: 'gzip, deflate, br' });
		expect(first.headers.get('content-encoding')).toBe('br');
		expect(first.headers.get('vary')).toMatch(/accept-encoding/);
		expect(first.headers.get('etag')).toBe('"abc"');
		const brotli = Buffer.from(await first.arrayBuffer());
		expect(brotliDecompressSync(brotli).toString()).toBe(page);
		expect(brotli.length).toBeLessThan(page.length / 10);
		const again = Buffer.from(await (await cached('k', counted, { acceptEncoding: 'br' })).arrayBuffer());
		expect(Buffer.compare(again, brotli)).toBe(0);
		const gzipped = await cached('k', counted, { acceptEncoding: 'gzip' });
		expect(gzipped.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(page);
		const plain = await cached('k', counted);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toMatch(/accept-encoding/);
		expect(await plain.text()).toBe(page);
		expect(renders).toBe(1);
	});

	it('leaves small answers and types that do not compress as they are', async () => {
		const cached = createPageCache();
		const small = await cached('small', render('<p>short</p>'), { acceptEncoding: 'br' });
		expect([small.headers.get('content-encoding'), await small.text()]).toEqual([null, '<p>short</p>']);
		const pdf = await cached('pdf', render(page, 'application/pdf'), { acceptEncoding: 'br' });
		expect([pdf.headers.get('content-encoding'), await pdf.text()]).toEqual([null, page]);
		const csv = await cached('csv', render(page, 'text/csv; charset=utf-8'), { acceptEncoding: 'gzip' });
		expect(csv.headers.get('content-encoding')).toBe('gzip');
	});
});
