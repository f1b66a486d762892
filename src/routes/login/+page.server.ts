import { fail, redirect } from '@sveltejs/kit';
import { sessionCookie, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { signIn } from '$lib/server/auth/sign-in';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { maybeLocalPath, sourceAddressOf } from '$lib/server/request';
import { parseForm } from '$lib/server/forms/parse-form';
import { signInForm } from '$lib/server/forms/schemas';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	return { redirectTo: maybeLocalPath(url.searchParams.get('redirectTo')), signedInAs: locals.user?.email ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const parsed = parseForm(signInForm, form);
		if (!parsed.ok)
			return fail(400, { email: String(form.get('email') ?? '').slice(0, 320), errors: parsed.errors as { email?: string; password?: string; form?: string } });
		const { email, password } = parsed.value;
		const redirectTo = maybeLocalPath(parsed.value.redirectTo);
		const { db } = await database();
		const result = await signIn(db, { email, password, sourceAddress: sourceAddressOf(event), delayMs: readConfig().signInDelayMs });
		if (!result.ok) return fail(400, { email, errors: { form: result.message } as { email?: string; password?: string; form?: string } });
		event.cookies.set(SESSION_COOKIE, result.token, sessionCookie(event.url, result.expiresAt));
		redirect(303, redirectTo);
	}
};
