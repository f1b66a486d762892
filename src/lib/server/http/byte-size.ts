const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** A size such as `512K`, `1M` or `65536` in bytes (as adapter-node reads BODY_SIZE_LIMIT); Infinity for `Infinity`. */
export function parseByteSize(text: string): number {
	if (/^infinity$/i.test(text.trim())) return Infinity;
	const match = /^(\d+)\s*([KMG]?)B?$/i.exec(text.trim());
	if (!match) throw new Error(`"${text}" is not a size; use a number of bytes, or one with K, M or G (for example 512K)`);
	return Number(match[1]) * UNITS[match[2].toUpperCase()];
}
