import { csvFormatRows } from 'd3-dsv';

export type Cell = string | number | null;

/** A table as every chart and page offers it: shown as the chart's text alternative and downloaded as CSV. */
export interface Table {
	name: string;
	/** Column headings, with units where a column has one ("Access rate (%)"). */
	columns: string[];
	rows: Cell[][];
}

/** Where the figures in a CSV come from, written into every row so the file says it wherever it goes. */
export interface TableProvenance {
	/** e.g. "demo v1 (sha256 3f2a…)". */
	datasetVersion: string;
	/** True for the synthetic demonstration dataset. */
	synthetic: boolean;
}

export const DEMONSTRATION_LABEL = 'Synthetic demonstration data, not official statistics';

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection); text is prefixed with '.
const FORMULA_START = /^[=+\-@\t\r]/;
const quoteFormula = (cell: Cell): string => {
	if (cell === null) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	return FORMULA_START.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell;
};

/** RFC 4180 CSV (d3-dsv), CRLF line ends; with provenance, two last columns name the dataset version and its status. */
export function toCsv(table: Table, provenance?: TableProvenance): string {
	const extra = provenance ? [provenance.datasetVersion, provenance.synthetic ? DEMONSTRATION_LABEL : 'Published dataset'] : [];
	const header = provenance ? [...table.columns, 'Dataset version', 'Data status'] : table.columns;
	const rows = table.rows.map((row) => [...row.map(quoteFormula), ...extra]);
	return csvFormatRows([header, ...rows]).replace(/\n/g, '\r\n') + '\r\n';
}
