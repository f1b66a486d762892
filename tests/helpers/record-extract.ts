import { createRandom } from '../../src/lib/random/seeded';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** ODS codes of a few ICBs, with weights (bigger ICBs have more records). */
const ICBS: [string, number][] = [
	['QOP', 6],
	['QOC', 1],
	['QUY', 2],
	['QE1', 3],
	['QHG', 2]
];
const ETHNIC = ['White', 'Asian or Asian British', 'Black or Black British', 'Mixed', 'Other Ethnic Groups', 'Not stated'];
const ETHNIC_WEIGHTS = [70, 12, 6, 4, 3, 5];

const pick = <T>(rand: () => number, items: T[], weights: number[]) => {
	let r = rand() * weights.reduce((a, b) => a + b, 0);
	for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
	return items[items.length - 1];
};

export const RECORD_HEADER = 'pseudo_id,icb_code,contact_date,imd_quintile,ethnic_group,team_type';

/**
 * Writes a synthetic record-level extract (one row per contact; about three contacts per woman) for tests and the
 * benchmark. Never committed: generated when needed. About 37 bytes a row, so 1,000,000 rows is about 40 MB.
 */
export async function writeRecordExtract(path: string, { rows, seed = 7 }: { rows: number; seed?: number }): Promise<void> {
	const rand = createRandom(seed);
	const out = createWriteStream(path);
	const people = Math.max(1, Math.round(rows / 3));
	// Each woman keeps her area, quintile and group; contacts fall between April 2022 and March 2025.
	const start = Date.UTC(2022, 3, 1);
	const span = Date.UTC(2025, 2, 31) - start;
	let chunk = RECORD_HEADER + '\n';
	for (let i = 0; i < rows; i++) {
		const person = Math.floor(rand() * people);
		const personal = createRandom(person + seed * 1_000_003);
		const icb = pick(
			personal,
			ICBS.map((x) => x[0]),
			ICBS.map((x) => x[1])
		);
		const imd = 1 + Math.floor(personal() * 5);
		const ethnic = pick(personal, ETHNIC, ETHNIC_WEIGHTS);
		const day = new Date(start + Math.floor(rand() * span));
		const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
		chunk += `P${String(person).padStart(8, '0')},${icb},${date},${imd},${ethnic},C02\n`;
		if (chunk.length > 1 << 20) {
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
		}
	}
	out.end(chunk);
	await once(out, 'finish');
}

/** `count` different valid NHS numbers (10 digits, the last the modulus 11 check digit), for files that must be stopped. */
export function validNhsNumbers(count: number): string[] {
	const numbers: string[] = [];
	for (let n = 0; numbers.length < count; n++) {
		const digits = String(400_000_000 + n * 7)
			.split('')
			.map(Number);
		const check = 11 - (digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11);
		if (check !== 10) numbers.push(digits.join('') + (check === 11 ? 0 : check));
	}
	return numbers;
}
