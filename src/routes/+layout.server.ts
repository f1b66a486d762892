import { demoDataset } from '$lib/server/demo-dataset';
import type { LayoutServerLoad } from './$types';

// Access: the hook sends anonymous visitors to sign in and refuses data requests and writes; each page's load
// calls requireRole, so a signed-in user without the role gets the 403 page (thrown here, it could not use
// the root error page). tests/e2e/access-matrix.test.ts checks every route for every role.
export const load: LayoutServerLoad = async ({ locals }) => {
	const { manifest } = await demoDataset();
	return {
		dataset: { title: manifest.title, synthetic: manifest.synthetic, latestPeriod: manifest.latestPeriod },
		user: locals.user ? { email: locals.user.email, role: locals.user.role } : null
	};
};
