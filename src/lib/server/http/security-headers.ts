/** Headers every response carries: static files, redirects and error pages included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin'
};

/**
 * The content security policy of dynamic answers that have none of their own (API, redirects, errors): nothing
 * may run in or embed them. Pages have their own (svelte.config.js). Static files carry none, because a Worker's
 * script brings its policy with it and DuckDB's Worker must compile WebAssembly and fetch the dataset. Nor does
 * a 304: its headers replace the cached page's, and would put this policy on the page.
 */
export const DYNAMIC_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HSTS, for responses served over HTTPS (as the proxy in front says, through PROTOCOL_HEADER). */
export const HSTS = 'max-age=31536000; includeSubDomains';
