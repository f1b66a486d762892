import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maybeLocalPath } from '../../../src/lib/server/request';

/** What a browser would do with a Location header: resolve it against the page's own address. */
const landsOn = (location: string) => new URL(location.replace(/[\t\n\r]/g, ''), 'https://pmh.example.nhs.uk/login').origin;

describe('the path to return to after signing in', () => {
	it('keeps same-site paths with their query', () => {
		expect(maybeLocalPath('/scenarios?area=E54000057&option=practitioners')).toBe('/scenarios?area=E54000057&option=practitioners');
		expect(maybeLocalPath('/account')).toBe('/account');
	});

	it('refuses anything that could leave the site or break the header', () => {
		for (const hostile of [
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'/..//evil.example',
			'/.//evil.example',
			'/%0d%0aSet-Cookie:x',
			' /x',
			''
		]) {
			const path = maybeLocalPath(hostile);
			expect(landsOn(path)).toBe('https://pmh.example.nhs.uk');
			expect(path).not.toMatch(/[\r\n\t]/);
		}
	});

	it('never gives a path a browser would take off-site, for any string', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', 'a', '.', ':', '%', '@', '?', '#', 'e', '0', '\u0000') }), (text) => {
				const path = maybeLocalPath(text);
				expect(path.startsWith('/')).toBe(true);
				expect([...path].every((c) => c.charCodeAt(0) > 0x1f && c !== '\x7f')).toBe(true);
				expect(landsOn(path)).toBe('https://pmh.example.nhs.uk');
			}),
			{ seed: 7, numRuns: 5000 }
		);
	});
});
