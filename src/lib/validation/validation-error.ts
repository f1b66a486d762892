import { MAX_ERRORS, type FieldError } from './issues';

/**
 * The one error for untrusted input that does not fit its schema, at any boundary (API, URL, form, file,
 * JSON read back from the database): what was being read, and each problem with its path.
 */
export class ValidationError extends Error {
	readonly errors: FieldError[];

	constructor(
		readonly what: string,
		errors: FieldError[],
		options?: { cause?: unknown }
	) {
		const shown = errors.slice(0, MAX_ERRORS);
		super(`${what}: ${shown.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`, options);
		this.name = 'ValidationError';
		this.errors = shown;
	}
}
