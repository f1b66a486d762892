/**
 * Statistical disclosure control as NHS England publishes it: England totals are not rounded; sub-national
 * counts below 5 (including 0) are suppressed; other sub-national counts are rounded to the nearest 5.
 */

export const SUPPRESSION_THRESHOLD = 5;
export const ROUNDING_BASE = 5;

export interface DisclosedCount {
	value: number | null;
	suppressed: boolean;
}

export function discloseCount(count: number, { national }: { national: boolean }): DisclosedCount {
	if (!Number.isFinite(count) || count < 0) throw new Error(`disclosure control: count must be a non-negative number (got ${count})`);
	if (national) return { value: count, suppressed: false };
	if (count < SUPPRESSION_THRESHOLD) return { value: null, suppressed: true };
	return { value: Math.round(count / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false };
}

/** The fields of an observation that disclosure control reads and changes. */
export interface DisclosableRow {
	indicatorId: string;
	areaCode: string;
	period: string;
	categoryType: string;
	category: string;
	value: number | null;
	lowerCi95: number | null;
	upperCi95: number | null;
	count: number | null;
	denominator: number | null;
	suppressed: boolean;
	note: string | null;
}

export interface DisclosureContext {
	/** Whether an indicator's value is itself a count of people (then it is rounded and checked like one). */
	isCount(indicatorId: string): boolean;
	/** The parent of an area (England for a region, the region for an ICB), for differencing across areas. */
	parentOf(areaCode: string): string | null | undefined;
	national: string;
}

export interface DisclosureSummary {
	/** Rows suppressed because a count was below 5. */
	primary: number;
	/** Rows suppressed so that a suppressed row cannot be recovered by subtracting the others from a total. */
	secondary: number;
	/** Rows whose counts were rounded to the nearest 5. */
	rounded: number;
}

export const DISCLOSURE_RULES = [
	'England rows are published unrounded.',
	`Sub-national counts (count, denominator, and the value of a count indicator) below ${SUPPRESSION_THRESHOLD}, including 0, are suppressed with the whole row (so a rate is suppressed when its numerator or denominator is below ${SUPPRESSION_THRESHOLD}).`,
	`Other sub-national counts are rounded to the nearest ${ROUNDING_BASE}.`,
	'Secondary suppression: where a published total (the all-persons row of an area, or a parent area) has exactly one suppressed part (a breakdown group, or a child area), or a suppressed total has none, the smallest published part is suppressed too, repeated until no suppressed row can be recovered by adding or subtracting the others.'
];

const suppress = <T extends DisclosableRow>(row: T, note: string): T => ({
	...row,
	value: null,
	lowerCi95: null,
	upperCi95: null,
	count: null,
	denominator: null,
	suppressed: true,
	note
});

const roundCount = (n: number | null) => (n === null ? null : Math.round(n / ROUNDING_BASE) * ROUNDING_BASE);
const size = (row: DisclosableRow) => row.count ?? row.denominator ?? row.value ?? 0;

/**
 * Disclosure control over a whole table, as NHS England publishes: primary suppression and rounding row by row,
 * then secondary suppression across breakdowns and across the area hierarchy. Deterministic, and applying it to
 * its own output changes nothing, so the server can check a browser's result by running it again.
 */
export function discloseRows<T extends DisclosableRow>(input: readonly T[], context: DisclosureContext): { rows: T[]; summary: DisclosureSummary } {
	const summary: DisclosureSummary = { primary: 0, secondary: 0, rounded: 0 };
	const rows = input.map((row) => {
		if (row.areaCode === context.national) return { ...row };
		// A row with nothing in it is as hidden as a suppressed one, and must count as such for differencing.
		if (row.suppressed || (row.value === null && row.count === null && row.denominator === null)) return suppress(row, row.note ?? 'Suppressed');
		const countLike = [row.count, row.denominator, ...(context.isCount(row.indicatorId) ? [row.value] : [])];
		if (countLike.some((n) => n !== null && n < SUPPRESSION_THRESHOLD)) {
			summary.primary += 1;
			return suppress(row, `Suppressed: a count below ${SUPPRESSION_THRESHOLD}`);
		}
		const out = {
			...row,
			count: roundCount(row.count),
			denominator: roundCount(row.denominator),
			value: context.isCount(row.indicatorId) ? roundCount(row.value) : row.value
		};
		if (out.count !== row.count || out.denominator !== row.denominator || out.value !== row.value) summary.rounded += 1;
		return out;
	});

	// Groups whose parts add up to a total: breakdown groups of an area, and the child areas of a parent.
	const key = (r: DisclosableRow, area = r.areaCode, type = r.categoryType, category = r.category) =>
		[r.indicatorId, r.period, area, type, category].join('\u0000');
	const byKey = new Map(rows.map((r, i) => [key(r), i]));
	const groups = new Map<string, { total: number; parts: number[] }>();
	const addPart = (groupKey: string, total: number | undefined, part: number) => {
		if (total === undefined) return;
		const group = groups.get(groupKey) ?? { total, parts: [] };
		group.parts.push(part);
		groups.set(groupKey, group);
	};
	rows.forEach((r, i) => {
		if (r.categoryType !== '') addPart(`b\u0000${key(r, r.areaCode, r.categoryType, '')}`, byKey.get(key(r, r.areaCode, '', '')), i);
		const parent = context.parentOf(r.areaCode);
		if (parent) addPart(`a\u0000${key(r, parent)}`, byKey.get(key(r, parent)), i);
	});
	for (let changed = true; changed;) {
		changed = false;
		for (const { total, parts } of groups.values()) {
			const hidden = parts.filter((p) => rows[p].suppressed);
			const candidates = parts.filter((p) => !rows[p].suppressed && rows[p].areaCode !== context.national);
			// A suppressed total whose parts are all published is their sum; a published total with one part
			// suppressed gives that part by subtraction. Either way one more part is suppressed.
			if (rows[total].suppressed ? hidden.length > 0 || !candidates.length : hidden.length !== 1) continue;
			if (candidates.length) {
				const smallest = candidates.reduce((a, b) => (size(rows[b]) < size(rows[a]) ? b : a));
				rows[smallest] = suppress(rows[smallest], 'Suppressed so that another suppressed figure cannot be worked out from the total');
			} else if (rows[total].areaCode !== context.national) {
				rows[total] = suppress(rows[total], 'Suppressed so that a suppressed part cannot be worked out from it');
			} else continue;
			summary.secondary += 1;
			changed = true;
		}
	}
	return { rows, summary };
}

const COMPARED = ['value', 'lowerCi95', 'upperCi95', 'count', 'denominator', 'suppressed'] as const;

/**
 * Where a table differs from what disclosure control makes of it: empty when it is already disclosure-controlled.
 * Each difference names the row and the field.
 */
export function disclosureDifferences<T extends DisclosableRow>(rows: readonly T[], context: DisclosureContext): { index: number; message: string }[] {
	const { rows: expected } = discloseRows(rows, context);
	const differences: { index: number; message: string }[] = [];
	rows.forEach((row, index) => {
		for (const field of COMPARED)
			if (row[field] !== expected[index][field])
				differences.push({
					index,
					message: `${row.indicatorId} ${row.areaCode} ${row.period}${row.categoryType ? ` ${row.categoryType} ${row.category}` : ''}: ${field} is ${String(row[field])}, disclosure control gives ${String(expected[index][field])}`
				});
	});
	return differences;
}
