/**
 * The comparison for the record-level benchmark: the same counts as the importer's SQL, done the usual
 * JavaScript way (papaparse reads the File, Arquero groups). Bundled by the benchmark for a blank page.
 */
import * as aq from 'arquero';
import Papa from 'papaparse';

type Row = { pseudo_id: string; icb_code: string; contact_date: string; imd_quintile: string; ethnic_group: string };

async function countWithPapaparseAndArquero(file: File): Promise<{ ms: number; groups: number }> {
	const started = performance.now();
	const rows = await new Promise<Row[]>((resolve, reject) =>
		Papa.parse<Row>(file, { header: true, skipEmptyLines: true, complete: (r) => resolve(r.data), error: reject })
	);
	const table = aq.from(rows).derive({
		fy: aq.escape((d: Row) => {
			const [, m, y] = d.contact_date.split('/').map(Number);
			return m >= 4 ? y : y - 1;
		})
	});
	const all = table.groupby('icb_code', 'fy').rollup({ women: aq.op.distinct('pseudo_id') });
	const imd = table.groupby('icb_code', 'fy', 'imd_quintile').rollup({ women: aq.op.distinct('pseudo_id') });
	const ethnic = table.groupby('icb_code', 'fy', 'ethnic_group').rollup({ women: aq.op.distinct('pseudo_id') });
	return { ms: performance.now() - started, groups: all.numRows() + imd.numRows() + ethnic.numRows() };
}

(globalThis as unknown as { countWithPapaparseAndArquero: typeof countWithPapaparseAndArquero }).countWithPapaparseAndArquero = countWithPapaparseAndArquero;
