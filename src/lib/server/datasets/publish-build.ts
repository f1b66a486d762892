/**
 * The checks and the building of a new version from an upload: pure (no database, no engine), so the server runs
 * it in a worker thread (workers/publish-worker.ts) and a 200,000-observation publish does not hold up every other
 * request for seconds. It reads the body and the base version's tables from bytes and gives back the new
 * version's files; storing them is publish.ts's.
 */
import { tableFromIPC } from '@uwdata/flechette';
import { toArrowIpc } from '$lib/contract/arrow';
import { SCHEMA_VERSION, type Manifest } from '$lib/contract/manifest';
import { TABLE_NAMES, type TableName } from '$lib/contract/tables';
import { DISCLOSURE_RULES, disclosureDifferences } from '$lib/disclosure/disclosure-control';
import { observationKey } from '$lib/upload/observations';
import { parsePublishPayload, type PublishPayload } from '$lib/upload/payload';
import { describePii, findPii } from '$lib/upload/pii';
import { disclosureContext } from '$lib/upload/pipeline';
import { sha256Hex } from './digest';
import type { VersionProvenance } from './registry';
import type { DatasetRef } from './server-dataset';

/** The version an upload is added to: its manifest and its tables as the Arrow IPC files it is stored as. */
export interface PublishBase {
	ref?: DatasetRef;
	manifest: Manifest;
	tables: Record<TableName, Uint8Array>;
}

export interface PublishRefusal {
	ok: false;
	status: 400 | 409 | 422;
	reason: string;
	errors: { path: string; message: string }[];
}

/** A new version, ready to store. */
export interface PublishBuilt {
	ok: true;
	datasetId: string;
	title: string;
	manifestText: string;
	/** File name -> Arrow IPC bytes. */
	files: [string, Uint8Array][];
	provenance: VersionProvenance;
	rows: VersionProvenance['rows'];
	summary: { suppressed: number; published: number };
}

/** Work for the publish worker: read a body far enough to find its base version, or check and build. */
export type PublishTask =
	| {
			kind: 'read';
			body: Uint8Array;
			/** Names this body, so that a build of it next, with the same token, reuses what the read parsed. */
			token?: string;
	  }
	| {
			kind: 'build';
			/** The request body's bytes (JSON), or the object already parsed (tests, tools). */
			body: Uint8Array | unknown;
			token?: string;
			base: PublishBase;
			/** The day it is published (YYYY-MM-DD), for the provenance line. */
			when: string;
	  };

export type PublishRead = { ok: true; basedOn: { datasetId: string; version: string } } | PublishRefusal;

export type PublishTaskResult = PublishRead | PublishBuilt | PublishRefusal;

const refusal = (status: PublishRefusal['status'], reason: string, errors: PublishRefusal['errors'] = []): PublishRefusal => ({
	ok: false,
	status,
	reason,
	errors
});

/** JSON from bytes (a SharedArrayBuffer's too, which TextDecoder refuses); invalid UTF-8 becomes U+FFFD. */
function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | PublishRefusal {
	try {
		return { ok: true, value: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) };
	} catch (cause) {
		return refusal(400, `the body is not valid JSON (${(cause as Error).message.slice(0, 100)})`);
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body the last read parsed, for the build that follows it (one worker runs them one after the other, so it is
 * usually the next task; any other task drops it). Parsing 96 MiB of JSON twice would cost about half a second.
 */
let lastRead: { token: string; value: unknown } | undefined;

/** Which version the body says it is based on (checked properly by the build); a body that is not a JSON object is refused. */
export function readPublishBody(bytes: Uint8Array, token?: string): PublishRead {
	lastRead = undefined;
	const parsed = parseJson(bytes);
	if (!parsed.ok) return parsed;
	if (token) lastRead = { token, value: parsed.value };
	if (!isObject(parsed.value)) return refusal(400, 'send one JSON object: the upload page builds it');
	const basedOn = isObject(parsed.value.basedOn) ? parsed.value.basedOn : {};
	return { ok: true, basedOn: { datasetId: String(basedOn.datasetId ?? ''), version: String(basedOn.version ?? '') } };
}

const summarise = (observations: PublishPayload['observations']) => ({
	suppressed: observations.filter((o) => o.suppressed).length,
	published: observations.filter((o) => !o.suppressed).length
});

/** Every text the payload carries, one column per kind, for the personal-data scan. */
function payloadTexts(payload: PublishPayload): { header: string[]; rows: string[][] } {
	const header = ['title', 'file name', 'notes', 'indicator', 'area', 'period', 'category', 'note'];
	const at = (column: number, text: string) => Object.assign(new Array<string>(header.length).fill(''), { [column]: text });
	const rows = [at(0, payload.title), at(1, payload.source.fileName), ...payload.notes.map((n) => at(2, n))];
	for (const i of payload.indicators) rows.push(at(3, `${i.name} ${i.definition} ${i.source}`));
	for (const a of payload.areas) rows.push(at(4, `${a.name} ${a.parentName}`));
	for (const o of payload.observations) rows.push(Object.assign(at(5, o.period), { 6: o.category, 7: o.note ?? '' }));
	return { header, rows };
}

type Value = string | number | boolean | null;
type Rows = Record<string, Value>[];

/** A stored table's rows; dates stay as the epoch milliseconds Arrow holds, which toArrowIpc writes back as they were. */
const readRows = (bytes: Uint8Array) => tableFromIPC(bytes, { useBigInt: false }).toArray() as Rows;

/**
 * Checks an upload again (never trusting the page that built it): the schema; that it names only areas and
 * indicators the base version or the upload defines; no personal data in any text; and that disclosure control,
 * run here, leaves the rows exactly as sent. Then builds the new version: the base version's tables with the
 * uploaded rows added (replacing rows for the same indicator, area, period and breakdown).
 */
export function buildPublish(task: Extract<PublishTask, { kind: 'build' }>): PublishBuilt | PublishRefusal {
	const read = lastRead;
	lastRead = undefined;
	let body = task.body;
	if (read && task.token && read.token === task.token) body = read.value;
	else if (body instanceof Uint8Array) {
		const parsed = parseJson(body);
		if (!parsed.ok) return parsed;
		body = parsed.value;
	}
	const parsed = parsePublishPayload(body);
	if (!parsed.ok) return refusal(400, 'The upload is not in the form this server accepts.', parsed.errors);
	const payload = parsed.payload;
	const { manifest: baseManifest, ref: baseRef } = task.base;
	if (baseRef && (payload.basedOn.datasetId !== baseRef.datasetId || payload.basedOn.version !== baseRef.version))
		return refusal(400, `basedOn: the upload names ${payload.basedOn.datasetId} version ${payload.basedOn.version}, not the version it was checked against`);
	const base = Object.fromEntries(TABLE_NAMES.map((name) => [name, readRows(task.base.tables[name])])) as Record<TableName, Rows>;

	const errors: PublishRefusal['errors'] = [];
	const knownAreas = new Set(base.areas.map((a) => String(a.area_code)));
	for (const [i, a] of payload.areas.entries())
		if (knownAreas.has(a.areaCode))
			errors.push({ path: `areas[${i}].areaCode`, message: `${a.areaCode} is already in the base version; it is not a new area` });
	const areaCodes = new Set([...knownAreas, ...payload.areas.map((a) => a.areaCode)]);
	const units: Record<string, string> = Object.fromEntries(base.indicators.map((i) => [String(i.indicator_id), String(i.unit)]));
	for (const [i, indicator] of payload.indicators.entries()) {
		const held = Object.hasOwn(units, indicator.indicatorId) ? units[indicator.indicatorId] : undefined;
		// Its rows would replace published ones and be shown in the unit the base version holds it in.
		if (held && held !== indicator.unit)
			errors.push({ path: `indicators[${i}].unit`, message: `${indicator.indicatorId} is held in the base version as ${held}, not ${indicator.unit}` });
		else units[indicator.indicatorId] = indicator.unit;
	}
	for (const [i, o] of payload.observations.entries()) {
		if (!areaCodes.has(o.areaCode))
			errors.push({ path: `observations[${i}].areaCode`, message: `${o.areaCode} is neither in the base version nor among the new areas` });
		if (!Object.hasOwn(units, o.indicatorId))
			errors.push({ path: `observations[${i}].indicatorId`, message: `${o.indicatorId} is neither in the base version nor among the indicators sent` });
		if (o.periodStart > o.periodEnd) errors.push({ path: `observations[${i}].periodStart`, message: 'the period starts after it ends' });
		if (errors.length >= 20) break;
	}
	if (errors.length)
		return refusal(
			400,
			'The upload does not fit the base version: it refers to areas or indicators that do not exist there, or gives an indicator in another unit.',
			errors
		);

	const texts = payloadTexts(payload);
	const pii = findPii(texts.header, texts.rows);
	if (pii.length)
		return refusal(
			422,
			'The upload holds personal data, so it was not published.',
			describePii(pii).map((message) => ({ path: 'pii', message }))
		);

	const context = disclosureContext(
		[
			...base.areas.map((a) => ({ areaCode: String(a.area_code), parentCode: (a.parent_code as string | null) ?? null })),
			...payload.areas.map((a) => ({ areaCode: a.areaCode, parentCode: a.parentCode }))
		],
		units
	);
	const differences = disclosureDifferences(payload.observations, context);
	if (differences.length)
		return refusal(
			422,
			`Disclosure control here gives a different table from the one sent (${differences.length.toLocaleString('en-GB')} difference${differences.length === 1 ? '' : 's'}), so nothing was published. Check the file again on the upload page.`,
			differences.slice(0, 20).map((d) => ({ path: `observations[${d.index}]`, message: d.message }))
		);

	const tables = mergedTables(base, payload);
	const files: [string, Uint8Array][] = [];
	const entries = {} as Manifest['tables'];
	for (const name of TABLE_NAMES) {
		const bytes = toArrowIpc(name, tables[name]);
		const sha256 = sha256Hex(bytes);
		const file = `${name}.${sha256.slice(0, 16)}.arrow`;
		files.push([file, bytes]);
		entries[name] = { file, format: 'arrow-ipc-stream', rows: tables[name].length, bytes: bytes.byteLength, sha256 };
	}
	const financialYears = new Set(baseManifest.periods);
	for (const o of payload.observations) if (/^\d{4}\/\d{2}$/.test(o.period)) financialYears.add(o.period);
	const manifest: Manifest = {
		schemaVersion: SCHEMA_VERSION,
		datasetId: payload.datasetId,
		title: payload.title,
		// Built on synthetic demonstration data, it is still partly synthetic.
		synthetic: baseManifest.synthetic,
		disclosureControl: { applied: true, method: DISCLOSURE_RULES.join(' ') },
		provenance: [
			...baseManifest.provenance,
			`${task.when}: ${payload.observations.length.toLocaleString('en-GB')} observations from "${payload.source.fileName}" (${payload.source.description}, SHA-256 ${payload.source.sha256.slice(0, 12)}...) uploaded by an analyst, added to ${baseRef?.datasetId ?? baseManifest.datasetId} version ${baseRef?.version ?? '?'}.`
		],
		periods: [...financialYears].sort(),
		latestPeriod: baseManifest.latestPeriod,
		tables: entries
	};
	const rows = { areas: tables.areas.length, indicators: tables.indicators.length, observations: tables.observations.length };
	return {
		ok: true,
		datasetId: payload.datasetId,
		title: payload.title,
		manifestText: JSON.stringify(manifest, null, '\t'),
		files,
		provenance: {
			kind: 'upload',
			basedOn: baseRef,
			source: {
				fileName: payload.source.fileName,
				sha256: payload.source.sha256,
				bytes: payload.source.bytes,
				format: payload.source.description,
				mapping: payload.source.mapping
			},
			rules: DISCLOSURE_RULES,
			rows: { ...rows, uploaded: payload.observations.length, replaced: tables.replaced, added: payload.observations.length - tables.replaced },
			notes: payload.notes
		},
		rows,
		summary: summarise(payload.observations)
	};
}

/** The base version's rows with the upload's added: new areas and indicators appended, observations replaced by key. */
function mergedTables(base: Record<TableName, Rows>, payload: PublishPayload): Record<TableName, Rows> & { replaced: number } {
	const uploaded = new Set(payload.observations.map(observationKey));
	const key = (r: Record<string, Value>) =>
		observationKey({
			indicatorId: String(r.indicator_id),
			areaCode: String(r.area_code),
			period: String(r.period),
			categoryType: String(r.category_type),
			category: String(r.category)
		});
	const kept = base.observations.filter((r) => !uploaded.has(key(r)));
	const knownIndicators = new Set(base.indicators.map((i) => i.indicator_id));
	return {
		areas: [
			...base.areas,
			...payload.areas.map((a) => ({
				area_code: a.areaCode,
				ods_code: null,
				name: a.name,
				short_name: a.name,
				area_type: 'local',
				parent_code: a.parentCode,
				former_codes: null,
				valid_from: null,
				valid_to: null,
				centroid_lat: null,
				centroid_lon: null,
				tile_col: null,
				tile_row: null
			}))
		],
		indicators: [
			...base.indicators,
			...payload.indicators
				.filter((i) => !knownIndicators.has(i.indicatorId))
				.map((i) => ({
					indicator_id: i.indicatorId,
					name: i.name,
					short_name: i.name.slice(0, 60),
					unit: i.unit,
					polarity: 'none',
					definition: i.definition,
					numerator: null,
					denominator: null,
					source: i.source,
					method: `Uploaded by an analyst; disclosure control: ${DISCLOSURE_RULES.join(' ')}`,
					synthetic: false
				}))
		],
		observations: [
			...kept,
			...payload.observations.map((o) => ({
				indicator_id: o.indicatorId,
				area_code: o.areaCode,
				period: o.period,
				period_start: o.periodStart,
				period_end: o.periodEnd,
				category_type: o.categoryType,
				category: o.category,
				value: o.value,
				lower_ci95: o.lowerCi95,
				upper_ci95: o.upperCi95,
				count: o.count,
				denominator: o.denominator,
				suppressed: o.suppressed,
				note: o.note
			}))
		],
		replaced: base.observations.length - kept.length
	};
}

/** The work the publish worker does (and the server does inline where there is no bundled worker). */
export function runPublishTask(task: PublishTask): PublishTaskResult {
	return task.kind === 'read' ? readPublishBody(task.body, task.token) : buildPublish(task);
}
