import { parseHTML } from 'linkedom';

/** Builds a chart with a server-side DOM and returns its markup, so charts are in the HTML before any JavaScript runs. */
export function renderToMarkup(build: (document: Document) => Element): string {
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	return build(document as unknown as Document).outerHTML;
}
