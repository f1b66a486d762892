/**
 * Splits a whole number into whole parts proportional to weights (largest remainder method), so the parts
 * always add up to the total. Ties go to the earlier part, which keeps the result deterministic.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
	if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total must be a non-negative integer (got ${total})`);
	const sum = weights.reduce((a, b) => a + b, 0);
	if (sum <= 0) {
		if (total === 0) return weights.map(() => 0);
		throw new Error('apportion: weights must have a positive sum');
	}
	const quotas = weights.map((w) => (total * w) / sum);
	const parts = quotas.map(Math.floor);
	let remaining = total - parts.reduce((a, b) => a + b, 0);
	const order = quotas.map((q, i) => ({ i, remainder: q - Math.floor(q) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
	for (const { i } of order) {
		if (remaining === 0) break;
		parts[i] += 1;
		remaining -= 1;
	}
	return parts;
}
