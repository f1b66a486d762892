import { toCsv, type Table } from '../tables/table';

/** One thing wrong with an uploaded file, where it is and how to fix it. Rows count from 1 = the header line. */
export interface Problem {
	/** Line in the file (the header is line 1); 0 when the problem is with the whole file or a column. */
	row: number;
	column: string;
	value: string;
	/** The kind of problem, for totals: "unknown area", "not a number", ... */
	kind: string;
	message: string;
	fix: string;
	/** Blocking problems stop publishing; warnings are shown and kept in the report. */
	severity: 'error' | 'warning';
}

/** Problems as they are found, with totals per kind; keeps the first `keep` (for display and the CSV), counts all. */
export class Problems {
	readonly list: Problem[] = [];
	readonly totals = new Map<string, { count: number; severity: Problem['severity'] }>();
	constructor(readonly keep = 10_000) {}

	add(problem: Omit<Problem, 'severity'> & { severity?: Problem['severity'] }): void {
		const full: Problem = { severity: 'error', ...problem, value: problem.value.length > 80 ? `${problem.value.slice(0, 77)}...` : problem.value };
		const total = this.totals.get(full.kind) ?? { count: 0, severity: full.severity };
		total.count += 1;
		this.totals.set(full.kind, total);
		if (this.list.length < this.keep) this.list.push(full);
	}

	get errors(): number {
		let n = 0;
		for (const t of this.totals.values()) if (t.severity === 'error') n += t.count;
		return n;
	}
}

/** Every problem kept, as a table (for the CSV download). */
export function toProblemTable(problems: Problem[]): Table {
	return {
		name: 'Problems found in the uploaded file',
		columns: ['Line', 'Column', 'Value', 'Severity', 'Problem', 'How to fix'],
		rows: problems.map((p) => [p.row || '', p.column, p.value, p.severity, p.message, p.fix])
	};
}

export const problemsCsv = (problems: Problem[]) => toCsv(toProblemTable(problems));
