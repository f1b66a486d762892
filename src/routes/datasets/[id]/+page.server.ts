import { error, fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { DEFAULT_DATASET_ID, datasetChanged, lookUpDataset } from '$lib/server/datasets';
import { diffVersions } from '$lib/server/datasets/diff';
import { builtOn, DATASET_ID_PATTERN, listVersions, withdrawVersion } from '$lib/server/datasets/registry';
import { parseForm } from '$lib/server/forms/parse-form';
import { withdrawVersionForm } from '$lib/server/forms/schemas';
import { readForm } from '$lib/server/http/body';
import { sourceAddressOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const versionNumber = (text: string | null) => (text && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : undefined);

/** One dataset's versions with their provenance, and the difference between two of them (`?from=&to=`). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRole(locals, url, 'demo');
	if (!DATASET_ID_PATTERN.test(params.id)) error(404, `"${params.id.slice(0, 40)}" is not a dataset id; /datasets lists them`);
	const all = (await listVersions((await database()).db)).filter((v) => v.datasetId === params.id);
	if (!all.length) error(404, `no dataset "${params.id}"; /datasets lists them`);
	const signedIn = locals.user !== null;
	const versions = all.map((v) => ({
		...v,
		createdAt: v.createdAt.toISOString(),
		createdBy: signedIn ? v.createdBy : null,
		withdrawn: v.withdrawn ? { at: v.withdrawn.at.toISOString(), by: signedIn ? v.withdrawn.by : null, reason: v.withdrawn.reason } : null,
		// Later versions holding its rows, withdrawn with it.
		heldBy: v.withdrawn ? [] : builtOn(all, v)
	}));
	const usable = versions.filter((x) => !x.withdrawn).map((x) => x.version);
	const to = versionNumber(url.searchParams.get('to')) ?? usable[0];
	const from = versionNumber(url.searchParams.get('from')) ?? usable.find((n) => n < (to ?? 0));
	let diff = null;
	let diffProblem = '';
	if (from !== undefined && to !== undefined && from !== to) {
		const [a, b] = await Promise.all([
			lookUpDataset(new URLSearchParams({ dataset: params.id, version: String(from) })),
			lookUpDataset(new URLSearchParams({ dataset: params.id, version: String(to) }))
		]);
		if (!a.ok || !b.ok) diffProblem = (!a.ok ? a.message : '') || (!b.ok ? b.message : '');
		else diff = await b.dataset.memo(`diff:${from}`, () => diffVersions(a.dataset, b.dataset));
	}
	return { datasetId: params.id, title: all[0].title, versions, from, to, diff, diffProblem, isAdmin: locals.user?.role === 'admin' };
};

export const actions: Actions = {
	/** Withdraws a version (admins): it stays listed with its provenance and the reason, but no page serves it. Audited. */
	withdraw: async (event) => {
		const user = requireRole(event.locals, event.url, 'admin');
		const parsed = parseForm(withdrawVersionForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { withdrawError: Object.values(parsed.errors)[0] });
		const ref = { datasetId: event.params.id, version: Number(parsed.value.version) };
		const { db } = await database();
		const live = (await listVersions(db)).filter((x) => x.datasetId === ref.datasetId && !x.withdrawn);
		if (ref.datasetId === DEFAULT_DATASET_ID && live.length === 1 && live[0].version === ref.version)
			return fail(409, { withdrawError: 'This is the only version of the demonstration data, which every page shows by default; it cannot be withdrawn.' });
		const outcome = await withdrawVersion(db, ref, parsed.value.reason, { id: user.id, email: user.email, sourceAddress: sourceAddressOf(event) });
		if (outcome === 'missing') return fail(404, { withdrawError: `There is no version ${ref.version} of ${ref.datasetId}.` });
		if (outcome === 'already') return fail(409, { withdrawError: `Version ${ref.version} was already withdrawn.` });
		datasetChanged(ref.datasetId);
		return { withdrawn: outcome.withdrawn };
	}
};
