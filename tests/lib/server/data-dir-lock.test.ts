import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../../src/lib/server/db/data-dir-lock';

const folder = () => mkdtempSync(join(tmpdir(), 'pmh-lock-'));

describe('the embedded database folder lock', () => {
	it('is exclusive: a second taker is told who holds it; released, it can be taken again', () => {
		const dir = folder();
		const release = acquireDataDirLock(dir, { purpose: 'first' });
		expect(() => acquireDataDirLock(dir, { purpose: 'second' })).toThrow(DataDirLockedError);
		try {
			acquireDataDirLock(dir, { purpose: 'second' });
		} catch (error) {
			expect((error as DataDirLockedError).holder).toMatchObject({ pid: process.pid, purpose: 'first', host: hostname() });
			expect((error as Error).message).toContain(`first (pid ${process.pid}`);
		}
		release();
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
		acquireDataDirLock(dir, { purpose: 'third' })();
	});

	it('is held against another live process, and taken over from one that has died', async () => {
		const dir = folder();
		const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		await new Promise((resolve) => child.once('spawn', resolve));
		const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
		const processStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
		writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, host: hostname(), purpose: 'a server', startedAt: 'now', processStart }));
		expect(() => acquireDataDirLock(dir, { purpose: 'me' })).toThrow(/a server \(pid/);
		child.kill('SIGKILL');
		await new Promise((resolve) => child.once('exit', resolve));
		const release = acquireDataDirLock(dir, { purpose: 'me' });
		expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
		release();
	});

	it('does not mistake a reused pid for the holder, and treats a damaged lock file as nobody’s', () => {
		const dir = folder();
		// This process's pid, but another start time: the process that wrote it is gone.
		writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname(), purpose: 'old', startedAt: 'then', processStart: '999999999999' }));
		acquireDataDirLock(dir, { purpose: 'me' })();
		writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
		acquireDataDirLock(dir, { purpose: 'me' })();
	});
});
