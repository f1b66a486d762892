import { demoDataset } from '$lib/server/demo-dataset';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async () => {
	const { manifest } = await demoDataset();
	return { dataset: { title: manifest.title, synthetic: manifest.synthetic, latestPeriod: manifest.latestPeriod } };
};
