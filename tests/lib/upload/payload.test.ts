import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PUBLISH_LIMITS, publishPayloadSchema, publishSizeProblem, type PublishPayload } from '../../../src/lib/upload/payload';

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
		expect(v.safeParse(publishPayloadSchema, most).success).toBe(true);
		const json = Buffer.from(JSON.stringify(most));
		const gzipped = gzipSync(json);
		expect(json.byteLength).toBeLessThan(PUBLISH_LIMITS.jsonBytes);
		expect(gzipped.byteLength).toBeLessThan(PUBLISH_LIMITS.gzipBytes);
		expect(publishSizeProblem({ observations: most.observations.length, jsonBytes: json.byteLength, gzipBytes: gzipped.byteLength })).toBeNull();
		// One more is refused by the schema the server checks with, as the page says before sending.
		const over = payload(observations(PUBLISH_LIMITS.observations + 1));
		expect(v.safeParse(publishPayloadSchema, over).success).toBe(false);
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
