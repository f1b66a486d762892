/**
 * The comparison for the record-level benchmark: the same work as the importer's one pass, done the usual
 * JavaScript way. papaparse reads the File into rows; every value of 5 characters or more is tested against the
 * same personal-data pattern; Arquero keeps each woman's first contact per area and financial year and counts
 * women by area and year, by quintile and by ethnic group. Bundled by the benchmark for a blank page.
 */
import * as aq from 'arquero';
import Papa from 'papaparse';
import { SHAPED } from '../../src/lib/upload/record-level';

type Row = Record<string, string>;

const shaped = new RegExp(SHAPED, 'i');

/** A dd/mm/yyyy or yyyy-mm-dd date as a day number, or null. */
function dayOf(text: string): number | null {
	const t = text.trim();
	let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
	if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1]) / 864e5;
	m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
	return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5 : null;
}

async function countWithPapaparseAndArquero(file: File): Promise<{ ms: number; groups: number; records: number; flaggedColumns: number }> {
	const started = performance.now();
	const rows = await new Promise<Row[]>((resolve, reject) =>
		Papa.parse<Row>(file, { header: true, skipEmptyLines: true, complete: (r) => resolve(r.data), error: reject })
	);
	// The checks: values shaped like personal data, per column.
	const columns = Object.keys(rows[0] ?? {});
	const flagged = new Set<string>();
	for (const row of rows)
		for (const c of columns) {
			const v = row[c];
			if (v && v.length >= 5 && shaped.test(v)) flagged.add(c);
		}
	const contacts = aq
		.from(rows)
		.derive({ day: aq.escape((d: Row) => dayOf(d.contact_date)) })
		.derive({
			fy: aq.escape((d: Row & { day: number | null }) => {
				if (d.day === null) return null;
				const date = new Date(d.day * 864e5);
				return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
			})
		})
		.filter((d: { day: number | null; pseudo_id: string; icb_code: string }) => d.day !== null && d.pseudo_id !== '' && d.icb_code !== '');
	// Each woman once per area and year, with the groups of her first contact.
	const yearly = contacts
		.orderby('day')
		.groupby('pseudo_id', 'icb_code', 'fy')
		.filter(() => aq.op.row_number() === 1)
		.ungroup();
	const all = yearly.groupby('icb_code', 'fy').count({ as: 'women' });
	const imd = yearly.groupby('icb_code', 'fy', 'imd_quintile').count({ as: 'women' });
	const ethnic = yearly.groupby('icb_code', 'fy', 'ethnic_group').count({ as: 'women' });
	return {
		ms: performance.now() - started,
		groups: all.numRows() + imd.numRows() + ethnic.numRows(),
		records: rows.length,
		flaggedColumns: flagged.size
	};
}

(globalThis as unknown as { countWithPapaparseAndArquero: typeof countWithPapaparseAndArquero }).countWithPapaparseAndArquero = countWithPapaparseAndArquero;
