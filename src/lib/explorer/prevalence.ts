import { INDICATOR } from '../contract/indicators';
import { ENGLAND } from '../contract/vocabulary';
import type { Engine } from '../engine/engine';
import { Params } from '../engine/params';
import type { GroupMeasures } from '../metrics/group-measures';

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
 * A need estimate if prevalence moved with the survey series instead of staying at a flat share: scaled by the
 * series' value for the year over its latest value (so the latest survey year keeps the estimate). An
 * illustration of sensitivity, not an estimate: the survey measures postnatal depression only.
 */
export function scaleBySeries(need: number, period: string, series: readonly PrevalencePoint[]): number {
	const latest = [...series].sort((a, b) => a.year - b.year).at(-1)!;
	return need * (prevalenceFor(period, series) / latest.percent);
}

/** The National Maternity Survey series in the dataset (England only): survey year, percentage and the survey's note. */
export async function queryPrevalenceSeries(engine: Engine): Promise<(PrevalencePoint & { note: string | null })[]> {
	const params = new Params();
	const rows = await engine.query<{ period: string; value: number; note: string | null } & Record<string, string | number | null>>(
		`SELECT period, value, note FROM observations WHERE indicator_id = ${params.bind(INDICATOR.postnatalDepression)} AND area_code = ${params.bind(ENGLAND)} AND NOT suppressed ORDER BY period`,
		params.values
	);
	return rows.map((r) => ({ year: Number(r.period), percent: Number(r.value), note: r.note }));
}

/** One year's estimated need two ways: the dataset's (1 in 4 maternities), and if prevalence had followed the survey series. */
export interface NeedUnderPrevalence {
	period: string;
	maternities: number | null;
	/** The dataset's estimate (1 in 4 maternities, adjusted for deprivation in areas). */
	flat: number | null;
	/** The dataset's estimate scaled by the survey series for the year (see `scaleBySeries`); null without an estimate or a series. */
	following: number | null;
}

/** Need each year under both assumptions, from an area's all-persons rows (the area's own adjustment is kept). */
export function needUnderPrevalence(series: readonly GroupMeasures[], survey: readonly PrevalencePoint[]): NeedUnderPrevalence[] {
	return series
		.filter((r) => r.categoryType === '')
		.map((r) => ({
			period: r.period,
			maternities: r.maternities,
			flat: r.needTotal,
			following: r.needTotal === null || !survey.length ? null : scaleBySeries(r.needTotal, r.period, survey)
		}));
}
