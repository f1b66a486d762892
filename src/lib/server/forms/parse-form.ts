import * as v from 'valibot';
import { toPath } from '../../validation/issues';

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/**
 * Reads a form against a schema: each field's first value, as text (a file where text is expected counts
 * as missing). Returns the typed value, or one message per field for the form to show beside it.
 */
export function parseForm<S extends v.GenericSchema>(schema: S, form: FormData): FormResult<v.InferOutput<S>> {
	const input: Record<string, unknown> = Object.create(null);
	for (const [key, value] of form) if (!(key in input)) input[key] = typeof value === 'string' ? value : undefined;
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, value: result.output };
	const errors: Record<string, string> = {};
	for (const issue of result.issues) errors[toPath(issue) || 'form'] ??= issue.message;
	return { ok: false, errors };
}

/** A text field: trimmed (unless `trim` is false), required with `required` as the message, at most `max` characters. */
export function textField({ required, max, trim = true, label = 'This' }: { required?: string; max: number; trim?: boolean; label?: string }) {
	const tooLong = `${label} is longer than ${max} characters; shorten it.`;
	const base = trim ? v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(max, tooLong)) : v.pipe(v.optional(v.string(), ''), v.maxLength(max, tooLong));
	return required ? v.pipe(base, v.nonEmpty(required)) : base;
}
