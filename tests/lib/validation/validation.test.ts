import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toManifest } from '../../../src/lib/contract/manifest';
import { parseByteSize } from '../../../src/lib/server/http/byte-size';
import { parseForm } from '../../../src/lib/server/forms/parse-form';
import { accountRoleForm, saveScenarioForm, signInForm } from '../../../src/lib/server/forms/schemas';
import { createMemo } from '../../../src/lib/server/cache/memo';
import { scenarioRequestSchema } from '../../../src/lib/model/scenario-schema';
import { validateScenarioRequest } from '../../../src/lib/model/validate';
import { ValidationError } from '../../../src/lib/validation/validation-error';

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(entries)) data.append(k, v);
	return data;
};

describe('one validation layer', () => {
	it('caps the problems it reports, saying how many more there were', () => {
		const params = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, 1]));
		const result = validateScenarioRequest({
			area: 'E92000001',
			options: [{ kind: 'practitioners', params: { salary: 'x' } }],
			economics: { discountRate: -1, ...params }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.length).toBeLessThanOrEqual(21);
	});

	it('refuses too many options by their number, before looking at each (a 64 KiB body holds 21,000)', () => {
		const options = Array.from({ length: 21_000 }, () => ({}));
		const result = v.safeParse(scenarioRequestSchema, { area: 'E92000001', options }, { abortPipeEarly: true });
		expect(result.issues?.map((i) => i.message)).toEqual(['choose between 1 and 4 options']);
		// Within the limit, each option's problems are still found, where they are.
		const checked = validateScenarioRequest({ area: 'E92000001', options: [{ kind: 'nope' }, { kind: 'practitioners', params: { x: 1 } }] });
		expect(checked.ok ? [] : checked.errors.map((e) => e.path)).toEqual(['options[0].kind', 'options[1].params.x']);
	});

	it('names prototype keys as unknown parameters and keeps them out of the partial request', () => {
		const input = JSON.parse('{"area":"E92000001","options":[{"kind":"practitioners","params":{"__proto__":{"x":1},"wte":40}}],"economics":{"constructor":1}}');
		const result = validateScenarioRequest(input);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['options[0].params.__proto__', 'economics.constructor']));
		expect(result.partial.options[0].params).toEqual({ wte: 40 });
		expect(Object.keys(result.partial.economics)).toEqual([]);
	});

	it('checks a manifest field by field and says where', () => {
		expect(() => toManifest({ schemaVersion: 2 })).toThrow(ValidationError);
		try {
			toManifest({
				schemaVersion: 1,
				datasetId: 'x',
				title: 't',
				synthetic: true,
				disclosureControl: { applied: true, method: 'm' },
				provenance: [],
				periods: [],
				latestPeriod: '2024/25',
				tables: {}
			});
		} catch (error) {
			expect((error as ValidationError).errors[0].path).toMatch(/^tables\./);
		}
	});

	it('reads forms into typed values or one message per field', () => {
		expect(parseForm(signInForm, form({ email: ' a@b.org ', password: 'pw' }))).toEqual({
			ok: true,
			value: { email: 'a@b.org', password: 'pw', redirectTo: '' }
		});
		expect(parseForm(signInForm, form({}))).toEqual({ ok: false, errors: { email: 'Enter your email address.', password: 'Enter your password.' } });
		expect(parseForm(signInForm, form({ email: 'a@b.org', password: 'x'.repeat(1001) }))).toMatchObject({
			ok: false,
			errors: { password: expect.stringContaining('1000 characters') }
		});
		expect(parseForm(accountRoleForm, form({ email: 'a@b.org', role: 'constructor' }))).toMatchObject({
			ok: false,
			errors: { role: expect.stringContaining('is not a role') }
		});
		expect(parseForm(saveScenarioForm, form({ title: 'T', scenarioId: '../x' }))).toMatchObject({
			ok: false,
			errors: { scenarioId: expect.stringContaining('not a valid id') }
		});
	});

	it('reads sizes as adapter-node does', () => {
		expect(parseByteSize('512K')).toBe(524_288);
		expect(parseByteSize('1M')).toBe(1_048_576);
		expect(parseByteSize('100')).toBe(100);
		expect(parseByteSize('Infinity')).toBe(Infinity);
		expect(() => parseByteSize('lots')).toThrow(/not a size/);
	});
});

describe('the memo of derived figures', () => {
	it('computes once per key, drops the least recently used past its bound, and forgets failures', async () => {
		const memo = createMemo<number>({ max: 2 });
		let calls = 0;
		const compute = () => ++calls;
		expect(await Promise.all([memo('a', compute), memo('a', compute)])).toEqual([1, 1]);
		await memo('b', compute);
		await memo('a', compute);
		await memo('c', compute);
		expect(await memo('a', compute)).toBe(1);
		expect(await memo('b', compute)).toBe(4);
		await expect(memo('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
		expect(await memo('bad', () => 7)).toBe(7);
	});
});
