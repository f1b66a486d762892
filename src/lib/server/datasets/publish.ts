import * as v from 'valibot';
import { toArrowIpc } from '$lib/contract/arrow';
import { SCHEMA_VERSION, type Manifest } from '$lib/contract/manifest';
import { TABLE_NAMES, type TableName } from '$lib/contract/tables';
import { DISCLOSURE_RULES, disclosureDifferences } from '$lib/disclosure/disclosure-control';
import type { Row } from '$lib/engine/engine';
import { observationKey } from '$lib/upload/observations';
import { publishPayloadSchema, type PublishPayload } from '$lib/upload/payload';
import { describePii, findPii } from '$lib/upload/pii';
import { disclosureContext } from '$lib/upload/pipeline';
import { toFieldErrors } from '$lib/validation/issues';
import type { Actor } from '../auth/users';
import type { Db } from '../db/client';
import { addVersion, type VersionProvenance } from './registry';
import { sha256Hex, type DatasetRef, type ServerDataset } from './server-dataset';

export type PublishResult =
	| { ok: true; ref: DatasetRef; rows: VersionProvenance['rows']; summary: ReturnType<typeof summarise> }
	| { ok: false; status: 400 | 409 | 422; reason: string; errors: { path: string; message: string }[] };

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

/**
 * Publishes an upload as the next version of its dataset, after checking it again here: the schema; that it names
 * only areas and indicators the base version or the upload defines; no personal data in any text; and that
 * disclosure control, run here, leaves the rows exactly as sent. The new version is the base version's tables
 * with the uploaded rows added (replacing rows for the same indicator, area, period and breakdown).
 */
export async function publishUpload(db: Db, body: unknown, base: ServerDataset, actor: Actor): Promise<PublishResult> {
	const parsed = v.safeParse(publishPayloadSchema, body, { abortPipeEarly: true });
	if (!parsed.success) return { ok: false, status: 400, reason: 'The upload is not in the form this server accepts.', errors: toFieldErrors(parsed.issues) };
	const payload = parsed.output;
	const { engine, manifest: baseManifest } = base;
	const [baseAreas, baseIndicators] = await Promise.all([
		engine.query<{ area_code: string; parent_code: string | null }>('SELECT area_code, parent_code FROM areas'),
		engine.query<{ indicator_id: string; unit: string }>('SELECT indicator_id, unit FROM indicators')
	]);
	const errors: { path: string; message: string }[] = [];
	const knownAreas = new Set(baseAreas.map((a) => a.area_code));
	for (const [i, a] of payload.areas.entries())
		if (knownAreas.has(a.areaCode))
			errors.push({ path: `areas[${i}].areaCode`, message: `${a.areaCode} is already in the base version; it is not a new area` });
	const areaCodes = new Set([...knownAreas, ...payload.areas.map((a) => a.areaCode)]);
	const units: Record<string, string> = Object.fromEntries(baseIndicators.map((i) => [i.indicator_id, i.unit]));
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
		if (!units[o.indicatorId])
			errors.push({ path: `observations[${i}].indicatorId`, message: `${o.indicatorId} is neither in the base version nor among the indicators sent` });
		if (o.periodStart > o.periodEnd) errors.push({ path: `observations[${i}].periodStart`, message: 'the period starts after it ends' });
		if (errors.length >= 20) break;
	}
	if (errors.length)
		return {
			ok: false,
			status: 400,
			reason: 'The upload does not fit the base version: it refers to areas or indicators that do not exist there, or gives an indicator in another unit.',
			errors
		};

	const texts = payloadTexts(payload);
	const pii = findPii(texts.header, texts.rows);
	if (pii.length)
		return {
			ok: false,
			status: 422,
			reason: 'The upload holds personal data, so it was not published.',
			errors: describePii(pii).map((message) => ({ path: 'pii', message }))
		};

	const context = disclosureContext(
		[
			...baseAreas.map((a) => ({ areaCode: a.area_code, parentCode: a.parent_code })),
			...payload.areas.map((a) => ({ areaCode: a.areaCode, parentCode: a.parentCode }))
		],
		units
	);
	const differences = disclosureDifferences(payload.observations, context);
	if (differences.length)
		return {
			ok: false,
			status: 422,
			reason: `Disclosure control here gives a different table from the one sent (${differences.length.toLocaleString('en-GB')} difference${differences.length === 1 ? '' : 's'}), so nothing was published. Check the file again on the upload page.`,
			errors: differences.slice(0, 20).map((d) => ({ path: `observations[${d.index}]`, message: d.message }))
		};

	const tables = await mergedTables(base, payload);
	const files = new Map<string, Uint8Array>();
	const entries = {} as Manifest['tables'];
	for (const name of TABLE_NAMES) {
		const bytes = toArrowIpc(name, tables[name]);
		const sha256 = sha256Hex(bytes);
		const file = `${name}.${sha256.slice(0, 16)}.arrow`;
		files.set(file, bytes);
		entries[name] = { file, format: 'arrow-ipc-stream', rows: tables[name].length, bytes: bytes.byteLength, sha256 };
	}
	const financialYears = new Set(baseManifest.periods);
	for (const o of payload.observations) if (/^\d{4}\/\d{2}$/.test(o.period)) financialYears.add(o.period);
	const when = new Date().toISOString().slice(0, 10);
	const manifest: Manifest = {
		schemaVersion: SCHEMA_VERSION,
		datasetId: payload.datasetId,
		title: payload.title,
		// Built on synthetic demonstration data, it is still partly synthetic.
		synthetic: baseManifest.synthetic,
		disclosureControl: { applied: true, method: DISCLOSURE_RULES.join(' ') },
		provenance: [
			...baseManifest.provenance,
			`${when}: ${payload.observations.length.toLocaleString('en-GB')} observations from "${payload.source.fileName}" (${payload.source.description}, SHA-256 ${payload.source.sha256.slice(0, 12)}...) uploaded by an analyst, added to ${base.ref?.datasetId ?? baseManifest.datasetId} version ${base.ref?.version ?? '?'}.`
		],
		periods: [...financialYears].sort(),
		latestPeriod: baseManifest.latestPeriod,
		tables: entries
	};
	const ref = await addVersion(
		db,
		{
			datasetId: payload.datasetId,
			title: payload.title,
			manifestText: JSON.stringify(manifest, null, '\t'),
			files,
			provenance: {
				kind: 'upload',
				basedOn: base.ref,
				source: {
					fileName: payload.source.fileName,
					sha256: payload.source.sha256,
					bytes: payload.source.bytes,
					format: payload.source.description,
					mapping: payload.source.mapping
				},
				rules: DISCLOSURE_RULES,
				rows: {
					areas: tables.areas.length,
					indicators: tables.indicators.length,
					observations: tables.observations.length,
					uploaded: payload.observations.length,
					replaced: tables.replaced,
					added: payload.observations.length - tables.replaced
				},
				notes: payload.notes
			}
		},
		actor
	);
	if (!ref.created)
		return { ok: false, status: 409, reason: 'This exact version is already the latest of that dataset; nothing new was published.', errors: [] };
	return {
		ok: true,
		ref,
		rows: { areas: tables.areas.length, indicators: tables.indicators.length, observations: tables.observations.length },
		summary: summarise(payload.observations)
	};
}

type TableRows = Record<TableName, Record<string, string | number | boolean | null>[]> & { replaced: number };

const asText = (column: string) => `CAST("${column}" AS VARCHAR) AS "${column}"`;

/** The base version's rows with the upload's added: new areas and indicators appended, observations replaced by key. */
async function mergedTables({ engine }: ServerDataset, payload: PublishPayload): Promise<TableRows> {
	const [areas, indicators, observations] = await Promise.all([
		engine.query(`SELECT * EXCLUDE (valid_from, valid_to), ${asText('valid_from')}, ${asText('valid_to')} FROM areas ORDER BY area_code`),
		engine.query('SELECT * FROM indicators ORDER BY indicator_id'),
		engine.query(
			`SELECT * EXCLUDE (period_start, period_end), ${asText('period_start')}, ${asText('period_end')} FROM observations ORDER BY indicator_id, area_code, period, category_type, category`
		)
	]);
	const uploaded = new Set(payload.observations.map(observationKey));
	const key = (r: Row) =>
		observationKey({
			indicatorId: String(r.indicator_id),
			areaCode: String(r.area_code),
			period: String(r.period),
			categoryType: String(r.category_type),
			category: String(r.category)
		});
	const kept = observations.filter((r) => !uploaded.has(key(r)));
	const knownIndicators = new Set(indicators.map((i) => i.indicator_id));
	return {
		areas: [
			...areas,
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
			...indicators,
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
		replaced: observations.length - kept.length
	};
}
