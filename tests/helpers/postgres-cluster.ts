/**
 * A throwaway PostgreSQL 15 cluster in a temporary folder on a loopback port, for tests that need a real
 * server. Binaries from PG_BIN (default /usr/lib/postgresql/15/bin). As root, the cluster runs as the
 * `postgres` system user (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
	/** Connection string of the `postgres` database. */
	url: string;
	stop(): void;
}

/** Starts a cluster; `fsync` off is for speed in unit tests, on where durability is what is tested. */
export async function startPostgres({ fsync = false }: { fsync?: boolean } = {}): Promise<Cluster> {
	if (!existsSync(join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN}; set PG_BIN to the folder with initdb and pg_ctl`);
	const dir = mkdtempSync(join(tmpdir(), 'pmh-pg-'));
	const data = join(dir, 'data');
	let run = (command: string, args: string[]) => execFileSync(join(PG_BIN, command), args, { stdio: 'pipe' });
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
		chownSync(dir, uid, gid);
		chmodSync(dir, 0o700);
		run = (command, args) => execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args], { stdio: 'pipe' });
	}
	const port = await freePort();
	run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
	run('pg_ctl', [
		'-D',
		data,
		'-l',
		join(dir, 'log'),
		'-w',
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fsync ? 'on' : 'off'}`,
		'start'
	]);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
