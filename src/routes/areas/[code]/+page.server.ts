import { error, redirect } from '@sveltejs/kit';
import { createAccessTrendChart } from '$lib/charts/access-trend-chart';
import { ENGLAND, isAreaCode } from '$lib/contract/vocabulary';
import { queryAccessTrend } from '$lib/metrics/access-trend';
import { queryHeadline } from '$lib/metrics/headline';
import { findArea, type Area } from '$lib/queries/areas';
import { requireRole } from '$lib/server/auth/access';
import { renderToMarkup } from '$lib/server/charts/render-svg';
import { demoDataset, type ServerDataset } from '$lib/server/demo-dataset';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireRole(locals, url, 'demo');
	const code = params.code.trim().toUpperCase();
	if (!isAreaCode(code)) {
		error(
			404,
			`"${params.code}" is not an area code. Area codes are ONS codes: E92 for England, E40 for a region or E54 for an ICB, then six digits (for example E54000057).`
		);
	}
	const dataset = await demoDataset();
	const area = await dataset.memo(`area:${code}`, () => findArea(dataset.engine, code));
	if (!area) error(404, `unknown area code: ${code}. No region or ICB in the demonstration dataset has this code, now or formerly.`);
	if (area.areaType === 'england') redirect(307, '/');
	// Old codes and lower-case spellings land on the current code's page.
	if (area.areaCode !== params.code) redirect(301, `/areas/${area.areaCode}`);
	return dataset.memo(`area-page:${area.areaCode}`, () => areaPage(dataset, area));
};

async function areaPage({ engine, manifest }: ServerDataset, area: Area) {
	const period = manifest.latestPeriod;
	const parent = area.parentCode && area.parentCode !== ENGLAND ? await findArea(engine, area.parentCode) : undefined;
	const trendAreas = [area.areaCode, ...(parent ? [parent.areaCode] : []), ENGLAND];
	const [headline, england, trend] = await Promise.all([
		queryHeadline(engine, { area: area.areaCode, period }),
		queryHeadline(engine, { area: ENGLAND, period }),
		queryAccessTrend(engine, { areas: trendAreas })
	]);
	const names: Record<string, string> = { [area.areaCode]: area.shortName, [ENGLAND]: 'England' };
	if (parent) names[parent.areaCode] = parent.shortName;
	// Lines in a fixed order: the area, then its region, then England.
	const points = trendAreas.flatMap((code) => trend.filter((p) => p.areaCode === code));
	return {
		area,
		parent: parent ? { areaCode: parent.areaCode, shortName: parent.shortName } : null,
		period,
		headline,
		england,
		trend: { points, names, svg: renderToMarkup((document) => createAccessTrendChart({ points, names, document })) }
	};
}
