import { describe, expect, it } from 'vitest';
import { formatMoney, formatPerPound } from '../../../src/lib/format/number';

describe('money as people read it', () => {
	it('puts the sign before the pound sign and scales to the size', () => {
		expect(formatMoney(-266_000_000)).toBe('-£266m');
		expect(formatMoney(1_110_400_000)).toBe('£1.11bn');
		expect(formatMoney(-16_525_418)).toBe('-£16.5m');
		expect(formatMoney(486_000_000)).toBe('£486m');
		expect(formatMoney(52_300_000)).toBe('£52.3m');
		expect(formatMoney(350_400)).toBe('£350,000');
		expect(formatMoney(-1_499)).toBe('-£1,000');
		expect(formatMoney(-200)).toBe('£0');
		expect(formatMoney(Number.NaN)).toBe('not available');
	});

	it('gives returns per pound with the sign first', () => {
		expect(formatPerPound(-0.84)).toBe('-£0.84');
		expect(formatPerPound(1.234)).toBe('£1.23');
		expect(formatPerPound(null)).toBe('not available');
	});
});
