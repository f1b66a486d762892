import type { Unit } from '../contract/vocabulary';

const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const percents = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export const NOT_AVAILABLE = 'not available';

/** A metric value as people read it: '565,000', '10.1%', '£52,000,000'; null reads "not available". */
export function formatValue(value: number | null | undefined, unit: Unit): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
	switch (unit) {
		case 'percent':
			return `${percents.format(value)}%`;
		case 'rate_per_1000':
			return `${percents.format(value)} per 1,000`;
		case 'gbp':
			return pounds.format(value);
		default:
			return counts.format(value);
	}
}

/** A 95% confidence interval, e.g. '10.0% to 10.3%'. */
export function formatInterval(lower: number | null, upper: number | null, unit: Unit): string | null {
	if (lower === null || upper === null) return null;
	return `${formatValue(lower, unit)} to ${formatValue(upper, unit)}`;
}

/** Pounds in millions to one decimal place, e.g. '£52.3m'. */
export function formatMillionPounds(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
	return `${value < 0 ? '-' : ''}£${(Math.abs(value) / 1e6).toFixed(1)}m`;
}
