/**
 * Hostile and malformed input against the production server: seeded, bounded, thousands of cases. No
 * answer may be a 5xx, and every refusal says what was wrong.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import fc from 'fast-check';

const SEED = 20261201;
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
const FIELDS = [
	'preset',
	'area',
	'horizonYears',
	'options',
	'economics',
	'monteCarlo',
	'kind',
	'params',
	'draws',
	'seed',
	'wte',
	'caseload',
	'salary',
	'discountRate',
	...PROTOTYPE_KEYS
];
const KINDS = ['practitioners', 'trained-staff', 'specialist-teams', 'peer-support', ...PROTOTYPE_KEYS];

/** JSON text of values that are nearly right: real field names, prototype keys, wrong types, extremes. */
const nearlyValid = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 5e-324, 0.5, 2 ** 53, '', 'E54000057', 'E92000001', 'lse-2022', 'integrate-2025', 'NaN'),
		fc.double(),
		fc.string({ maxLength: 20 }),
		fc.constantFrom(...KINDS, ...FIELDS),
		fc.array(tie('value'), { maxLength: 6 }),
		fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 6 })
	)
})).value;

const request = fc.oneof(
	// A whole request with one or more fields replaced.
	fc
		.record({ preset: fc.option(fc.constantFrom('lse-2022', 'integrate-2025', ...PROTOTYPE_KEYS, '')), monteCarlo: fc.option(nearlyValid) })
		.map((r) => JSON.stringify(r)),
	fc
		.record({
			area: fc.oneof(fc.constantFrom('E54000057', 'e54000057 ', 'E54000999', 'E92000001', 'constructor'), nearlyValid),
			horizonYears: fc.oneof(fc.integer({ min: -5, max: 40 }), nearlyValid),
			options: fc.oneof(
				fc.array(
					fc.record({
						kind: fc.constantFrom(...KINDS),
						params: fc.oneof(
							nearlyValid,
							fc.dictionary(fc.constantFrom('wte', 'caseload', 'salary', 'uptake', ...PROTOTYPE_KEYS), fc.oneof(fc.double(), nearlyValid))
						)
					}),
					{ maxLength: 6 }
				),
				nearlyValid
			),
			economics: fc.oneof(
				fc.dictionary(fc.constantFrom('discountRate', 'healthDiscountRate', ...PROTOTYPE_KEYS), fc.oneof(fc.double(), nearlyValid)),
				nearlyValid
			)
		})
		.map((r) => JSON.stringify(r)),
	nearlyValid.map((v) => JSON.stringify(v) ?? 'null'),
	// Not JSON, or JSON-like text that JSON.parse refuses.
	fc.constantFrom(
		'',
		'{',
		'{"preset":',
		'[1,2',
		'{"area": NaN}',
		'{"horizonYears": Infinity}',
		'{"a":1,}',
		'undefined',
		'\u0000',
		'{"__proto__": {"polluted": 1}, "preset": "lse-2022"}'
	),
	fc.string({ maxLength: 200 }),
	// Deep nesting and large arrays.
	fc.integer({ min: 10, max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
	fc.integer({ min: 10, max: 3_000 }).map((depth) => `{"options":${'{"params":'.repeat(depth)}1${'}'.repeat(depth)}}`),
	fc.integer({ min: 100, max: 6_000 }).map((n) => JSON.stringify({ area: 'E92000001', options: Array.from({ length: n }, () => ({ kind: 'practitioners' })) })),
	fc
		.integer({ min: 100, max: 6_000 })
		.map((n) =>
			JSON.stringify({ area: 'E92000001', options: [{ kind: 'practitioners', params: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, i])) }] })
		)
);

async function expectSpecific(response: APIResponse, what: string) {
	const status = response.status();
	expect(status, what).toBeLessThan(500);
	if (status === 200) return;
	const text = await response.text();
	// A refusal is short and says what and where.
	expect(text.length, what).toBeLessThan(20_000);
	if (status === 413) return expect(text, what).toContain('KiB');
	expect(status, what).toBe(400);
	const { errors } = JSON.parse(text) as { errors: { path: string; message: string }[] };
	expect(errors.length, what).toBeGreaterThan(0);
	expect(errors.length, what).toBeLessThanOrEqual(21);
	for (const error of errors) {
		expect(typeof error.path, what).toBe('string');
		expect(error.message.length, what).toBeGreaterThan(8);
	}
}

const runs = (n: number) => ({ seed: SEED, numRuns: n, endOnFailure: true });

test('the evaluate API answers thousands of malformed and hostile bodies with a specific 4xx, never a 5xx', async ({ request: api }) => {
	test.setTimeout(300_000);
	await fc.assert(
		fc.asyncProperty(request, async (body) => {
			const response = await api.post('/api/model/evaluate', { data: body, headers: { 'content-type': 'application/json' } });
			await expectSpecific(response, body.slice(0, 300));
		}),
		runs(2_000)
	);
});

test('the named cases that gave 500 before give specific 400s', async ({ request: api }) => {
	for (const preset of PROTOTYPE_KEYS) {
		const response = await api.post('/api/model/evaluate', { data: { preset } });
		expect(response.status(), preset).toBe(400);
		expect((await response.json()).errors[0]).toEqual({ path: 'preset', message: 'unknown preset; use one of lse-2022, integrate-2025' });
	}
	const nullMonteCarlo = await api.post('/api/model/evaluate', { data: { preset: 'lse-2022', monteCarlo: null } });
	expect(nullMonteCarlo.status()).toBe(400);
	expect((await nullMonteCarlo.json()).errors[0].path).toBe('monteCarlo');
	for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
		const response = await api.get(`/scenarios/export/${name}.csv`);
		expect(response.status(), name).toBe(404);
		expect(await response.text()).toContain('use options, years, uncertainty, tornado');
	}
	// 450 KB of bad options: refused for its size, with a short answer.
	const big = JSON.stringify({ area: 'E92000001', options: Array.from({ length: 20_000 }, () => ({ kind: 'nope', params: { x: 1 } })) });
	const refused = await api.post('/api/model/evaluate', { data: big, headers: { 'content-type': 'application/json' } });
	expect(refused.status()).toBe(413);
	expect((await refused.body()).length).toBeLessThan(2_000);
	// Just under the limit, thousands of bad fields: the error list is capped.
	const many = JSON.stringify({
		area: 'E92000001',
		options: [{ kind: 'practitioners', params: Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`p${i}`, i])) }],
		economics: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`e${i}`, 'x']))
	});
	const capped = await api.post('/api/model/evaluate', { data: many, headers: { 'content-type': 'application/json' } });
	expect(capped.status()).toBe(400);
	expect((await capped.json()).errors.length).toBeLessThanOrEqual(21);
});

const queryValue = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.constantFrom('E54000057', 'E92000001', 'practitioners', 'peer-support', '-1', '1e309', 'NaN', '', '%', '%zz', ...PROTOTYPE_KEYS),
	fc.double().map(String)
);
const queryKey = fc.oneof(
	fc.constantFrom(
		'area',
		'years',
		'option',
		'practitioners.wte',
		'peer-support.caseload',
		'e.discountRate',
		'from',
		'saved',
		'version',
		'measure',
		...PROTOTYPE_KEYS.map((k) => `practitioners.${k}`),
		...PROTOTYPE_KEYS.map((k) => `e.${k}`),
		...PROTOTYPE_KEYS
	),
	fc.string({ maxLength: 8 })
);
const query = fc
	.array(fc.tuple(queryKey, queryValue), { maxLength: 12 })
	.map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

async function getNo5xx(api: APIRequestContext, path: string) {
	const response = await api.get(path, { maxRedirects: 0 });
	expect(response.status(), path).toBeLessThan(500);
	return response;
}

test('pages and downloads answer arbitrary query strings and path segments without a 5xx', async ({ request: api }) => {
	test.setTimeout(300_000);
	await fc.assert(
		fc.asyncProperty(
			query,
			fc.constantFrom(
				'/scenarios',
				'/scenarios/export/options.csv',
				'/scenarios/export/years.csv',
				'/',
				'/areas/E54000057',
				'/admin',
				'/login',
				'/datasets/demo',
				'/api/datasets',
				'/export/map.csv'
			),
			async (q, path) => {
				await getNo5xx(api, `${path}?${q}`);
			}
		),
		runs(600)
	);
	const segment = fc
		.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...PROTOTYPE_KEYS, '%00', '%2e%2e', '..', '%ff', 'E54000057%00', 'e54000052'))
		.map((s) => s.replace(/[?#]/g, '').split('/').map(encodeURIComponent).join('/'));
	await fc.assert(
		fc.asyncProperty(
			segment,
			fc.constantFrom('/areas/', '/scenarios/', '/scenarios/export/', '/data/demo/1/', '/data/', '/datasets/', '/reports/', '/api/', '/'),
			async (s, prefix) => {
				await getNo5xx(api, prefix + s);
			}
		),
		runs(600)
	);
	// The query that took 5 s to parse: 20,000 options.
	await getNo5xx(api, `/scenarios?${Array.from({ length: 20_000 }, (_, i) => `option=k${i}`).join('&')}`.slice(0, 60_000));
});

test('form posts with arbitrary fields, actions and redirect targets get no 5xx, and never leave the site', async ({ request: api, baseURL }) => {
	test.setTimeout(300_000);
	const field = fc.dictionary(
		fc.constantFrom('email', 'password', 'redirectTo', 'title', 'query', 'scenarioId', 'role', ...PROTOTYPE_KEYS),
		fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.constantFrom('//evil.example', '/\t/evil.example', '/\r\n/x', '/..//evil.example', '\\\\evil.example', 'admin@localhost')
		),
		{ maxKeys: 5 }
	);
	const target = fc.constantFrom(
		'/login',
		'/login?/default',
		'/login?/constructor',
		'/logout',
		'/scenarios?/save',
		'/scenarios?/__proto__',
		'/account?/password',
		'/admin?/create',
		'/admin?/toString',
		'/',
		'/api/me'
	);
	await fc.assert(
		fc.asyncProperty(field, target, async (form, path) => {
			const response = await api.post(path, { form, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
			expect(response.status(), `${path} ${JSON.stringify(form)}`).toBeLessThan(500);
			const location = response.headers().location;
			if (location) expect(new URL(location, baseURL).origin).toBe(new URL(baseURL!).origin);
		}),
		runs(600)
	);
});
