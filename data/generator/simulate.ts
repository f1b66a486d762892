import { INDICATOR } from '../../src/lib/contract/indicators';
import { ETHNIC_GROUPS, IMD_QUINTILES, type CategoryType } from '../../src/lib/contract/vocabulary';
import { apportion } from './apportion';
import { createRandom, uniform } from '../../src/lib/random/seeded';
import type { Calibration, ReferenceArea } from './reference';

/** One synthetic count before disclosure control. */
export interface CountRow {
	indicator_id: string;
	area_code: string;
	period: string;
	category_type: CategoryType;
	category: string;
	count: number;
}

const COUNT_INDICATORS = [INDICATOR.maternities, INDICATOR.needTotal, INDICATOR.needSevere, INDICATOR.needMildModerate, INDICATOR.specialistAccess] as const;

/** Shares of an ICB's maternities by IMD quintile (1 = most deprived), from its most-deprived share. */
function imdShares(mostDeprived: number): number[] {
	// Tilt the other four quintiles towards deprivation where the first quintile is large, away where small.
	const tilt = 3 * (mostDeprived - 0.2);
	const weights = [0, 1, 2, 3].map((k) => Math.exp(-tilt * k));
	const total = weights.reduce((a, b) => a + b, 0);
	return [mostDeprived, ...weights.map((w) => ((1 - mostDeprived) * w) / total)];
}

function ethnicShares(minority: number, calibration: Calibration): number[] {
	const stated = 1 - calibration.notStatedShare;
	return ETHNIC_GROUPS.map((group) => {
		if (group === 'Not stated') return calibration.notStatedShare;
		if (group === 'White') return stated * (1 - minority);
		return stated * minority * calibration.ethnicMinorityMix[group];
	});
}

const multiply = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x * b[i]);

/**
 * Simulates ICB counts for every period and breakdown, then sums them to regions and England, so every
 * parent equals the sum of its ICBs and every breakdown adds up to its all-persons count.
 */
export function simulateCounts({ seed, areas, calibration }: { seed: number; areas: ReferenceArea[]; calibration: Calibration }): CountRow[] {
	const random = createRandom(seed);
	const icbs = areas.filter((a) => a.area_type === 'icb' && a.demo);
	const profile = icbs.map((icb) => ({
		icb,
		fertility: uniform(random, 0.9, 1.1),
		accessPropensity: uniform(random, 0.75, 1.25) * (1 - 0.6 * (icb.demo!.mostDeprivedShare - 0.2)),
		imd: imdShares(icb.demo!.mostDeprivedShare),
		ethnic: ethnicShares(icb.demo!.minorityEthnicShare, calibration)
	}));
	const ethnicNeed = ETHNIC_GROUPS.map((g) => calibration.needRelativeRiskByEthnicGroup[g]);
	const ethnicAccess = ETHNIC_GROUPS.map((g) => calibration.accessRelativeRateByEthnicGroup[g]);
	const rows: CountRow[] = [];

	calibration.periods.forEach((period, t) => {
		const maternities = apportion(
			calibration.englandMaternities[t],
			profile.map((p) => p.icb.demo!.populationMillions * p.fertility * uniform(random, 0.98, 1.02))
		);
		// Prevalence by quintile scaled so that England's need is the calibrated share of its maternities.
		const meanRisk =
			profile.reduce((sum, p, i) => sum + maternities[i] * p.imd.reduce((s, share, q) => s + share * calibration.needRelativeRiskByImdQuintile[q], 0), 0) /
			calibration.englandMaternities[t];
		const accessWeights = profile.map((p, i) => maternities[i] * p.accessPropensity * uniform(random, 0.94, 1.06));
		const accessTotal = Math.round(calibration.englandMaternities[t] * calibration.englandAccessRate[t]);
		const access = apportion(accessTotal, accessWeights);

		profile.forEach((p, i) => {
			const matByImd = apportion(maternities[i], p.imd);
			const matByEthnic = apportion(maternities[i], p.ethnic);
			const needWeightsImd = matByImd.map((m, q) => (m * calibration.needPrevalence * calibration.needRelativeRiskByImdQuintile[q]) / meanRisk);
			const need = Math.round(needWeightsImd.reduce((a, b) => a + b, 0));
			const severe = Math.round(need * calibration.severeShare);
			const byCategory = (categoryType: CategoryType, categories: readonly string[], mat: number[], needWeights: number[], accessRate: number[]) => {
				const needC = apportion(need, needWeights);
				const severeC = apportion(severe, needC);
				const accessC = apportion(access[i], multiply(mat, accessRate));
				categories.forEach((category, c) => {
					const counts: Record<string, number> = {
						[INDICATOR.maternities]: mat[c],
						[INDICATOR.needTotal]: needC[c],
						[INDICATOR.needSevere]: severeC[c],
						[INDICATOR.needMildModerate]: needC[c] - severeC[c],
						[INDICATOR.specialistAccess]: accessC[c]
					};
					for (const indicator_id of COUNT_INDICATORS) {
						rows.push({ indicator_id, area_code: p.icb.area_code, period, category_type: categoryType, category, count: counts[indicator_id] });
					}
				});
			};
			byCategory('', [''], [maternities[i]], [1], [1]);
			byCategory('imd_quintile', IMD_QUINTILES, matByImd, needWeightsImd, calibration.accessRelativeRateByImdQuintile);
			byCategory('ethnic_group', ETHNIC_GROUPS, matByEthnic, multiply(matByEthnic, ethnicNeed), ethnicAccess);
		});
	});

	return [...rows, ...sumToParents(rows, areas)];
}

/** Region rows as sums of their ICBs, England as the sum of the regions. */
function sumToParents(icbRows: CountRow[], areas: ReferenceArea[]): CountRow[] {
	const parentOf = new Map(areas.map((a) => [a.area_code, a.parent_code]));
	const sums = new Map<string, CountRow>();
	for (const row of icbRows) {
		for (let parent = parentOf.get(row.area_code); parent; parent = parentOf.get(parent)) {
			const key = [row.indicator_id, parent, row.period, row.category_type, row.category].join('\u0000');
			const sum = sums.get(key);
			if (sum) sum.count += row.count;
			else sums.set(key, { ...row, area_code: parent });
		}
	}
	return [...sums.values()];
}
