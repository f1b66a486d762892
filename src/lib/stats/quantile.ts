/** The p-quantile of numbers already sorted ascending, interpolating between order statistics (R's type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
