import type { HeadlineFigure } from '../metrics/headline';
import { formatEstimate, formatValue } from './number';

const GAPS = ['commitment_gap', 'ambition_gap'];

/** A headline figure's value as shown: estimates to sensible precision, others as counted; a gap as "9,010 short" or "2,260 ahead". */
export function formatFigure(figure: Pick<HeadlineFigure, 'value' | 'metric'>): string {
	const { value, metric } = figure;
	if (value !== null && GAPS.includes(metric.id)) {
		const size = metric.estimate ? formatEstimate(Math.abs(value)) : formatValue(Math.abs(value), 'count');
		return Math.abs(value) < 0.5 ? 'On target' : `${size} ${value > 0 ? 'short' : 'ahead'}`;
	}
	if (metric.estimate && metric.unit === 'count') return formatEstimate(value);
	return formatValue(value, metric.unit);
}

/** For a gap (a positive number short, negative ahead): the words that say which, or null for other figures. */
export function describeGap(figure: Pick<HeadlineFigure, 'value' | 'metric'>): string | null {
	const { value, metric } = figure;
	if (value === null || !(metric.id === 'commitment_gap' || metric.id === 'ambition_gap' || metric.id === 'unmet_need')) return null;
	const size = metric.estimate ? formatEstimate(Math.abs(value)) : formatValue(Math.abs(value), 'count');
	if (metric.id === 'unmet_need') return value < 0 ? `More women in contact than the need estimate, by ${size}` : null;
	const target = metric.id === 'commitment_gap' ? 'its share of the 66,000 commitment' : '10% of maternities';
	if (Math.abs(value) < 0.5) return `On ${target}`;
	return value > 0 ? `Short of ${target} by ${size} women` : `Ahead of ${target} by ${size} women`;
}
