import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePublishPayload, PUBLISH_LIMITS, publishPayloadSchema, publishSizeProblem, type PublishPayload } from '../../../src/lib/upload/payload';

/** `n` observations as a Fingertips export gives them: many indicators, areas and years, figures with decimals. */
function observations(n: number): PublishPayload['observations'] {
	let seed = 7;
	const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
	return Array.from({ length: n }, (_, i) => {
		const year = 2010 + (i % 14);
		const count = 5 * Math.round(random() * 2000);
		const denominator = 5 * Math.round(2000 + random() * 20000);
		const value = Math.round((count / denominator) * 1e6) / 1e4;
		return {
			line: i + 2,
			indicatorId: `fingertips_${90000 + (i % 80)}`,
			areaCode: `E${String(54000000 + (Math.floor(i / 80) % 200)).padStart(8, '0')}`,
			period: `${year}/${String((year + 1) % 100).padStart(2, '0')}`,
			periodStart: `${year}-04-01`,
			periodEnd: `${year + 1}-03-31`,
			categoryType: '',
			category: '',
			value,
			lowerCi95: Math.round(value * 0.93 * 1e4) / 1e4,
			upperCi95: Math.round(value * 1.07 * 1e4) / 1e4,
			count,
			denominator,
			suppressed: false,
			note: null
		};
	});
}

const payload = (rows: PublishPayload['observations']): PublishPayload => ({
	datasetId: 'limits',
	title: 'Limits',
	basedOn: { datasetId: 'demo', version: 1 },
	source: { fileName: 'export.csv', sha256: '0'.repeat(64), bytes: 1, format: 'fingertips', description: 'Fingertips' },
	notes: [],
	indicators: [],
	areas: [],
	observations: rows
});

describe('how much one publish may send', () => {
	it('fits the most observations allowed, as JSON and compressed, so the count is the limit an analyst meets', () => {
		const most = payload(observations(PUBLISH_LIMITS.observations));
		expect(parsePublishPayload(most).ok).toBe(true);
		const json = Buffer.from(JSON.stringify(most));
		const gzipped = gzipSync(json);
		expect(json.byteLength).toBeLessThan(PUBLISH_LIMITS.jsonBytes);
		expect(gzipped.byteLength).toBeLessThan(PUBLISH_LIMITS.gzipBytes);
		expect(publishSizeProblem({ observations: most.observations.length, jsonBytes: json.byteLength, gzipBytes: gzipped.byteLength })).toBeNull();
		// One more is refused by the schema the server checks with, as the page says before sending.
		const over = payload(observations(PUBLISH_LIMITS.observations + 1));
		expect(parsePublishPayload(over)).toEqual({ ok: false, errors: [{ path: 'observations', message: 'at most 200,000 observations' }] });
	});

	it('says which limit is passed, by how much, and how to publish the file anyway', () => {
		expect(publishSizeProblem({ observations: 570_068 })).toBe(
			'This file gives 570,068 observations to publish; at most 200,000 can be published at once. Publish the file in parts, each with fewer indicators, years or kinds of area (each part is then a new version of the same dataset, adding to the one before).'
		);
		expect(publishSizeProblem({ observations: 10, jsonBytes: 100 * 1024 * 1024 })).toMatch(
			/^The figures to publish come to 100 MB; at most 96 MB can be published at once\. Publish the file in parts/
		);
		expect(publishSizeProblem({ observations: 10, jsonBytes: 1000, gzipBytes: 9.5 * 1024 * 1024 })).toMatch(
			/^The figures to publish come to 9\.5 MB compressed; at most 8 MB can be sent at once\. Publish the file in parts/
		);
		expect(
			publishSizeProblem({ observations: PUBLISH_LIMITS.observations, jsonBytes: PUBLISH_LIMITS.jsonBytes, gzipBytes: PUBLISH_LIMITS.gzipBytes })
		).toBeNull();
	});
});

describe('checking a payload as the server receives it', () => {
	const valid = () => ({ ...payload(observations(3)), notes: ['a note'], source: { ...payload([]).source, mapping: { area: 'Code' } } });
	/** A JSON value in one of the places a payload holds values, or a key added or dropped. */
	const mutation = fc.record({
		path: fc.constantFrom(
			'title',
			'datasetId',
			'basedOn',
			'source',
			'source.mapping',
			'notes',
			'indicators',
			'areas',
			'observations',
			'observations.0',
			'observations.1.count',
			'observations.2.period',
			'extra'
		),
		value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined))
	});
	const mutate = (target: Record<string, unknown>, path: string, value: unknown) => {
		const keys = path.split('.');
		let at = target as Record<string, unknown>;
		for (const key of keys.slice(0, -1)) {
			if (typeof at[key] !== 'object' || at[key] === null) return;
			at = at[key] as Record<string, unknown>;
		}
		if (value === undefined) delete at[keys.at(-1)!];
		else at[keys.at(-1)!] = value;
	};

	it('accepts exactly what the whole schema accepts, giving the same payload, and refuses the rest with the problems it finds (property)', () => {
		fc.assert(
			fc.property(fc.array(mutation, { maxLength: 3 }), (mutations) => {
				const input = structuredClone(valid()) as unknown as Record<string, unknown>;
				for (const { path, value } of mutations) mutate(input, path, value);
				const whole = v.safeParse(publishPayloadSchema, input, { abortPipeEarly: true });
				const parsed = parsePublishPayload(input);
				expect(parsed.ok).toBe(whole.success);
				if (parsed.ok && whole.success) expect(parsed.payload).toEqual(whole.output);
				if (!parsed.ok) {
					expect(parsed.errors.length).toBeGreaterThan(0);
					expect(parsed.errors.length).toBeLessThanOrEqual(21);
					const found = new Set(whole.issues!.map((issue) => issue.message));
					for (const error of parsed.errors.filter((e) => e.path)) expect(found.has(error.message), error.message).toBe(true);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('answers a small body that would make millions of problems with a few, saying which list is too long or what its first items lack', () => {
		const empties = (n: number) => Array.from({ length: n }, () => ({}));
		// 1,000,000 empty objects are 3 MB of JSON, a few KB compressed; the whole schema would make 15 problems of each.
		expect(parsePublishPayload({ ...valid(), observations: empties(1_000_000) })).toEqual({
			ok: false,
			errors: [{ path: 'observations', message: 'at most 200,000 observations' }]
		});
		const within = parsePublishPayload({ ...valid(), observations: empties(150_000) });
		expect(within.ok).toBe(false);
		if (!within.ok) {
			expect(within.errors).toHaveLength(21);
			expect(within.errors[0].path).toBe('observations[0].line');
			expect(within.errors.at(-1)).toEqual({ path: '', message: 'and perhaps more problems, not looked for; fix these first' });
		}
		expect(parsePublishPayload({ ...valid(), notes: Array(1_000_000).fill(0) })).toMatchObject({
			ok: false,
			errors: [{ path: 'notes', message: 'at most 50 notes' }]
		});
		const mapping = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, 1]));
		expect(parsePublishPayload({ ...valid(), source: { ...valid().source, mapping } })).toMatchObject({
			ok: false,
			errors: [{ path: 'source.mapping', message: 'at most 20 mapped columns' }]
		});
	});
});
