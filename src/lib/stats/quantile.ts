/** The p-quantile of numbers already sorted ascending, interpolating between order statistics (R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return NaN;
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Puts the k-th smallest value at index k, smaller ones before it and larger after (Hoare's selection). */
function select(values: Float64Array, k: number, left = 0, right = values.length - 1): void {
	while (right > left) {
		const pivot = values[(left + right) >> 1];
		let i = left;
		let j = right;
		while (i <= j) {
			while (values[i] < pivot) i++;
			while (values[j] > pivot) j--;
			if (i <= j) {
				const t = values[i];
				values[i] = values[j];
				values[j] = t;
				i++;
				j--;
			}
		}
		if (k <= j) right = j;
		else if (k >= i) left = i;
		else return;
	}
}

/**
 * Type-7 quantiles of unsorted values without sorting them all (the array is reordered): each needs only two
 * order statistics, found by selection in linear time. Same results as sorting and `quantileSorted`.
 */
export function quantilesOf(values: Float64Array, ps: readonly number[]): number[] {
	const n = values.length;
	if (n === 0) return ps.map(() => NaN);
	const orderStat = (k: number) => {
		select(values, k);
		return values[k];
	};
	return ps.map((p) => {
		const h = (n - 1) * p;
		const lo = Math.floor(h);
		const low = orderStat(lo);
		if (lo + 1 >= n || h === lo) return low;
		// After selecting lo, the next order statistic is the smallest value above index lo.
		let next = Infinity;
		for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
		return low + (h - lo) * (next - low);
	});
}
