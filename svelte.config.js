import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Precompression is done by scripts/postbuild.ts, cached per file hash.
		adapter: adapter({ precompress: false }),
		// Cross-site form posts are rejected (SvelteKit's origin check).
		csrf: { trustedOrigins: [] },
		// Exactly what the app needs: its own scripts (SvelteKit adds hashes of its inline ones), WebAssembly
		// compilation for DuckDB, its own Worker; inline styles for Svelte style directives and Plot's SVG.
		// Hashes rather than nonces: a page is then the same bytes for every anonymous visitor, so the server
		// can cache it (src/lib/server/cache/page-cache.ts).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
