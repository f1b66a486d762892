import { fail, redirect } from '@sveltejs/kit';
import { sessionCookie, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { signIn } from '$lib/server/auth/sign-in';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { maybeLocalPath, sourceAddressOf } from '$lib/server/request';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	return { redirectTo: maybeLocalPath(url.searchParams.get('redirectTo')), signedInAs: locals.user?.email ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const redirectTo = maybeLocalPath(String(form.get('redirectTo') ?? ''));
		const errors: { email?: string; password?: string; form?: string } = {};
		if (!email) errors.email = 'Enter your email address.';
		if (!password) errors.password = 'Enter your password.';
		if (Object.keys(errors).length) return fail(400, { email, errors });
		const { db } = await database();
		const result = await signIn(db, { email, password, sourceAddress: sourceAddressOf(event), delayMs: readConfig().signInDelayMs });
		if (!result.ok) return fail(400, { email, errors: { form: result.message } as typeof errors });
		event.cookies.set(SESSION_COOKIE, result.token, sessionCookie(event.url, result.expiresAt));
		redirect(303, redirectTo);
	}
};
