import type { Unit } from '../contract/vocabulary';

const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const percents = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export const NOT_AVAILABLE = 'not available';

/** The units values are shown in: the data contract's, plus percentage points for differences of percentages. */
export type DisplayUnit = Unit | 'percentage_points';

/** A metric value as people read it: '565,000', '10.1%', '£52,000,000', '5.9 percentage points'; null reads "not available". */
export function formatValue(value: number | null | undefined, unit: DisplayUnit): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
	switch (unit) {
		case 'percent':
			return `${percents.format(value)}%`;
		case 'rate_per_1000':
			return `${percents.format(value)} per 1,000`;
		case 'percentage_points':
			return `${percents.format(value)} percentage points`;
		case 'gbp':
			return pounds.format(value);
		default:
			return counts.format(value);
	}
}

/** A 95% confidence interval, e.g. '10.0% to 10.3%'. */
export function formatInterval(lower: number | null, upper: number | null, unit: DisplayUnit): string | null {
	if (lower === null || upper === null) return null;
	return `${formatValue(lower, unit)} to ${formatValue(upper, unit)}`;
}

const grouped = (digits: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const whole = grouped(0);
const oneDecimal = grouped(1);
const twoDecimals = grouped(2);

/**
 * A sum of money as people read it, sign before the pound sign: '-£266m', '£1.11bn', '£52.3m', '£350,000'.
 * Under £1m to the nearest £1,000; under £100m to £0.1m; under £1bn to £1m; above, £0.01bn.
 */
export function formatMoney(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
	const size = Math.abs(value);
	const sign = value < 0 && size >= 500 ? '-' : '';
	if (size >= 1e9) return `${sign}£${twoDecimals.format(size / 1e9)}bn`;
	if (size >= 1e8) return `${sign}£${whole.format(size / 1e6)}m`;
	if (size >= 1e6) return `${sign}£${oneDecimal.format(size / 1e6)}m`;
	return `${sign}£${whole.format(Math.round(size / 1e3) * 1e3)}`;
}

/** A return per pound spent, sign before the pound sign: '£1.23', '-£0.84'. */
export function formatPerPound(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
	return `${value < 0 ? '-' : ''}£${twoDecimals.format(Math.abs(value))}`;
}

/**
 * A modelled or derived count to the precision it deserves: nearest 5 under 100, nearest 10 under 1,000,
 * three significant figures from 1,000 ('141,000', not '141,247'). Sign kept.
 */
export function formatEstimate(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
	const size = Math.abs(value);
	const step = size < 100 ? 5 : size < 1_000 ? 10 : 10 ** (Math.floor(Math.log10(size)) - 2);
	const rounded = Math.round(size / step) * step;
	return `${value < 0 && rounded > 0 ? '-' : ''}${counts.format(rounded)}`;
}
