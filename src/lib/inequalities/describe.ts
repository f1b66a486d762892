import { formatEstimate, formatValue } from '../format/number';
import type { InequalitySummary } from './summarise';

const percent = (v: number | null) => formatValue(v, 'percent');
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * The inequality findings in plain English, written from the numbers: what the gap is, how many women it
 * means, and what could not be compared. One sentence per point, for the page and for board reports.
 */
export function describeInequalities(summary: InequalitySummary, areaName: string): string[] {
	const reference = summary.groups.find((g) => g.isReference)!;
	if (reference.accessRate === null)
		return [
			`The ${summary.breakdown === 'imd_quintile' ? 'least deprived fifth' : 'reference group'}'s figures for ${areaName} are suppressed, so no group can be compared with it.`
		];
	const sentences: string[] = [];
	const suppressed = summary.suppressed.length ? ` (${list(summary.suppressed)} not included: counts suppressed, fewer than 5)` : '';
	if (summary.breakdown === 'imd_quintile') {
		const most = summary.groups.find((g) => g.category === '1')!;
		if (most.missing === null) sentences.push(`The most deprived fifth's figures for ${areaName} are suppressed.`);
		else if (most.missing > 0)
			sentences.push(
				`If the most deprived fifth in ${areaName} had the access rate of the least deprived fifth (${percent(reference.accessRate)} rather than ${percent(most.accessRate)}), about ${formatEstimate(most.missing)} more women a year would be seen.`
			);
		else
			sentences.push(
				`In ${areaName} the most deprived fifth's access rate (${percent(most.accessRate)}) is not below the least deprived fifth's (${percent(reference.accessRate)}).`
			);
		if (summary.womenMissing !== null && summary.womenMissing > 0)
			sentences.push(
				`Across all five fifths, about ${formatEstimate(summary.womenMissing)} more women a year would be seen if each had the least deprived fifth's rate${suppressed}.`
			);
		if (summary.sii) {
			const { value, lower95, upper95 } = summary.sii;
			const significant = lower95 > 0 || upper95 < 0;
			const size = `${Math.abs(value).toFixed(1)} percentage points (95% interval ${lower95.toFixed(1)} to ${upper95.toFixed(1)})`;
			sentences.push(
				significant
					? `Taking every fifth into account (slope index of inequality), access is ${size} ${value > 0 ? 'lower at the most deprived end than at the least deprived end' : 'higher at the most deprived end than at the least deprived end'}.`
					: `Taking every fifth into account (slope index of inequality), there is no significant gradient in access: ${value.toFixed(1)} percentage points, 95% interval ${lower95.toFixed(1)} to ${upper95.toFixed(1)}.`
			);
		}
		return sentences;
	}
	const below = summary.groups.filter((g) => !g.isReference && !g.isExcluded && g.missing !== null && g.missing > 0).sort((a, b) => b.missing! - a.missing!);
	if (summary.womenMissing !== null && summary.womenMissing > 0) {
		sentences.push(
			`If every ethnic group in ${areaName} had the access rate of White women (${percent(reference.accessRate)}), about ${formatEstimate(summary.womenMissing)} more women a year would be seen${suppressed}.`
		);
		sentences.push(
			`The largest gaps: ${list(below.slice(0, 3).map((g) => `${g.label} women (${percent(g.accessRate)}, about ${formatEstimate(g.missing)} missing)`))}.`
		);
	} else if (summary.womenMissing !== null) sentences.push(`No ethnic group in ${areaName} has a lower access rate than White women${suppressed}.`);
	else sentences.push(`Ethnic groups in ${areaName} cannot be compared: their counts are suppressed.`);
	const significant = summary.groups.filter((g) => g.rateRatio.upper !== null && g.rateRatio.upper < 1).map((g) => g.label);
	if (significant.length) sentences.push(`Significantly lower than White women at 95%: ${list(significant)}.`);
	return sentences;
}
