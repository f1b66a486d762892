import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface RouteFiles {
	id: string;
	page: boolean;
	endpoint: boolean;
	/** Named form actions found in +page.server.ts ('default' for an unnamed one). */
	actions: string[];
}

const ROUTE_FILE = /^\+(page|server)(\.server)?\.(ts|js|svelte)$/;

/** Every route under src/routes with its id as SvelteKit spells it (`/areas/[code]`), read from the files. */
export async function readRouteTree(root = 'src/routes'): Promise<RouteFiles[]> {
	const routes: RouteFiles[] = [];
	const { readFileSync } = await import('node:fs');
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const files = entries.filter((e) => e.isFile() && ROUTE_FILE.test(e.name)).map((e) => e.name);
		if (files.length) {
			const path = relative(root, dir)
				.split(sep)
				.filter((s) => !/^\(.*\)$/.test(s));
			const server = files.find((f) => /^\+page\.server\./.test(f));
			const source = server ? readFileSync(join(dir, server), 'utf8') : '';
			const block = /export const actions[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
			const actions = [...block.matchAll(/^\t(\w+):/gm)].map((m) => m[1]);
			routes.push({ id: '/' + path.join('/'), page: files.some((f) => f.startsWith('+page')), endpoint: files.some((f) => f.startsWith('+server')), actions });
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(root);
	return routes.map((r) => ({ ...r, id: r.id === '/' ? '/' : r.id.replace(/\/$/, '') }));
}
