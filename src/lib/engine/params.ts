import type { Param } from './engine';

/**
 * Collects positional parameters while SQL is built, so values never get spliced into SQL text.
 * `bind(v)` returns the placeholder (`$1`, `$2`, ...) to write into the statement.
 */
export class Params {
	readonly values: Param[] = [];

	bind(value: Param): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}

	/** Placeholders for an `IN (...)` list; an empty list matches nothing. */
	bindList(values: readonly Param[]): string {
		return values.length === 0 ? '(NULL)' : `(${values.map((v) => this.bind(v)).join(', ')})`;
	}
}
