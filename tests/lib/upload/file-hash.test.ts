import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashFile, type HashProgress } from '../../../src/lib/upload/file-hash';

describe('the fingerprint of an uploaded file', () => {
	it('is the SHA-256 node:crypto gives, with the bytes and newlines counted, however the file is split into parts', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 200_000 }), { maxLength: 6 }), async (parts) => {
				const blob = new Blob(parts);
				const bytes = Buffer.concat(parts);
				const seen: HashProgress[] = [];
				const digest = await hashFile(blob, (p) => seen.push(p), 0);
				expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
				// The last progress is the whole file.
				expect(seen.at(-1)).toEqual({ bytes: bytes.length, lines: bytes.filter((b) => b === 10).length });
				// Progress only goes forward.
				for (let i = 1; i < seen.length; i++) expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
			}),
			{ numRuns: 40 }
		);
	});

	it('says the end once for an empty file', async () => {
		const seen: HashProgress[] = [];
		expect(await hashFile(new Blob([]), (p) => seen.push(p))).toBe(createHash('sha256').digest('hex'));
		expect(seen).toEqual([{ bytes: 0, lines: 0 }]);
	});
});
