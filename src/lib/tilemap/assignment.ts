/**
 * Minimum-cost assignment of n rows to m >= n columns (the Hungarian method, O(n^2 m)).
 * Returns, for each row, the index of its column. Deterministic: ties go to the lower column index.
 */
export function assignMinimumCost(cost: number[][]): number[] {
	const n = cost.length;
	const m = n === 0 ? 0 : cost[0].length;
	if (m < n) throw new Error(`assignment: ${n} rows cannot be given distinct columns out of ${m}`);
	// 1-based potentials and matching, as in the classic formulation.
	const u = new Array<number>(n + 1).fill(0);
	const v = new Array<number>(m + 1).fill(0);
	const match = new Array<number>(m + 1).fill(0);
	const way = new Array<number>(m + 1).fill(0);
	for (let i = 1; i <= n; i++) {
		match[0] = i;
		let j0 = 0;
		const minv = new Array<number>(m + 1).fill(Infinity);
		const used = new Array<boolean>(m + 1).fill(false);
		do {
			used[j0] = true;
			const i0 = match[j0];
			let delta = Infinity;
			let j1 = 0;
			for (let j = 1; j <= m; j++) {
				if (used[j]) continue;
				const reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
				if (reduced < minv[j]) {
					minv[j] = reduced;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (let j = 0; j <= m; j++) {
				if (used[j]) {
					u[match[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (match[j0] !== 0);
		do {
			const j1 = way[j0];
			match[j0] = match[j1];
			j0 = j1;
		} while (j0 !== 0);
	}
	const columnOf = new Array<number>(n).fill(-1);
	for (let j = 1; j <= m; j++) if (match[j] > 0) columnOf[match[j] - 1] = j - 1;
	return columnOf;
}
