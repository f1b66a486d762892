import { ENGLAND } from '../contract/vocabulary';
import { discloseRows, type DisclosureSummary } from '../disclosure/disclosure-control';
import { createAreaMatcher, type KnownArea } from './areas';
import { adaptFingertips } from './adapters/fingertips';
import { adaptMapped } from './adapters/mapped';
import { adaptMhsdsMonthly, adaptPerinatalQuarterly } from './adapters/measure-rows';
import { detectFormat, MAPPING_FIELDS, type ColumnMapping, type Detection } from './detect';
import type { Adapted, UploadObservation } from './observations';
import { findPii, type PiiFinding } from './pii';
import { Problems, type Problem } from './problems';
import { binaryKind, readBinaryTable, unzipDataFile } from './binary-formats';
import { parseDelimited, readText, type ParsedTable } from './text';
import { validateObservations } from './validate';

export interface PipelineInput {
	bytes: Uint8Array;
	/** The reference areas: the areas table of the version the upload will be added to. */
	areas: KnownArea[];
	/** Units of the indicators the base version already has (an upload may add rows to them). */
	baseUnits: Record<string, string>;
	/** For a file in no known layout, the columns the analyst chose. */
	mapping?: ColumnMapping;
	/** For a ZIP file holding several data files, the one the analyst chose. */
	entry?: string;
}

export interface PipelineResult {
	/** Publishable: read, recognised, no errors and no personal data. */
	ok: boolean;
	/** When the file could not be read at all, why. */
	fatal?: string;
	encoding?: string;
	readNotes: string[];
	detection?: Detection;
	header: string[];
	rowCount: number;
	/** A mapping is needed (and not yet complete) before the file can be read. */
	needsMapping: boolean;
	problems: Problem[];
	totals: { kind: string; count: number; severity: Problem['severity'] }[];
	errorCount: number;
	pii: PiiFinding[];
	adapted?: Adapted;
	/** The mapping used, for a file in no known layout (remembered for the next file of the same shape). */
	mapping?: ColumnMapping;
	disclosed?: { rows: UploadObservation[]; summary: DisclosureSummary };
	/** For a ZIP file: the data files it holds, and which was read (none yet when it holds several). */
	archive?: { choices: string[]; read?: string };
}

/** What disclosure control needs to know about areas and indicators, from the base version plus the upload. */
export function disclosureContext(areas: { areaCode: string; parentCode: string | null }[], units: Record<string, string>) {
	const parents = new Map(areas.map((a) => [a.areaCode, a.parentCode]));
	return { isCount: (id: string) => units[id] === 'count', parentOf: (code: string) => parents.get(code), national: ENGLAND };
}

/**
 * detect -> adapt -> validate -> check for personal data -> disclose, on a file's bytes. Pure: the browser runs it
 * (in a Worker) and the tests run it in Node; the server repeats the checks on what is published.
 */
export function runPipeline({ bytes, areas, baseUnits, mapping }: PipelineInput): PipelineResult {
	const read = readText(bytes);
	if (!read.ok) return { ...EMPTY, fatal: read.message };
	const parsed = parseDelimited(read.text);
	if (!parsed.ok) return { ...EMPTY, encoding: read.encoding, readNotes: read.notes, fatal: parsed.message };
	const { table } = parsed;
	const detection = detectFormat(table.header);
	const pii = findPii(table.header, table.rows);
	if (detection.format === 'record-level')
		return {
			...EMPTY,
			encoding: read.encoding,
			readNotes: read.notes,
			detection,
			header: table.header,
			rowCount: table.rows.length,
			pii,
			fatal: 'record-level'
		};
	return checkTable({ table, detection, areas, baseUnits, mapping, pii, encoding: read.encoding, readNotes: read.notes });
}

/**
 * Any file the importer reads: XLSX, Parquet and Arrow through their readers, the data file in a ZIP archive as if
 * it had been chosen itself, everything else as text.
 */
export async function runPipelineOnFile(input: PipelineInput): Promise<PipelineResult> {
	if (binaryKind(input.bytes) === 'zip') {
		const unzipped = await unzipDataFile(input.bytes, input.entry);
		const archive = { choices: unzipped.choices, read: unzipped.ok ? unzipped.name : undefined };
		if (!unzipped.ok) return { ...EMPTY, fatal: unzipped.message, archive };
		if (binaryKind(unzipped.bytes) === 'zip')
			return { ...EMPTY, archive, fatal: `${unzipped.name} is itself a ZIP file, inside the ZIP file. Unzip them yourself and choose the data file.` };
		const inner = await runPipelineOnFile({ ...input, bytes: unzipped.bytes, entry: undefined });
		const fatal =
			inner.fatal === 'record-level' || inner.detection?.format === 'record-level'
				? `${unzipped.name} is a record-level extract (one row per woman or contact): it is counted by DuckDB from a file of its own, not read whole here. Choose the ZIP file on the upload page, which unzips it for DuckDB, or unzip it and choose ${unzipped.name} itself.`
				: inner.fatal;
		return { ...inner, fatal, readNotes: [unzipped.note, ...inner.readNotes], archive };
	}
	const binary = await readBinaryTable(input.bytes);
	if (!binary) return runPipeline(input);
	if (!binary.ok) return { ...EMPTY, fatal: binary.message };
	const detection = detectFormat(binary.table.header);
	const pii = findPii(binary.table.header, binary.table.rows);
	const readNotes = binary.notes;
	if (detection.format === 'record-level')
		return {
			...EMPTY,
			encoding: binary.format,
			readNotes,
			detection,
			header: binary.table.header,
			rowCount: binary.table.rows.length,
			pii,
			fatal: 'A record-level extract must be a CSV file to be counted in the browser: save it as CSV and upload that.'
		};
	return checkTable({
		table: binary.table,
		detection,
		areas: input.areas,
		baseUnits: input.baseUnits,
		mapping: input.mapping,
		pii,
		encoding: binary.format,
		readNotes
	});
}

const EMPTY: PipelineResult = { ok: false, readNotes: [], header: [], rowCount: 0, needsMapping: false, problems: [], totals: [], errorCount: 0, pii: [] };

/** Why no row was read: how many rows were left out, for each reason, most first. */
function nothingRead(adapted: Adapted, rows: number): string {
	const n = (k: number) => k.toLocaleString('en-GB');
	const reasons = adapted.leftOut.map((l) => `${l.reason}, ${n(l.rows)} row${l.rows === 1 ? '' : 's'}`);
	if (!reasons.length) return 'no rows could be read as observations';
	return `none of the ${n(rows)} row${rows === 1 ? '' : 's'} could be read as observations, all being left out: ${reasons.join('; ')}`;
}

/** adapt -> validate -> disclose, on a table already read (from a file, or aggregated from records by DuckDB). */
export function checkTable({
	table,
	detection,
	areas,
	baseUnits,
	mapping,
	pii,
	encoding,
	readNotes,
	rowCount = table.rows.length
}: Omit<PipelineInput, 'bytes'> & {
	table: ParsedTable;
	detection: Detection;
	pii: PiiFinding[];
	encoding: string;
	readNotes: string[];
	rowCount?: number;
}): PipelineResult {
	const base: PipelineResult = { ...EMPTY, encoding, readNotes, detection, header: table.header, rowCount };
	const problems = new Problems();
	const input = { table, matchArea: createAreaMatcher(areas), problems, baseUnits };
	let adapted: Adapted;
	if (detection.format === 'fingertips') adapted = adaptFingertips(input);
	else if (detection.format === 'mhsds-monthly') adapted = adaptMhsdsMonthly(input);
	else if (detection.format === 'perinatal-quarterly') adapted = adaptPerinatalQuarterly(input);
	else {
		const chosen = mapping ?? (detection.mapping as ColumnMapping);
		const complete = MAPPING_FIELDS.every((f) => !f.required || chosen?.[f.key]);
		if (!complete) return { ...base, pii, needsMapping: true };
		adapted = adaptMapped(input, chosen, detection.format === 'record-level' ? 'women counted from the records' : '');
		base.mapping = chosen;
	}
	// An indicator the base version has is in its unit there (the adapters saw to that, or stopped it).
	for (const indicator of adapted.indicators)
		if (Object.hasOwn(baseUnits, indicator.indicatorId))
			adapted.notes.push(
				`${indicator.indicatorId} is an indicator the dataset already has: its rows replace the published ones for the same area, period and group, in its unit (${indicator.unit.replace(/_/g, ' ')}).`
			);
	validateObservations(adapted, problems);
	if (!adapted.observations.length && !problems.errors)
		problems.add({
			row: 0,
			column: '',
			value: '',
			kind: 'nothing to publish',
			message: nothingRead(adapted, table.rows.length),
			fix: adapted.nothingReadFix ?? 'Check the notes above for why rows were left out; a file of another layout may need the mapping screen.'
		});
	const units = { ...baseUnits, ...Object.fromEntries(adapted.indicators.map((i) => [i.indicatorId, i.unit])) };
	const disclosed = discloseRows(adapted.observations, disclosureContext([...areas, ...adapted.areas], units));
	const totals = [...problems.totals].map(([kind, t]) => ({ kind, ...t }));
	return { ...base, ok: problems.errors === 0 && pii.length === 0, problems: problems.list, totals, errorCount: problems.errors, pii, adapted, disclosed };
}
