import { json, type RequestEvent } from '@sveltejs/kit';
import { requireApiRole } from '../auth/access';
import { loadAreaPage, type AreaPageData } from './area-page';
import { readAreaRequest } from './area-request';

/**
 * Answers one of the explorer's read APIs: the same area lookup, choices and figures as the page, shaped
 * by `shape`. Errors are JSON with a specific message; a former code answers 301 to the current one.
 */
export async function answerAreaApi(
	event: Pick<RequestEvent, 'locals' | 'params' | 'url'>,
	{ path = '', shape }: { path?: string; shape: (page: AreaPageData) => unknown }
): Promise<Response> {
	requireApiRole(event, 'demo');
	const request = await readAreaRequest(event.params.code ?? '', event.url, { pathAfterCode: path, englandLocation: '' });
	if (!request.ok) {
		if ('location' in request) {
			if (!request.location) return json({ error: 'England has no area resource: use the overview figures at /, or a region or ICB code.' }, { status: 404 });
			return new Response(null, { status: 301, headers: { location: `/api${request.location}` } });
		}
		return json({ error: request.message }, { status: request.status });
	}
	const page = await loadAreaPage(request.dataset, request.area, request.choices);
	return json({
		dataset: {
			version: page.dataset.version,
			synthetic: page.dataset.synthetic,
			note: page.dataset.synthetic ? 'Synthetic demonstration data, not official statistics' : undefined
		},
		area: {
			areaCode: page.area.areaCode,
			name: page.area.name,
			shortName: page.area.shortName,
			areaType: page.area.areaType,
			parentCode: page.area.parentCode
		},
		period: page.choices.period,
		...(shape(page) as object)
	});
}
