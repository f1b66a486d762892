import { PERIOD_FIX, parseNumber, type Period, type UploadObservation } from '../observations';
import type { AreaMatcher } from '../areas';
import type { Problems } from '../problems';
import type { ParsedTable } from '../text';

export interface AdaptInput {
	table: ParsedTable;
	matchArea: AreaMatcher;
	problems: Problems;
	/** The unit of each indicator the dataset already holds (in the version the upload is added to). */
	baseUnits?: Readonly<Record<string, string>>;
}

export const cell = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '') : '');

/** A number cell, or a problem (null when empty). */
export function numberAt(problems: Problems, line: number, column: string, text: string): number | null {
	const n = parseNumber(text);
	if (n === undefined) {
		problems.add({
			row: line,
			column,
			value: text,
			kind: 'not a number',
			message: `"${text.trim()}" is not a number`,
			fix: 'Write numbers with digits and a decimal point only (12.5), or leave the cell empty.'
		});
		return null;
	}
	return n;
}

/** An observation from the parts every adapter reads (the period's dates spread out; empty value = suppressed). */
export function observation(
	line: number,
	key: { indicatorId: string; areaCode: string; period: Period; breakdown: { categoryType: string; category: string } },
	figures: { value: number | null; lowerCi95: number | null; upperCi95: number | null; count: number | null; denominator: number | null },
	{ suppressed = false, note = null }: { suppressed?: boolean; note?: string | null } = {}
): UploadObservation {
	const { indicatorId, areaCode, period, breakdown } = key;
	return {
		line,
		indicatorId,
		areaCode,
		period: period.period,
		periodStart: period.start,
		periodEnd: period.end,
		...breakdown,
		...figures,
		suppressed: suppressed || figures.value === null,
		note
	};
}

export function addPeriodProblem(problems: Problems, line: number, column: string, text: string) {
	problems.add({ row: line, column, value: text, kind: 'bad period', message: `"${text.trim()}" is not a period this dashboard reads`, fix: PERIOD_FIX });
}
