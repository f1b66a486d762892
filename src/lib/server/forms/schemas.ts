import * as v from 'valibot';
import { ROLES } from '../../auth/roles';
import { textField } from './parse-form';

const email = textField({ required: 'Enter an email address.', max: 320, label: 'The email address' });
// Long enough for any pass phrase, short enough that hashing it cannot be used to tie up the server.
const password = (required: string) => textField({ required, max: 1_000, trim: false, label: 'The password' });

export const signInForm = v.object({
	email: textField({ required: 'Enter your email address.', max: 320, label: 'The email address' }),
	password: password('Enter your password.'),
	redirectTo: textField({ max: 2_000 })
});

export const passwordForm = v.object({
	current: password('Enter your current password.'),
	next: password('Enter a new password.'),
	confirm: password('Enter the new password again.')
});

export const accountForm = v.object({ email });

export const accountRoleForm = v.object({
	email,
	role: v.picklist(ROLES, (issue) => `"${String(issue.input ?? '').slice(0, 40)}" is not a role; choose one of ${ROLES.join(', ')}`)
});

export const saveScenarioForm = v.object({
	title: textField({ required: 'Give the scenario a title of up to 200 characters.', max: 200, label: 'The title' }),
	scenarioId: v.pipe(textField({ max: 36 }), v.regex(/^([0-9a-f-]{36})?$/, 'The scenario to add a version to is not a valid id; save it as a new scenario.')),
	query: textField({ max: 60_000, label: 'The scenario' })
});

/** Withdrawing a dataset version (admins): which version, and why (kept with the version and in the audit log). */
export const withdrawVersionForm = v.object({
	version: v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/, 'choose a version')),
	reason: v.pipe(v.string(), v.trim(), v.minLength(5, 'say why, in at least 5 characters'), v.maxLength(500, 'at most 500 characters'))
});
