/** A value with its confidence interval; null bounds where the interval cannot be computed. */
export interface Interval {
	lower: number | null;
	upper: number | null;
}
