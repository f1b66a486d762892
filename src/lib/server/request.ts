import type { RequestEvent } from '@sveltejs/kit';

/** The client's address as the adapter sees it (set ADDRESS_HEADER behind a proxy). */
export function sourceAddressOf(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

const BASE = 'http://this.invalid';

/** Control characters, space, DEL or a backslash. */
const hasUnsafeCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) <= 0x20 || c === '\x7f' || c === '\\');

/**
 * A same-site path to return to after signing in; anything else falls back to the overview. Browsers drop
 * tabs and newlines from URLs and read `\\` as `/`, so `/\t/evil.example` would leave the site: any control
 * character, space or backslash is refused, and what remains must resolve to a path on this origin.
 */
export function maybeLocalPath(value: string | null | undefined): string {
	if (!value || value.length > 2000 || !value.startsWith('/') || hasUnsafeCharacter(value)) return '/';
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return '/';
	}
	// `/..//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
	if (url.origin !== BASE || value.startsWith('//') || url.pathname.startsWith('//')) return '/';
	return url.pathname + url.search + url.hash;
}
