import { answerAreaApi } from '$lib/server/explorer/area-api';
import type { RequestHandler } from './$types';

/** Headline measures with 95% intervals, and the access rate benchmarked against England, region and peers, with its trend. */
export const GET: RequestHandler = (event) =>
	answerAreaApi(event, {
		shape: (page) => ({
			headline: page.headline.map((f) => ({ ...f.metric, value: f.value, lower95: f.lower, upper95: f.upper })),
			access: page.view.access,
			peers: page.view.peers.map(({ areaCode, shortName, distance }) => ({ areaCode, shortName, distance }))
		})
	});
