/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every machine. */
export function createRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A uniform draw in [low, high). */
export function uniform(random: () => number, low: number, high: number): number {
	return low + (high - low) * random();
}

/** A draw from a triangular distribution on [low, high] with the given mode. */
export function triangular(random: () => number, low: number, mode: number, high: number): number {
	if (high <= low) return mode;
	const u = random();
	const cut = (mode - low) / (high - low);
	return u < cut ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}
