import { parseAreaViewChoices, type AreaViewChoices } from '$lib/explorer/url-state';
import type { Area } from '$lib/queries/areas';
import { lookUpDataset, type ServerDataset } from '../datasets';
import { lookUpArea } from './area-page';

export type AreaRequest =
	| { ok: true; dataset: ServerDataset; area: Area; choices: AreaViewChoices }
	| { ok: false; status: 301 | 307; location: string }
	| { ok: false; status: 400 | 404 | 410; message: string };

/**
 * Reads an explorer request (page, API or CSV) the same way: the area from the path, the choices from the
 * query string. A former code or another spelling of a code moves to the current one, keeping the query.
 */
export async function readAreaRequest(rawCode: string, url: URL, { pathAfterCode = '', englandLocation = '/' } = {}): Promise<AreaRequest> {
	const chosen = await lookUpDataset(url.searchParams);
	if (!chosen.ok) return chosen;
	const dataset = chosen.dataset;
	const found = await lookUpArea(dataset, rawCode);
	if (found.kind === 'missing') return { ok: false, status: 404, message: found.message };
	if (found.kind === 'england') return { ok: false, status: 307, location: englandLocation };
	if (found.kind === 'moved') return { ok: false, status: 301, location: `/areas/${found.areaCode}${pathAfterCode}${url.search}` };
	const choices = parseAreaViewChoices(url.searchParams, dataset.manifest);
	if (!choices.ok) return { ok: false, status: 400, message: choices.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
	return { ok: true, dataset, area: found.area, choices: choices.value };
}
