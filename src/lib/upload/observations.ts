import { ENGLAND, type Unit } from '../contract/vocabulary';
import type { DisclosableRow } from '../disclosure/disclosure-control';
import type { AreaMatch, AreaMatcher } from './areas';
import type { Problems } from './problems';

/** One observation read from an upload, in the data contract's terms, with the file line it came from. */
export interface UploadObservation extends DisclosableRow {
	line: number;
	periodStart: string;
	periodEnd: string;
}

export interface UploadIndicator {
	indicatorId: string;
	name: string;
	unit: Unit;
	definition: string;
	source: string;
}

/** An area the reference does not know, kept because the file gives its name and parent. */
export interface UploadArea {
	areaCode: string;
	name: string;
	parentCode: string | null;
	parentName: string;
}

export interface Adapted {
	indicators: UploadIndicator[];
	areas: UploadArea[];
	observations: UploadObservation[];
	/** What was done that the analyst should know: rows left out and why, codes mapped, units inferred. */
	notes: string[];
	/** Rows left out, by reason, most first. */
	leftOut: { reason: string; rows: number }[];
	/** What to do when no row could be read, where the layout knows better than "see the notes". */
	nothingReadFix?: string;
}

/** A unit in words, as notes and messages say it. */
export const UNIT_IN_WORDS: Record<Unit, string> = { count: 'a count', percent: 'a percentage', rate_per_1000: 'a rate per 1,000', gbp: 'pounds' };

/**
 * Collects adapted rows: maps areas, keeps the new ones, and notes what was mapped or left out. An indicator the
 * dataset already holds (`heldUnits`, from the version the upload is added to) must be in the unit it is held in:
 * its new rows replace published ones, and a figure in another unit would be shown under the old one's label.
 */
export class AdaptedBuilder {
	readonly indicators = new Map<string, UploadIndicator>();
	readonly areas = new Map<string, UploadArea>();
	readonly observations: UploadObservation[] = [];
	readonly leftOut = new Map<string, number>();
	readonly mapped = new Map<string, string>();
	/** How each indicator's unit was read, for the message when it is not the unit the dataset holds. */
	readonly unitRead = new Map<string, string>();
	/** A breakdown row's category as the file gave it, and under which breakdown: several can be one group of the dashboard's. */
	readonly sourceCategory = new WeakMap<UploadObservation, { type: string; label: string }>();

	constructor(
		readonly matchArea: AreaMatcher,
		readonly problems: Problems,
		readonly heldUnits: Readonly<Record<string, string>> = {}
	) {}

	/** The unit the dataset holds an indicator in, if it has it. */
	heldUnit(indicatorId: string): Unit | undefined {
		return Object.hasOwn(this.heldUnits, indicatorId) ? (this.heldUnits[indicatorId] as Unit) : undefined;
	}

	/** An indicator and its rows taken out (a problem says why). */
	drop(indicatorId: string): void {
		this.indicators.delete(indicatorId);
		this.rewrite((o) => (o.indicatorId === indicatorId ? null : o));
	}

	/** Each row replaced by what `next` gives for it, or taken out for null, in place. */
	private rewrite(next: (row: UploadObservation) => UploadObservation | null): void {
		let kept = 0;
		for (const o of this.observations) {
			const row = next(o);
			if (row) this.observations[kept++] = row;
		}
		this.observations.length = kept;
	}

	/** The current area code for a row's area, or null (the problem is recorded). */
	area(line: number, column: string, code: string, name: string, parent: { code?: string; name?: string } = {}): string | null {
		const match: AreaMatch = this.matchArea(code, name, parent);
		if (match.kind === 'known') {
			if (match.via !== 'code') this.mapped.set(`${code || name}`, `${match.area.areaCode} (by ${match.via})`);
			return match.area.areaCode;
		}
		if (match.kind === 'new') {
			this.areas.set(match.areaCode, { areaCode: match.areaCode, name: match.name, parentCode: match.parentCode, parentName: match.parentName });
			return match.areaCode;
		}
		this.problems.add({ row: line, column, value: code || name, kind: 'unknown area', message: match.message, fix: match.fix });
		return null;
	}

	leaveOut(reason: string, rows = 1): void {
		this.leftOut.set(reason, (this.leftOut.get(reason) ?? 0) + rows);
	}

	/** A row read from the file; for a breakdown row, its category and breakdown as the file gave them. */
	add(row: UploadObservation, source?: { type: string; label: string }): void {
		this.observations.push(row);
		if (source && row.categoryType) this.sourceCategory.set(row, { type: source.type.trim(), label: source.label.trim() });
	}

	/**
	 * Breakdown rows that the dashboard's groups make one ("Not Stated" and "Not Known" are both Not stated; "British",
	 * "Irish" and "Any other White background", White): a broader breakdown given beside a finer one is read and the
	 * finer rows are left out; within one breakdown, counts are added together (suppressed if any part is) and other
	 * figures, which cannot be, are left out, said by reason. Rows repeating one label are left to `checkDuplicates`.
	 */
	private combineCategories(notes: string[]): void {
		const groups = new Map<string, UploadObservation[]>();
		for (const o of this.observations)
			if (this.sourceCategory.has(o)) {
				const key = observationKey(o);
				(groups.get(key) ?? groups.set(key, []).get(key)!).push(o);
			}
		const replaced = new Map<UploadObservation, UploadObservation | null>();
		const added = new Map<string, number>();
		for (const rows of groups.values()) {
			if (rows.length < 2) continue;
			const byType = new Map<string, UploadObservation[]>();
			for (const r of rows) {
				const type = this.sourceCategory.get(r)!.type.toLowerCase();
				(byType.get(type) ?? byType.set(type, []).get(type)!).push(r);
			}
			// The breakdown giving this group in the fewest rows is the broadest; of two alike, the first in the file.
			const [kept, ...finer] = [...byType.values()].sort((a, b) => a.length - b.length);
			for (const r of finer.flat()) replaced.set(r, null);
			for (const other of finer)
				this.leaveOut(
					other.length > kept.length
						? 'rows of a finer breakdown given beside a broader one for the same group (the broader is read)'
						: 'rows of a second breakdown into the same groups (deprivation quintiles of districts and of counties, say: the first in the file is read)',
					other.length
				);
			const labels = new Set(kept.map((r) => this.sourceCategory.get(r)!.label.toLowerCase()));
			if (kept.length < 2 || labels.size < kept.length) continue;
			const [first] = kept;
			const names = `${kept.map((r) => `"${this.sourceCategory.get(r)!.label}"`).join(' + ')} as ${first.category}`;
			if (kept.every((r) => r.denominator === null && r.value === r.count)) {
				const suppressed = kept.some((r) => r.suppressed || r.value === null);
				const total = suppressed ? null : kept.reduce((sum, r) => sum + (r.value ?? 0), 0);
				replaced.set(first, {
					...first,
					value: total,
					count: total,
					lowerCi95: null,
					upperCi95: null,
					suppressed,
					note: suppressed ? 'Suppressed: a category added into it was suppressed in the source' : first.note
				});
				for (const r of kept.slice(1)) replaced.set(r, null);
				added.set(names, (added.get(names) ?? 0) + 1);
			} else {
				for (const r of kept) replaced.set(r, null);
				this.leaveOut(
					`rows for categories the dashboard counts as one group (${names}) that are not counts, so cannot be added together: export the broader groups`,
					kept.length
				);
			}
		}
		if (replaced.size) this.rewrite((o) => (replaced.has(o) ? replaced.get(o)! : o));
		for (const [names, times] of added)
			notes.push(
				`Categories the dashboard counts as one group were added together: ${names} (${times.toLocaleString('en-GB')} area${times === 1 ? '' : 's'} and period${times === 1 ? '' : 's'}).`
			);
	}

	finish(extraNotes: string[] = [], nothingReadFix?: string): Adapted {
		const notes = [...extraNotes];
		for (const indicator of [...this.indicators.values()]) {
			const held = this.heldUnit(indicator.indicatorId);
			if (!held || held === indicator.unit) continue;
			const how = this.unitRead.get(indicator.indicatorId);
			this.problems.add({
				row: this.observations.find((o) => o.indicatorId === indicator.indicatorId)?.line ?? 0,
				column: '',
				value: indicator.indicatorId,
				kind: 'unit differs from the dataset',
				message: `${indicator.indicatorId} is held in this dataset as ${UNIT_IN_WORDS[held]}, but the file gives it as ${UNIT_IN_WORDS[indicator.unit]}${how ? ` (${how})` : ''}`,
				fix: `If it is the same indicator, give its figures as ${UNIT_IN_WORDS[held]}; if it is another one, it needs an id of its own: change the indicator column before uploading.`
			});
			this.drop(indicator.indicatorId);
		}
		this.combineCategories(notes);
		for (const [reason, count] of this.leftOut) notes.push(`${count.toLocaleString('en-GB')} row${count === 1 ? '' : 's'} left out: ${reason}.`);
		if (this.mapped.size)
			notes.push(
				`Areas given other than by their current ONS code, matched to it: ${[...this.mapped]
					.slice(0, 12)
					.map(([from, to]) => `${from} -> ${to}`)
					.join('; ')}${this.mapped.size > 12 ? `; and ${this.mapped.size - 12} more` : ''}.`
			);
		if (this.areas.size)
			notes.push(
				`${this.areas.size} area${this.areas.size === 1 ? '' : 's'} not in the reference, kept with the name and parent the file gives: ${[
					...this.areas.values()
				]
					.slice(0, 8)
					.map((a) => `${a.areaCode} ${a.name}`)
					.join('; ')}${this.areas.size > 8 ? `; and ${(this.areas.size - 8).toLocaleString('en-GB')} more` : ''}.`
			);
		const observations = checkDuplicates(this.observations, this.problems);
		const repeated = this.observations.length - observations.length;
		if (repeated)
			notes.push(
				`${repeated.toLocaleString('en-GB')} row${repeated === 1 ? '' : 's'} repeated an earlier row exactly (the same indicator, area, period, group and figures; an export can list an area under two parents) and ${repeated === 1 ? 'was' : 'were'} read once.`
			);
		const leftOut = [...this.leftOut].map(([reason, rows]) => ({ reason, rows })).sort((a, b) => b.rows - a.rows);
		return {
			indicators: [...this.indicators.values()],
			areas: [...this.areas.values()],
			observations,
			notes,
			leftOut,
			...(nothingReadFix ? { nothingReadFix } : {})
		};
	}
}

/** What a row says about its cell: two rows saying the same are one row given twice. */
const figures = (o: UploadObservation) =>
	JSON.stringify([o.value, o.lowerCi95, o.upperCi95, o.count, o.denominator, o.suppressed, o.note, o.periodStart, o.periodEnd]);

/**
 * Two rows for the same indicator, area, period and breakdown. If they say the same, the second is a repeat and is
 * dropped (the rows are returned without it); if not, the second is an error naming the first, since which is right
 * cannot be known.
 */
function checkDuplicates(observations: UploadObservation[], problems: Problems): UploadObservation[] {
	const seen = new Map<string, UploadObservation>();
	return observations.filter((o) => {
		const key = observationKey(o);
		const first = seen.get(key);
		if (!first) {
			seen.set(key, o);
			return true;
		}
		if (figures(first) === figures(o)) return false;
		problems.add({
			row: o.line,
			column: '',
			value: `${o.indicatorId} ${o.areaCode} ${o.period} ${o.categoryType} ${o.category}`.trim(),
			kind: 'duplicate row',
			message: `the same indicator, area, period and breakdown as line ${first.line}, with other figures`,
			fix: 'Keep one row for each indicator, area, period and breakdown; remove the other.'
		});
		return true;
	});
}

export const observationKey = (o: Pick<UploadObservation, 'indicatorId' | 'areaCode' | 'period' | 'categoryType' | 'category'>) =>
	[o.indicatorId, o.areaCode, o.period, o.categoryType, o.category].join('\u0000');

/** A number as exports write them: "1234", "1,234", "12.5", " 7 "; empty is null; anything else is undefined. */
export function parseNumber(text: string): number | null | undefined {
	const t = text.trim();
	if (t === '') return null;
	if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
	if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : undefined;
}

export interface Period {
	period: string;
	start: string;
	end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The full year of a two-digit year that comes after `first` ("2011 - 13": 2013). */
const centuryOf = (first: number, twoDigits: number) => first - (first % 100) + twoDigits + (twoDigits < first % 100 ? 100 : 0);

/**
 * Financial year "2023/24", calendar year "2023", financial quarter "2023/24 Q1", or years pooled ("2011 - 13",
 * "2016/17 - 20/21"), with start and end dates.
 */
export function parsePeriod(text: string): Period | undefined {
	const t = text.trim();
	let m = /^(\d{4})\/(\d{2})(?:\s*Q([1-4]))?$/.exec(t);
	if (m) {
		const year = Number(m[1]);
		// The year must follow on ("2023/24"), and be a year of this dashboard's data (a misread "0023/24" is not).
		if ((year + 1) % 100 !== Number(m[2]) || year < 1990 || year > 2100) return undefined;
		if (!m[3]) return { period: `${year}/${m[2]}`, start: iso(year, 4, 1), end: iso(year + 1, 3, 31) };
		const q = Number(m[3]);
		const startMonth = (((q - 1) * 3 + 4 - 1) % 12) + 1;
		const startYear = q === 4 ? year + 1 : year;
		const endMonth = startMonth + 2;
		return { period: `${year}/${m[2]} Q${q}`, start: iso(startYear, startMonth, 1), end: iso(startYear, endMonth, lastDay(startYear, endMonth)) };
	}
	m = /^(\d{4})$/.exec(t);
	if (m && Number(m[1]) >= 1990 && Number(m[1]) <= 2100) return { period: m[1], start: iso(Number(m[1]), 1, 1), end: iso(Number(m[1]), 12, 31) };
	// Years pooled, as Fingertips writes them: calendar "2011 - 13", financial "2016/17 - 20/21".
	m = /^(\d{4})\s*-\s*(\d{2})$/.exec(t);
	if (m) {
		const [first, last] = [Number(m[1]), centuryOf(Number(m[1]), Number(m[2]))];
		if (first >= 1990 && last > first && last - first < 20) return { period: `${first} - ${m[2]}`, start: iso(first, 1, 1), end: iso(last, 12, 31) };
	}
	m = /^(\d{4})\/(\d{2})\s*-\s*(\d{2})\/(\d{2})$/.exec(t);
	if (m) {
		const first = Number(m[1]);
		const last = centuryOf(first, Number(m[3]));
		const follows = (first + 1) % 100 === Number(m[2]) && (last + 1) % 100 === Number(m[4]);
		if (follows && first >= 1990 && last > first && last - first < 20)
			return { period: `${first}/${m[2]} - ${m[3]}/${m[4]}`, start: iso(first, 4, 1), end: iso(last + 1, 3, 31) };
	}
	return undefined;
}

export const PERIOD_FIX =
	'Write the period as a financial year (2023/24), a calendar year (2023), a financial quarter (2023/24 Q1) or years pooled (2021 - 23, 2019/20 - 21/22).';

/**
 * A date as NHS England's CSVs write it, as an ISO date; undefined if it is none of these or not a real date:
 * dd/mm/yyyy (the usual), dd-mm-yyyy or yyyy-mm-dd (people who read MHSDS monthly files report both, and a
 * two-digit year, 01/06/24, in one month's file: read as 20yy), with or without leading zeros, or any of these followed
 * by a time of day (a spreadsheet's "2024-03-01 00:00:00"), which is not kept.
 */
export function parseDate(text: string): string | undefined {
	const t = text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
	const dmy = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(t);
	const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
	if (!dmy && !ymd) return undefined;
	const [y, mo, d] = dmy
		? [Number(dmy[4].length === 2 ? `20${dmy[4]}` : dmy[4]), Number(dmy[3]), Number(dmy[1])]
		: [Number(ymd![1]), Number(ymd![2]), Number(ymd![3])];
	if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return undefined;
	return iso(y, mo, d);
}

/** The 12 months ending on a date: a financial year when it ends on 31 March, else "12 months to 2024-06". */
export function rollingYearTo(endIso: string): Period {
	const [y, m] = endIso.split('-').map(Number);
	const startMonth = (m % 12) + 1;
	const startYear = startMonth === 1 ? y : y - 1;
	const start = iso(startYear, startMonth, 1);
	if (m === 3) return { period: `${y - 1}/${pad(y % 100)}`, start, end: endIso };
	return { period: `12 months to ${y}-${pad(m)}`, start, end: endIso };
}

/** Ethnic group labels used by NHS England and Fingertips, mapped to the contract's six groups. */
export function toEthnicGroup(label: string): string | undefined {
	const t = label.trim().toLowerCase();
	if (/^(not stated|not known|unknown|missing|not recorded)/.test(t)) return 'Not stated';
	// The NHS's 16 categories, with or without their group's name before them ("Mixed - White and Asian", "White and
	// Asian"; "White - Any other White background", "Any other White background").
	if (/^(mixed|white and )|any other mixed/.test(t)) return 'Mixed';
	if (/^(white|british|irish|gypsy|roma)\b|any other white/.test(t)) return 'White';
	if (/^(asian|indian|pakistani|bangladeshi)\b|any other asian/.test(t)) return 'Asian';
	if (/^(black|caribbean|african)\b|any other black/.test(t)) return 'Black';
	if (/^(other|any other|chinese|arab)\b/.test(t)) return 'Other';
	return undefined;
}

/** "Most deprived quintile (IMD2019)", "Quintile 1", "1": the contract's quintile "1" (most deprived) to "5". */
export function toImdQuintile(label: string): string | undefined {
	const t = label.trim().toLowerCase();
	if (/^[1-5]$/.test(t)) return t;
	if (/^most deprived/.test(t)) return '1';
	if (/^least deprived/.test(t)) return '5';
	if (/^second most deprived/.test(t)) return '2';
	if (/^second least deprived/.test(t)) return '4';
	if (/^(third|middle)/.test(t)) return '3';
	const q = /quintile\s*([1-5])\b/.exec(t);
	return q?.[1];
}

export const isNational = (areaCode: string) => areaCode === ENGLAND;
