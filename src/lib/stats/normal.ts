/** z for two-sided 95% and 99.8% intervals, as Fingertips uses them. */
export const Z95 = 1.959963984540054;
export const Z998 = 3.090232306167813;

export type Confidence = 0.95 | 0.998;

export const zOf = (confidence: Confidence) => (confidence === 0.95 ? Z95 : Z998);

/**
 * Standard normal draws from a uniform generator by Marsaglia's polar method, using both values of each
 * pair, so a seeded generator gives a seeded sequence.
 */
export function createNormalSource(random: () => number): () => number {
	let spare = 0;
	let hasSpare = false;
	return () => {
		if (hasSpare) {
			hasSpare = false;
			return spare;
		}
		let u: number;
		let v: number;
		let s: number;
		do {
			u = 2 * random() - 1;
			v = 2 * random() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const factor = Math.sqrt((-2 * Math.log(s)) / s);
		spare = v * factor;
		hasSpare = true;
		return u * factor;
	};
}
