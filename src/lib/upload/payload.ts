import * as v from 'valibot';
import { UNITS } from '../contract/vocabulary';
import { MAX_ERRORS, toFieldErrors, toPath, type FieldError } from '../validation/issues';
import type { PipelineResult } from './pipeline';

/** Dataset ids appear in URLs. `demo` is the generator's: uploads go to datasets of their own. */
export const UPLOAD_DATASET_ID = /^(?!demo$)[a-z][a-z0-9-]{1,39}$/;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `at most ${max} characters`));
const nullableNumber = v.nullable(v.pipe(v.number(), v.finite('must be a finite number')));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)'));
const id = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a lower-case indicator id'));
const areaCode = v.pipe(v.string(), v.regex(/^E\d{8}$/, 'must be an ONS area code (E and 8 digits)'));

/**
 * The most one publish may send: observations, the payload as JSON, and that JSON gzip-compressed (the request
 * body, as the upload page sends it). 200,000 observations are about 60 MB of JSON and 1.5-6 MB compressed,
 * depending on how alike the figures are; the JSON limit allows for long notes and names.
 */
export const PUBLISH_LIMITS = { observations: 200_000, jsonBytes: 96 * 1024 * 1024, gzipBytes: 8 * 1024 * 1024 } as const;

/** Bytes in MB (of 1,048,576 bytes) to one decimal place, as the limits are given. */
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
const IN_PARTS =
	'Publish the file in parts, each with fewer indicators, years or kinds of area (each part is then a new version of the same dataset, adding to the one before).';

/**
 * Why a publish of this size would be refused, in words with the fix, or null when it fits. The page asks before
 * sending (the observations when the file is checked, the bytes once the payload is made), the server enforces it.
 */
export function publishSizeProblem({ observations, jsonBytes = 0, gzipBytes = 0 }: { observations: number; jsonBytes?: number; gzipBytes?: number }) {
	const { observations: most, jsonBytes: mostJson, gzipBytes: mostGzip } = PUBLISH_LIMITS;
	if (observations > most)
		return `This file gives ${observations.toLocaleString('en-GB')} observations to publish; at most ${most.toLocaleString('en-GB')} can be published at once. ${IN_PARTS}`;
	if (jsonBytes > mostJson)
		return `The figures to publish come to ${megabytes(jsonBytes)}; at most ${megabytes(mostJson)} can be published at once. ${IN_PARTS}`;
	if (gzipBytes > mostGzip)
		return `The figures to publish come to ${megabytes(gzipBytes)} compressed; at most ${megabytes(mostGzip)} can be sent at once. ${IN_PARTS}`;
	return null;
}

const noteSchema = text(2000);
const indicatorSchema = v.strictObject({ indicatorId: id, name: text(300), unit: v.picklist(UNITS), definition: text(2000), source: text(500) });
const areaSchema = v.strictObject({ areaCode, name: text(200), parentCode: v.nullable(areaCode), parentName: text(200) });
const observationSchema = v.strictObject({
	line: v.pipe(v.number(), v.integer(), v.minValue(0)),
	indicatorId: id,
	areaCode,
	period: v.pipe(v.string(), v.regex(/^[\w/ -]{4,30}$/, 'must be a period such as 2023/24')),
	periodStart: isoDate,
	periodEnd: isoDate,
	categoryType: v.picklist(['', 'imd_quintile', 'ethnic_group']),
	category: text(60),
	value: nullableNumber,
	lowerCi95: nullableNumber,
	upperCi95: nullableNumber,
	count: nullableNumber,
	denominator: nullableNumber,
	suppressed: v.boolean(),
	note: v.nullable(text(300))
});
const mappingSchema = v.record(v.pipe(v.string(), v.regex(/^[a-zA-Z0-9]{1,20}$/)), text(200));
const MAPPING_ENTRIES = 20;

/** The lists a payload holds: each item's schema, and how many items there may be. */
const LISTS = {
	notes: { item: noteSchema, max: 50, tooMany: 'at most 50 notes' },
	indicators: { item: indicatorSchema, max: 200, tooMany: 'at most 200 indicators' },
	areas: { item: areaSchema, max: 5_000, tooMany: 'at most 5,000 new areas' },
	observations: {
		item: observationSchema,
		tooFew: 'there are no observations to publish',
		max: PUBLISH_LIMITS.observations,
		tooMany: `at most ${PUBLISH_LIMITS.observations.toLocaleString('en-GB')} observations`
	}
} as const;

/** A list of `item`s, at most `max` (and at least one where it says what an empty one lacks). */
const list = <T extends v.GenericSchema>(item: T, { max, tooMany, tooFew }: { max: number; tooMany: string; tooFew?: string }) =>
	v.pipe(v.array(item), v.minLength(tooFew ? 1 : 0, tooFew), v.maxLength(max, tooMany));

/** Everything but what the lists and the mapping hold, which the outline checks only for their size. */
const head = {
	datasetId: v.pipe(v.string(), v.regex(UPLOAD_DATASET_ID, 'must be 2-40 lower-case letters, digits or dashes, starting with a letter (and not "demo")')),
	title: v.pipe(v.string(), v.trim(), v.minLength(3, 'give a title of at least 3 characters'), v.maxLength(120, 'at most 120 characters')),
	basedOn: v.strictObject({ datasetId: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{1,39}$/)), version: v.pipe(v.number(), v.integer(), v.minValue(1)) })
};
const source = <T extends v.GenericSchema>(mapping: T) =>
	v.strictObject({
		fileName: text(200),
		sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')),
		bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
		format: v.picklist(['fingertips', 'mhsds-monthly', 'perinatal-quarterly', 'record-level', 'mapped']),
		description: text(200),
		mapping: v.optional(mapping)
	});

/** What the upload page sends to publish: aggregated, disclosure-controlled rows (never record-level data). */
export const publishPayloadSchema = v.strictObject({
	...head,
	source: source(v.pipe(mappingSchema, v.maxEntries(MAPPING_ENTRIES, `at most ${MAPPING_ENTRIES} mapped columns`))),
	notes: list(noteSchema, LISTS.notes),
	indicators: list(indicatorSchema, LISTS.indicators),
	areas: list(areaSchema, LISTS.areas),
	observations: list(observationSchema, LISTS.observations)
});

/**
 * The payload's outline: its lists and mapping may hold anything, but no more items than allowed. valibot checks
 * every item of a list before its length, with an issue for each field of each: 400,000 empty objects (1.2 MB of
 * JSON, a few KB compressed) made 6,000,000 issues, 24 s and 3.8 GB, and a full-size body would run out of memory.
 */
const outlineSchema = v.strictObject({
	...head,
	source: source(v.pipe(v.record(v.string(), v.unknown()), v.maxEntries(MAPPING_ENTRIES, `at most ${MAPPING_ENTRIES} mapped columns`))),
	...(Object.fromEntries(Object.entries(LISTS).map(([name, limits]) => [name, list(v.unknown(), limits)])) as Record<
		keyof typeof LISTS,
		ReturnType<typeof list<v.UnknownSchema>>
	>)
});

/**
 * Checks a payload as the server receives it, with work and memory bounded whatever it holds: first its outline,
 * then its items one by one, stopping at the first MAX_ERRORS problems. The same answer as publishPayloadSchema
 * for a payload that passes, and the first problems it would find for one that does not.
 */
export function parsePublishPayload(input: unknown): { ok: true; payload: PublishPayload } | { ok: false; errors: FieldError[] } {
	const outline = v.safeParse(outlineSchema, input, { abortPipeEarly: true });
	if (!outline.success) return { ok: false, errors: toFieldErrors(outline.issues) };
	const errors: FieldError[] = [];
	const note = (path: string, issues: readonly v.BaseIssue<unknown>[]) => {
		for (const issue of issues) if (errors.length < MAX_ERRORS) errors.push({ path: joinPath(path, toPath(issue)), message: issue.message });
	};
	const mapping = outline.output.source.mapping;
	if (mapping) {
		const checked = v.safeParse(mappingSchema, mapping, { abortPipeEarly: true });
		if (!checked.success) note('source.mapping', checked.issues);
	}
	const lists = {} as Record<keyof typeof LISTS, unknown[]>;
	for (const [name, { item }] of Object.entries(LISTS) as [keyof typeof LISTS, (typeof LISTS)[keyof typeof LISTS]][]) {
		lists[name] = [];
		for (const [i, value] of outline.output[name].entries()) {
			if (errors.length >= MAX_ERRORS) break;
			const checked = v.safeParse(item as v.GenericSchema, value, { abortPipeEarly: true });
			if (checked.success) lists[name].push(checked.output);
			else note(`${name}[${i}]`, checked.issues);
		}
	}
	if (errors.length >= MAX_ERRORS) errors.push({ path: '', message: 'and perhaps more problems, not looked for; fix these first' });
	if (errors.length) return { ok: false, errors };
	return { ok: true, payload: { ...outline.output, ...lists } as PublishPayload };
}

const joinPath = (prefix: string, path: string) => (!path ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`);

export type PublishPayload = v.InferOutput<typeof publishPayloadSchema>;

/** The payload for a checked file: what the upload page sends, and what tests tamper with. */
export function toPublishPayload(
	result: PipelineResult,
	{
		datasetId,
		title,
		basedOn,
		fileName,
		sha256,
		bytes,
		mapping
	}: {
		datasetId: string;
		title: string;
		basedOn: { datasetId: string; version: number };
		fileName: string;
		sha256: string;
		bytes: number;
		/** The columns used, when the analyst chose them (a file in no known layout, a record-level extract). */
		mapping?: Record<string, string>;
	}
): PublishPayload {
	const columns = mapping ?? (result.detection?.format === 'mapped' ? (result.mapping as Record<string, string> | undefined) : undefined);
	if (!result.adapted || !result.disclosed || !result.detection) throw new Error('the file has not been checked: nothing to publish');
	return {
		datasetId,
		title,
		basedOn,
		source: {
			fileName: fileName.slice(0, 200),
			sha256,
			bytes,
			format: result.detection.format,
			description: result.detection.description.slice(0, 200),
			...(columns ? { mapping: Object.fromEntries(Object.entries(columns).filter(([, column]) => column)) } : {})
		},
		notes: [...result.readNotes, ...result.adapted.notes].slice(0, 50).map((n) => n.slice(0, 2000)),
		indicators: result.adapted.indicators,
		areas: result.adapted.areas,
		observations: result.disclosed.rows as PublishPayload['observations']
	};
}
