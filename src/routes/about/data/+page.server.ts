import { requireRole } from '$lib/server/auth/access';
import { datasetFor } from '$lib/server/datasets';
import type { PageServerLoad } from './$types';

interface IndicatorInfo extends Record<string, string | boolean | null> {
	indicator_id: string;
	name: string;
	unit: string;
	definition: string;
	source: string;
	method: string;
	synthetic: boolean;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, url, 'demo');
	const { engine, manifest, memo } = await datasetFor(url);
	const indicators = await memo('about-data:indicators', () =>
		engine.query<IndicatorInfo>('SELECT indicator_id, name, unit, definition, source, method, synthetic FROM indicators ORDER BY synthetic DESC, indicator_id')
	);
	return { manifest, indicators };
};
