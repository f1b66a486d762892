import type { OtherIndicatorRow } from '../queries/other-indicators';
import { COMPARE_INDICATORS } from '../benchmarks/compare-indicators';
import { BREAKDOWN_DEFINITIONS } from '../inequalities/breakdowns';
import type { AccessTrendPoint } from '../metrics/access-trend';
import type { HeadlineFigure } from '../metrics/headline';
import type { Cell, Table } from '../tables/table';
import type { InequalitySummary } from '../inequalities/summarise';
import type { AreaView } from './area-view';
import type { NeedUnderPrevalence } from './prevalence';

export const AREA_TABLES = ['headline', 'benchmarks', 'trend', 'need', 'profile', 'inequalities', 'compare', 'peers', 'others'] as const;
export type AreaTableName = (typeof AREA_TABLES)[number];

const round = (value: number | null | undefined, digits = 1): Cell =>
	value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
const UNIT_WORDS: Record<string, string> = { count: 'women', percent: '%', rate_per_1000: 'per 1,000', gbp: '£' };

/** Headline figures beside England's, with units and definitions. */
export function toHeadlineTable({ name, headline, england }: { name: string; headline: HeadlineFigure[]; england: HeadlineFigure[] }): Table {
	return {
		name,
		columns: ['Measure', 'Value', 'Unit', '95% interval lower', '95% interval upper', 'England value', 'Definition'],
		rows: headline.map((f) => {
			const e = england.find((g) => g.metric.id === f.metric.id);
			const digits = f.metric.unit === 'percent' ? 2 : 0;
			return [
				f.metric.label,
				round(f.value, digits),
				UNIT_WORDS[f.metric.unit] ?? f.metric.unit,
				round(f.lower, 2),
				round(f.upper, 2),
				round(e?.value, digits),
				f.metric.description
			];
		})
	};
}

/** Access rate by year for each area of a trend chart, with the ambition. */
export function toTrendTable({ points, names }: { points: AccessTrendPoint[]; names: Record<string, string> }): Table {
	return {
		name: 'Access rate by year',
		columns: ['Area', 'Year', 'Access rate (%)', '95% interval lower (%)', '95% interval upper (%)', 'Long Term Plan ambition (%)'],
		rows: points.map((p) => [names[p.areaCode] ?? p.areaCode, p.period, round(p.accessRate, 2), round(p.lower, 2), round(p.upper, 2), round(p.ambition, 1)])
	};
}

/**
 * Estimated need each year as the dataset has it (1 in 4 maternities) and if prevalence had followed the National
 * Maternity Survey series (a modelled illustration, to the nearest 100).
 */
export function toNeedTable({ areaName, rows }: { areaName: string; rows: readonly NeedUnderPrevalence[] }): Table {
	return {
		name: `Estimated need in ${areaName}: 1 in 4 maternities against prevalence following the survey series`,
		columns: ['Year', 'Maternities', 'Need at 1 in 4 (women, as the dataset)', 'Need if prevalence followed the survey series (women, nearest 100)'],
		rows: rows.map((r) => [r.period, r.maternities, r.flat, r.following === null ? null : Math.round(r.following / 100) * 100])
	};
}

/** An area's access by deprivation quintile or ethnic group, as the explorer's table and CSV show it. */
export function toInequalityTable({ summary, areaName, period }: { summary: InequalitySummary; areaName: string; period: string }): Table {
	const definition = BREAKDOWN_DEFINITIONS[summary.breakdown];
	return {
		name: `Access by ${summary.breakdown === 'imd_quintile' ? 'deprivation (IMD quintile)' : 'ethnic group'}, ${areaName}, ${period}`,
		columns: [
			definition.label,
			'Maternities',
			'Women reached',
			'Access rate (%)',
			'95% interval lower (%)',
			'95% interval upper (%)',
			'Estimated need (women)',
			'Women reached per 100 estimated need',
			`Rate ratio to ${summary.reference.label}`,
			'Rate ratio 95% lower',
			'Rate ratio 95% upper',
			'Women missing a year'
		],
		rows: summary.groups.map((g) => [
			g.label,
			g.maternities,
			g.reached,
			round(g.accessRate, 2),
			round(g.lower, 2),
			round(g.upper, 2),
			g.needTotal,
			round(g.reachedPerNeed, 1),
			round(g.rateRatio.ratio, 3),
			round(g.rateRatio.lower, 3),
			round(g.rateRatio.upper, 3),
			round(g.missing, 0)
		])
	};
}

/**
 * The explorer's tables: what each chart and panel shows, as the page's text alternatives and as CSV. One
 * copy: the page renders these, and the CSV endpoint writes these.
 */
export function toAreaTables({
	areaName,
	headline,
	england,
	trend,
	view,
	need = [],
	others = []
}: {
	areaName: string;
	headline: HeadlineFigure[];
	england: HeadlineFigure[];
	trend: { points: AccessTrendPoint[]; names: Record<string, string> };
	view: AreaView;
	/** Need each year under the two prevalence assumptions (it depends on the area only). */
	need?: readonly NeedUnderPrevalence[];
	/** Indicators outside the explorer's own (uploaded), every period. */
	others?: OtherIndicatorRow[];
}): Record<AreaTableName, Table> {
	const summary = view.inequalities[view.breakdown];
	const indicator = COMPARE_INDICATORS[view.indicator];
	const unit = indicator.unit === 'percent' ? '%' : indicator.unit === 'percentage_points' ? 'percentage points' : 'women a year';
	return {
		headline: toHeadlineTable({ name: `Headline figures, ${areaName}, ${view.period}`, headline, england }),

		benchmarks: {
			name: `Access rate of ${areaName} compared, ${view.period}`,
			columns: ['Comparator', 'Comparator access rate (%)', `${areaName} access rate (%)`, 'Compared at 95%', 'Compared at 99.8%'],
			rows: view.access.benchmarks.map((b) => [b.name, round(b.value, 2), round(view.access.value, 2), b.at95, b.at998])
		},
		trend: toTrendTable(trend),
		need: toNeedTable({ areaName, rows: need }),
		profile: {
			name: `Area profile, ${areaName}, ${view.period}: against the range across ICBs`,
			columns: ['Indicator', areaName, 'England', 'Worst ICB', 'Quartile on the worse side', 'Quartile on the better side', 'Best ICB', 'ICBs with a value'],
			rows: view.spine.map((r) => [
				r.label,
				round(r.value, 2),
				round(r.england, 2),
				round(r.worst, 2),
				round(r.q25, 2),
				round(r.q75, 2),
				round(r.best, 2),
				r.areas
			])
		},
		inequalities: toInequalityTable({ summary, areaName, period: view.period }),
		compare: {
			name: `${indicator.label}, ICBs in ${view.compare.scopeName}, ${view.period}`,
			columns: [
				'Rank',
				'ICB',
				'ONS code',
				`${indicator.label} (${unit})`,
				'95% interval lower',
				'95% interval upper',
				view.indicator === 'access_rate' ? 'Compared with England' : view.indicator === 'sii_imd' ? 'Compared with no gap' : 'Compared'
			],
			rows: view.compare.rows.map((r) => [r.rank, r.shortName, r.areaCode, round(r.value, 2), round(r.lower, 2), round(r.upper, 2), r.comparison])
		},
		peers: {
			name: `ICBs most like ${areaName}`,
			columns: [
				'ICB',
				'ONS code',
				'Distance (standard deviations)',
				'Maternities',
				'Most deprived fifth (% of maternities)',
				'Minority ethnic groups (% of maternities, ethnicity stated)'
			],
			rows: view.peers.map((p) => [
				p.shortName,
				p.areaCode,
				round(p.distance, 2),
				p.maternities,
				round(100 * p.mostDeprivedShare, 1),
				round(100 * p.minorityEthnicShare, 1)
			])
		},
		others: {
			name: `Other indicators in this dataset, ${areaName}`,
			columns: [
				'Indicator',
				'Unit',
				'Period',
				'Breakdown',
				'Group',
				'Value',
				'95% interval lower',
				'95% interval upper',
				'Count',
				'Denominator',
				'Status',
				'Source'
			],
			rows: others.map((r) => [
				r.name,
				r.unit.replace(/_/g, ' '),
				r.period,
				r.categoryType ? (r.categoryType === 'imd_quintile' ? 'IMD quintile' : 'Ethnic group') : 'All',
				r.category,
				r.value,
				r.lower,
				r.upper,
				r.count,
				r.denominator,
				r.suppressed ? 'Suppressed' : '',
				r.source
			])
		}
	};
}
