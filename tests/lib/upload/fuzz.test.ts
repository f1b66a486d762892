import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { referenceAreas } from '../../helpers/reference-areas';
import { describe, expect, it } from 'vitest';
import { runPipeline, runPipelineOnFile } from '../../../src/lib/upload/pipeline';
import { makeZip } from '../../helpers/zip';

const areas = referenceAreas;
const baseUnits = { pmh_specialist_access: 'count' };
const fixtures = readdirSync('tests/fixtures/upload').map((name) => new Uint8Array(readFileSync(`tests/fixtures/upload/${name}`)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (s: string) => new TextEncoder().encode(s);

/** Ways real files go wrong, applied to the fixtures. */
const mutation = fc.oneof(
	fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
	fc.record({ kind: fc.constant('latin1' as const) }),
	fc.record({ kind: fc.constant('swap-columns' as const), a: fc.nat(30), b: fc.nat(30) }),
	fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 300 }), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
	fc.record({ kind: fc.constant('huge-field' as const), size: fc.integer({ min: 1_000, max: 200_000 }) }),
	fc.record({ kind: fc.constant('formula' as const), cell: fc.constantFrom("=cmd|' /C calc'!A0", '+SUM(A1:A9)', '@HYPERLINK("http://x")', '-2+3') }),
	fc.record({ kind: fc.constant('drop-line' as const), line: fc.nat(20) }),
	fc.record({ kind: fc.constant('unbalanced-quote' as const), line: fc.nat(20) }),
	fc.record({ kind: fc.constant('bom-and-crlf' as const) })
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
	const lines = text(bytes).split(/\r?\n/);
	switch (m.kind) {
		case 'truncate':
			return bytes.subarray(0, Math.floor(bytes.length * m.at));
		case 'latin1':
			return Uint8Array.from(text(bytes), (c) => Math.min(255, c.charCodeAt(0))).map((b, i) => (i % 97 === 5 ? 0xe9 : b));
		case 'swap-columns': {
			const swapped = lines.map((l) => {
				const cells = l.split(',');
				if (cells.length > Math.max(m.a, m.b)) [cells[m.a], cells[m.b]] = [cells[m.b], cells[m.a]];
				return cells.join(',');
			});
			return bytesOf(swapped.join('\n'));
		}
		case 'garbage': {
			const at = Math.floor(bytes.length * m.at);
			return new Uint8Array([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
		}
		case 'huge-field':
			return bytesOf(lines.map((l, i) => (i === 1 ? l.replace(/,/, `,${'x'.repeat(m.size)},`) : l)).join('\n'));
		case 'formula':
			return bytesOf(lines.map((l, i) => (i === 2 ? l.replace(/^[^,\t]*/, m.cell.includes(',') ? `"${m.cell}"` : m.cell) : l)).join('\n'));
		case 'drop-line':
			return bytesOf(lines.filter((_, i) => i !== m.line).join('\n'));
		case 'unbalanced-quote':
			return bytesOf(lines.map((l, i) => (i === m.line ? `"${l}` : l)).join('\n'));
		case 'bom-and-crlf':
			return new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf(lines.join('\r\n'))]);
	}
	return bytes;
}

describe('uploads that are broken in the ways real files are (fuzz)', () => {
	it('never throw and never hang; each outcome is a specific message or a checked table', () => {
		fc.assert(
			fc.property(fc.nat(fixtures.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
				const bytes = mutations.reduce<Uint8Array>((b, m) => mutate(b, m), fixtures[which]);
				const started = performance.now();
				const result = runPipeline({ bytes, areas, baseUnits });
				expect(performance.now() - started).toBeLessThan(5_000);
				if (result.fatal) {
					expect(result.fatal.length).toBeGreaterThan(10);
					expect(result.ok).toBe(false);
					return;
				}
				if (result.needsMapping) {
					expect(result.header.length).toBeGreaterThan(0);
					return;
				}
				for (const p of result.problems) {
					expect(p.message.length).toBeGreaterThan(5);
					expect(p.fix.length).toBeGreaterThan(5);
				}
				// Publishable only when nothing blocks it, and then every row passed disclosure control.
				if (result.ok) for (const o of result.disclosed!.rows) if (o.areaCode !== 'E92000001' && o.count !== null) expect(o.count % 5).toBe(0);
			}),
			{ numRuns: 3_000, seed: 20261201 }
		);
	});

	it('refuses random bytes with a message, whatever they are', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
				const result = runPipeline({ bytes, areas, baseUnits });
				expect(result.fatal ?? result.detection?.description).toBeTruthy();
			}),
			{ numRuns: 1_000, seed: 7 }
		);
	});

	it('never throws on a damaged ZIP file: truncated, bytes flipped or inserted, anywhere (the table of contents too)', async () => {
		const names = readdirSync('tests/fixtures/upload');
		const zips = [
			makeZip(names.map((name, i) => ({ name, data: fixtures[i] }))),
			...fixtures.map((data, i) => makeZip([{ name: names[i], data, method: i % 2 ? 0 : 8, zip64: i % 3 === 0, dataDescriptor: i % 2 === 0 }]))
		];
		// Anywhere in the file, evenly (a double from fast-check is mostly near 0, and its bias is to the ends).
		const position = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000);
		const damage = fc.oneof(
			fc.record({ kind: fc.constant('truncate' as const), at: position }),
			fc.record({ kind: fc.constant('flip' as const), at: position, bits: fc.integer({ min: 1, max: 255 }) }),
			fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
		);
		await fc.assert(
			fc.asyncProperty(fc.nat(zips.length - 1), fc.array(damage, { minLength: 1, maxLength: 4 }), async (which, damages) => {
				const bytes = damages.reduce<Uint8Array>((b, d) => {
					const at = Math.floor(b.length * d.at);
					if (d.kind === 'truncate') return b.subarray(0, at);
					if (d.kind === 'insert') return new Uint8Array([...b.subarray(0, at), ...d.bytes, ...b.subarray(at)]);
					const copy = b.slice();
					if (at < copy.length) copy[at] ^= d.bits;
					return copy;
				}, zips[which]);
				const result = await runPipelineOnFile({ bytes, areas, baseUnits });
				expect(result.fatal ?? result.detection?.description).toBeTruthy();
				if (result.fatal) expect(result.ok).toBe(false);
			}),
			{ numRuns: 1_500, seed: 20261202 }
		);
	});
});
