import type { BaseIssue } from 'valibot';

/** A problem with one field, addressed by a path like `options[1].params.caseload` ('' for the whole input). */
export interface FieldError {
	path: string;
	message: string;
}

/** At most this many problems are reported, so a huge bad input cannot produce a huger answer. */
export const MAX_ERRORS = 20;

/** `options[1].params.caseload` from a valibot issue's path. */
export function toPath(issue: BaseIssue<unknown>): string {
	let path = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		if (typeof key === 'number') path += `[${key}]`;
		else path += path ? `.${String(key)}` : String(key);
	}
	return path;
}

/** Field errors from valibot issues, capped at MAX_ERRORS with a last entry saying how many more there were. */
export function toFieldErrors(issues: readonly BaseIssue<unknown>[], { max = MAX_ERRORS }: { max?: number } = {}): FieldError[] {
	const errors = issues.slice(0, max).map((issue) => ({ path: toPath(issue), message: issue.message }));
	if (issues.length > max) errors.push({ path: '', message: `and ${issues.length - max} more problems; fix these first` });
	return errors;
}
