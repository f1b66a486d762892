import type { RequestEvent } from '@sveltejs/kit';

/** The client's address as the adapter sees it (set ADDRESS_HEADER behind a proxy). */
export function sourceAddressOf(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** A same-site path to return to after signing in; anything else falls back to the overview. */
export function maybeLocalPath(value: string | null | undefined): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
