/** z for two-sided 95% and 99.8% intervals, as Fingertips uses them. */
export const Z95 = 1.959963984540054;
export const Z998 = 3.090232306167813;

export type Confidence = 0.95 | 0.998;

export const zOf = (confidence: Confidence) => (confidence === 0.95 ? Z95 : Z998);

/** A standard normal draw (Box-Muller) from a uniform generator, so a seeded generator gives seeded draws. */
export function normalDraw(random: () => number): number {
	const u = 1 - random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
