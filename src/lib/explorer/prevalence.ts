/** One published prevalence estimate: a survey year (calendar) and a percentage. */
export interface PrevalencePoint {
	year: number;
	percent: number;
}

/** The calendar year a financial year mostly falls in: '2023/24' -> 2023.75 (its midpoint). */
const midpointOf = (period: string) => Number(period.slice(0, 4)) + 0.75;

/**
 * Prevalence for a financial year if it followed a survey series: linear between survey years, held at the
 * nearest survey outside them. Returns a percentage.
 */
export function prevalenceFor(period: string, series: readonly PrevalencePoint[]): number {
	const t = midpointOf(period);
	const sorted = [...series].sort((a, b) => a.year - b.year);
	if (t <= sorted[0].year) return sorted[0].percent;
	for (let i = 1; i < sorted.length; i++) {
		const a = sorted[i - 1];
		const b = sorted[i];
		if (t <= b.year) return a.percent + ((b.percent - a.percent) * (t - a.year)) / (b.year - a.year);
	}
	return sorted[sorted.length - 1].percent;
}

/**
 * Need if prevalence moved with the survey series instead of staying at a flat share: the flat share scaled
 * by the series' value for the year over its latest value (so the latest survey year keeps the flat share).
 * An illustration of sensitivity, not an estimate: the survey measures postnatal depression only.
 */
export function needFollowingSeries({
	period,
	maternities,
	flatShare,
	series
}: {
	period: string;
	maternities: number;
	flatShare: number;
	series: readonly PrevalencePoint[];
}): number {
	const latest = [...series].sort((a, b) => a.year - b.year).at(-1)!;
	return maternities * flatShare * (prevalenceFor(period, series) / latest.percent);
}
