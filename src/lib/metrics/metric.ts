import type { Polarity, Unit } from '../contract/vocabulary';
import type { Params } from '../engine/params';

/**
 * One derived measure: SQL expressions over the columns of `measures` (see measures.ts). Expressions are
 * built with the query's `Params`, so options become bound parameters, never SQL text.
 */
export interface Metric {
	id: string;
	label: string;
	unit: Unit;
	polarity: Polarity;
	/** What the number means, in a sentence a board member can read. */
	description: string;
	/** A modelled estimate (or derived from one): shown to sensible precision, never to the unit. */
	estimate?: boolean;
	value: (params: Params) => string;
	/** 95% confidence interval, where the metric has one. */
	interval?: (params: Params) => { lower: string; upper: string };
}

/** A metric's result for one area, period and category. `value` null means not available (suppressed or missing). */
export interface MetricRow {
	areaCode: string;
	period: string;
	categoryType: string;
	category: string;
	value: number | null;
	lower: number | null;
	upper: number | null;
}
