import { lookUpDataset, DEFAULT_DATASET_ID } from '$lib/server/datasets';
import type { LayoutServerLoad } from './$types';

// Access: the hook sends anonymous visitors to sign in and refuses data requests and writes; each page's load
// calls requireRole, so a signed-in user without the role gets the 403 page (thrown here, it could not use
// the root error page). tests/e2e/access-matrix.test.ts checks every route for every role.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	// A bad ?dataset= is the page's to report (its load throws the 400/404/410); the layout shows the default.
	const found = (await lookUpDataset(url.searchParams).then((f) => (f.ok ? f : null))) ?? (await lookUpDataset(new URLSearchParams()));
	if (!found.ok) throw new Error(found.message);
	const { manifest, ref, query } = found.dataset;
	return {
		dataset: {
			title: manifest.title,
			synthetic: manifest.synthetic,
			latestPeriod: manifest.latestPeriod,
			/** Set when the URL chose a dataset version: pages say which, and links keep the choice. */
			chosen: query ? { ...ref!, query, isDefault: ref!.datasetId === DEFAULT_DATASET_ID } : null
		},
		datasetFiles: { manifestUrl: `/data/${ref!.datasetId}/${ref!.version}/manifest.json` },
		user: locals.user ? { email: locals.user.email, role: locals.user.role } : null
	};
};
