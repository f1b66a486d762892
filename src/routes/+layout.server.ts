import { demoDataset } from '$lib/server/demo-dataset';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { manifest } = await demoDataset();
	return {
		dataset: { title: manifest.title, synthetic: manifest.synthetic, latestPeriod: manifest.latestPeriod },
		user: locals.user ? { email: locals.user.email, role: locals.user.role } : null
	};
};
