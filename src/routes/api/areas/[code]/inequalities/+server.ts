import { answerAreaApi } from '$lib/server/explorer/area-api';
import type { RequestHandler } from './$types';

/** Access by `?breakdown=imd_quintile|ethnic_group` (default deprivation) for `?period=`: rates, rate ratios, women missing, SII and RII. */
export const GET: RequestHandler = (event) =>
	answerAreaApi(event, {
		path: '/inequalities',
		shape: (page) => ({ ...page.view.inequalities[page.choices.breakdown], summary: page.sentences[page.choices.breakdown] })
	});
