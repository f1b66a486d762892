import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { database } from '$lib/server/db';
import { PdfBusyError, PdfUnavailableError, reportPdf } from '$lib/server/reports/pdf';
import { loadReport } from '$lib/server/reports/store';
import type { RequestHandler } from './$types';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The report as an A4 PDF, made on the server by headless Chromium from the same page. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	requireRole(locals, url, 'viewer');
	if (!ID.test(params.id)) error(404, `"${params.id.slice(0, 40)}" is not a report id`);
	const report = await loadReport((await database()).db, params.id);
	if (!report) error(404, `no report ${params.id}; /reports lists them`);
	try {
		const pdf = await reportPdf(report.id, locals.sessionToken!, `${report.supersededBy.length} ${report.datasetWithdrawn?.at ?? ''}`);
		const name =
			report.title
				.replace(/[^\w -]+/g, '')
				.trim()
				.replace(/\s+/g, '-')
				.slice(0, 80) || 'report';
		return new Response(pdf as BodyInit, { headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}.pdf"` } });
	} catch (cause) {
		if (cause instanceof PdfUnavailableError) error(503, cause.message);
		if (cause instanceof PdfBusyError)
			return new Response(cause.message, { status: 429, headers: { 'retry-after': '30', 'content-type': 'text/plain; charset=utf-8' } });
		throw cause;
	}
};
