import { COMPARE_INDICATORS } from '$lib/benchmarks/compare-indicators';
import { answerAreaApi } from '$lib/server/explorer/area-api';
import type { RequestHandler } from './$types';

/** One `?indicator=` for every ICB in the area's region (`?compare=region`, the default) or in England, sorted. */
export const GET: RequestHandler = (event) =>
	answerAreaApi(event, {
		path: '/compare',
		shape: (page) => ({ indicator: COMPARE_INDICATORS[page.choices.indicator], scope: page.view.compare.scopeName, rows: page.view.compare.rows })
	});
