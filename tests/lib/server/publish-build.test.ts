import fc from 'fast-check';
import { tableFromIPC } from '@uwdata/flechette';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPublishTask, type PublishBase } from '../../../src/lib/server/datasets/publish-build';
import { publishBase } from '../../../src/lib/server/datasets/publish';
import { openBase, preparePayload } from '../../helpers/publish-payload';
import type { PublishPayload } from '../../../src/lib/upload/payload';

let base: PublishBase;
let payload: PublishPayload;

beforeAll(async () => {
	const server = await openBase();
	base = await publishBase(server);
	payload = await preparePayload(server, 'mhsds-monthly.csv', 'fuzz-test');
});

const figure = fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.double({ min: -1, max: 1e6, noNaN: true }), fc.constant(null));
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('see 943 476 5919', 'ask jane.doe@example.org', 'M1 1AE', 'born 03/04/1990'));
const areaCode = fc.constantFrom('E54000057', 'E54000011', 'E92000001', 'E40000010', 'E54000052', 'E54999999', 'E08000003');

/**
 * Places in a payload a tampering client could change, down to single fields of single rows, each with values of
 * the right kind (so the checks past the schema are reached: fit, personal data, disclosure control, building).
 */
const PLACES: Record<string, fc.Arbitrary<unknown>> = {
	datasetId: fc.constantFrom('fuzz-test', 'demo', 'Fuzz', 'x'),
	title: text,
	'basedOn.version': fc.constantFrom(1, 2, 0),
	'source.format': fc.constantFrom('fingertips', 'mapped', 'record-level', 'excel'),
	'source.mapping': fc.dictionary(fc.constantFrom('area', 'period', 'value', 'bad key!'), text, { maxKeys: 4 }),
	notes: fc.array(text, { maxLength: 3 }),
	'indicators.0.unit': fc.constantFrom('count', 'percent', 'per_1000', 'rate'),
	'indicators.0.indicatorId': fc.constantFrom('pmh_specialist_access', 'pmh_new_indicator', 'Bad-Id'),
	areas: fc.array(fc.record({ areaCode, name: text, parentCode: fc.oneof(areaCode, fc.constant(null)), parentName: text }), { maxLength: 2 }),
	'observations.0.areaCode': areaCode,
	'observations.0.indicatorId': fc.constantFrom('pmh_specialist_access', 'pmh_new_indicator', 'pmh_unknown'),
	'observations.1.count': figure,
	'observations.1.value': figure,
	'observations.2.suppressed': fc.boolean(),
	'observations.2.categoryType': fc.constantFrom('', 'imd_quintile', 'ethnic_group', 'sex'),
	'observations.2.category': fc.constantFrom('', 'Q1 (most deprived)', 'White', 'All'),
	'observations.3.period': fc.constantFrom('2023/24', '2019/20', '2030/31', 'Q1 2024', 'x'),
	'observations.3.periodStart': fc.constantFrom('2023-04-01', '2031-01-01', '2023-4-1'),
	'observations.4.denominator': figure,
	'observations.5.note': fc.oneof(text, fc.constant(null)),
	__proto__: fc.constant({ admin: true }),
	constructor: fc.jsonValue({ maxDepth: 1 })
};

/** A change: mostly a value of the right kind for its place, sometimes any JSON at all, or the field removed. */
const change = fc.constantFrom(...Object.keys(PLACES)).chain((path) =>
	fc.record({
		path: fc.constant(path),
		value: fc.oneof(
			{ weight: 8, arbitrary: PLACES[path] },
			{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
			{ weight: 1, arbitrary: fc.constant(undefined) }
		)
	})
);

function mutate(target: Record<string, unknown>, path: string, value: unknown) {
	const keys = path.split('.');
	let at = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof at[key] !== 'object' || at[key] === null) return;
		at = at[key] as Record<string, unknown>;
	}
	const last = keys.at(-1)!;
	// As JSON.parse gives it: an own property, whatever its name.
	if (value === undefined) delete at[last];
	else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
}

describe('the publish build on tampered payloads (property)', () => {
	it('never throws: each is refused with a status and reasons, or builds a version whose tables read back', () => {
		fc.assert(
			fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (mutations) => {
				const body = structuredClone(payload) as unknown as Record<string, unknown>;
				for (const { path, value } of mutations) mutate(body, path, value);
				const result = runPublishTask({ kind: 'build', body: JSON.parse(JSON.stringify(body)), base, when: '2026-12-04' });
				if (!result.ok) {
					expect([400, 409, 413, 422]).toContain(result.status);
					expect(result.reason.length).toBeGreaterThan(10);
					return;
				}
				expect('files' in result).toBe(true);
				// Whatever was changed, nothing published below an area's 5, or unrounded (England is published as it is).
				const sent = (JSON.parse(JSON.stringify(body)) as PublishPayload).observations;
				for (const o of sent.filter((o) => o.areaCode !== 'E92000001' && !o.suppressed))
					for (const n of [o.count, o.denominator]) if (n !== null) expect(n >= 5 && n % 5 === 0, `${o.areaCode} ${o.period}: ${n}`).toBe(true);
				if ('files' in result)
					for (const [name, bytes] of result.files) expect(tableFromIPC(bytes).numRows, name).toBe(result.rows[name.split('.')[0] as 'areas']);
			}),
			{ numRuns: 200 }
		);
	});
});
