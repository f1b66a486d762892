import { safeParse, type GenericSchema, type InferOutput } from 'valibot';
import { toFieldErrors } from './issues';
import { ValidationError } from './validation-error';

/** Parses untrusted input with a schema; throws ValidationError (naming `what`) listing every problem, capped. */
export function parseOrThrow<S extends GenericSchema>(schema: S, input: unknown, what: string): InferOutput<S> {
	const result = safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return result.output;
	throw new ValidationError(what, toFieldErrors(result.issues), { cause: result.issues });
}
