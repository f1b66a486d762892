import type { GroupMeasures } from '../metrics/group-measures';

/** What makes two ICBs alike for this topic, from the dataset itself. */
export interface AreaProfile {
	areaCode: string;
	maternities: number;
	/** Share of maternities to women living in the most deprived fifth of small areas (IMD quintile 1). */
	mostDeprivedShare: number;
	/** Share of maternities to women of Asian, Black, Mixed or Other ethnicity, of those whose ethnicity is stated. */
	minorityEthnicShare: number;
}

export const PEER_COUNT = 7;
const MINORITY_GROUPS = ['Asian', 'Black', 'Mixed', 'Other'];

/** Profiles for every area with complete rows (all persons, IMD quintile and ethnic group) in the rows given. */
export function toAreaProfiles(rows: readonly GroupMeasures[]): AreaProfile[] {
	const byArea = new Map<string, GroupMeasures[]>();
	for (const r of rows) byArea.set(r.areaCode, [...(byArea.get(r.areaCode) ?? []), r]);
	const profiles: AreaProfile[] = [];
	for (const [areaCode, areaRows] of byArea) {
		const all = areaRows.find((r) => r.categoryType === '')?.maternities;
		const imd = areaRows.filter((r) => r.categoryType === 'imd_quintile');
		const q1 = imd.find((r) => r.category === '1')?.maternities;
		const imdTotal = imd.reduce((s, r) => s + (r.maternities ?? NaN), 0);
		const ethnic = areaRows.filter((r) => r.categoryType === 'ethnic_group' && r.category !== 'Not stated');
		const stated = ethnic.reduce((s, r) => s + (r.maternities ?? NaN), 0);
		const minority = ethnic.filter((r) => MINORITY_GROUPS.includes(r.category)).reduce((s, r) => s + (r.maternities ?? NaN), 0);
		if (!all || q1 === undefined || q1 === null || !(imdTotal > 0) || !(stated > 0) || !Number.isFinite(minority)) continue;
		profiles.push({ areaCode, maternities: all, mostDeprivedShare: q1 / imdTotal, minorityEthnicShare: minority / stated });
	}
	return profiles.sort((a, b) => (a.areaCode < b.areaCode ? -1 : 1));
}

export interface Peer {
	areaCode: string;
	/** Distance in standard deviations across the three characteristics. */
	distance: number;
}

/**
 * The most similar areas to one area: each characteristic (most deprived share, minority ethnic share, and
 * size as the logarithm of maternities) is standardised across all the profiles (mean 0, standard
 * deviation 1), and areas are ranked by Euclidean distance, nearest first; ties by code.
 */
export function nearestPeers(profiles: readonly AreaProfile[], areaCode: string, { count = PEER_COUNT }: { count?: number } = {}): Peer[] {
	const target = profiles.find((p) => p.areaCode === areaCode);
	if (!target || profiles.length < 2) return [];
	const features: ((p: AreaProfile) => number)[] = [(p) => p.mostDeprivedShare, (p) => p.minorityEthnicShare, (p) => Math.log(p.maternities)];
	const scales = features.map((f) => {
		const values = profiles.map(f);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) || 1;
		return { f, mean, sd };
	});
	const standardised = (p: AreaProfile) => scales.map(({ f, mean, sd }) => (f(p) - mean) / sd);
	const t = standardised(target);
	return profiles
		.filter((p) => p.areaCode !== areaCode)
		.map((p) => ({ areaCode: p.areaCode, distance: Math.hypot(...standardised(p).map((v, i) => v - t[i])) }))
		.sort((a, b) => a.distance - b.distance || (a.areaCode < b.areaCode ? -1 : 1))
		.slice(0, count);
}
