import type { FieldError } from '../model/validate';

/**
 * Maps validation errors (paths like `options[1].params.caseload`) to the planner form's field names
 * (`peer-support.caseload`), given the option kinds in the order they were sent.
 */
export function toFieldErrors(errors: FieldError[], kinds: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const { path, message } of errors) {
		const option = /^options\[(\d+)\]\.params\.(.+)$/.exec(path);
		if (option) out[`${kinds[Number(option[1])]}.${option[2]}`] = message;
		else if (path.startsWith('economics.')) out[`e.${path.slice('economics.'.length)}`] = message;
		else if (path === 'horizonYears') out.years = message;
		else out[path || 'form'] = message;
	}
	return out;
}
