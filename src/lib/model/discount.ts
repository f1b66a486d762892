/**
 * Green Book discounting: year 0 (the first year of the horizon) is not discounted; year t is divided by
 * (1 + rate)^t.
 */
export function discountFactor(rate: number, year: number): number {
	return 1 / (1 + rate) ** year;
}

/** Present value of a yearly series, the first value in year 0. */
export function presentValue(values: readonly number[], rate: number): number {
	return values.reduce((sum, value, year) => sum + value * discountFactor(rate, year), 0);
}
