import { COMPARE_INDICATOR_IDS, type CompareIndicatorId } from '../benchmarks/compare-indicators';
import { BREAKDOWNS, type Breakdown } from '../inequalities/breakdowns';
import type { FieldError } from '../validation/issues';
import type { CompareScope } from './area-view';

/** The explorer's choices, all carried in the URL: `?period=2024/25&breakdown=ethnic_group&compare=england&indicator=sii_imd`. */
export interface AreaViewChoices {
	period: string;
	breakdown: Breakdown;
	scope: CompareScope;
	indicator: CompareIndicatorId;
}

const SCOPES: readonly CompareScope[] = ['region', 'england'];

/**
 * Reads the choices from a query string: a missing one takes its default; one that is present but not
 * allowed is an error naming the parameter, the value and what it may be.
 */
export function parseAreaViewChoices(
	search: URLSearchParams,
	{ periods, latestPeriod }: { periods: readonly string[]; latestPeriod: string }
): { ok: true; value: AreaViewChoices } | { ok: false; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
		const raw = search.get(name);
		if (raw === null || raw === '') return fallback;
		if ((allowed as readonly string[]).includes(raw)) return raw as T;
		const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
		errors.push({ path: name, message: `unknown ${name} "${shown}"; use one of ${allowed.join(', ')}` });
		return fallback;
	};
	const value: AreaViewChoices = {
		period: pick('period', periods, latestPeriod),
		breakdown: pick('breakdown', BREAKDOWNS, 'imd_quintile'),
		scope: pick('compare', SCOPES, 'region'),
		indicator: pick('indicator', COMPARE_INDICATOR_IDS, 'access_rate')
	};
	return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** The query string for a set of choices, leaving defaults out so links stay short. */
export function toAreaViewSearch(choices: AreaViewChoices, { latestPeriod, datasetQuery = '' }: { latestPeriod: string; datasetQuery?: string }): string {
	// The dataset version first (`dataset=...&version=...`), when the reader chose one.
	const params = new URLSearchParams(datasetQuery);
	if (choices.period !== latestPeriod) params.set('period', choices.period);
	if (choices.breakdown !== 'imd_quintile') params.set('breakdown', choices.breakdown);
	if (choices.scope !== 'region') params.set('compare', choices.scope);
	if (choices.indicator !== 'access_rate') params.set('indicator', choices.indicator);
	const text = params.toString();
	return text ? `?${text}` : '';
}
