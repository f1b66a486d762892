/**
 * Vitest global setup: starts a throwaway PostgreSQL 15 cluster in a temporary folder on a loopback port,
 * for the database tests to run against a real server as well as PGlite. Binaries from PG_BIN
 * (default /usr/lib/postgresql/15/bin). As root, the cluster runs as the `postgres` system user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

export default async function setup(project: TestProject) {
	if (!existsSync(join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN}; set PG_BIN to the folder with initdb and pg_ctl`);
	const dir = mkdtempSync(join(tmpdir(), 'pmh-pg-'));
	const data = join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	let run = (command: string, args: string[]) => execFileSync(join(PG_BIN, command), args, { stdio: 'pipe' });
	if (asRoot) {
		// PostgreSQL refuses to run as root.
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
		chownSync(dir, uid, gid);
		chmodSync(dir, 0o700);
		run = (command, args) => execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args], { stdio: 'pipe' });
	}
	const port = await freePort();
	run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
	run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
	project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
	return () => {
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
