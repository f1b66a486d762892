import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** Who holds an embedded database folder, as written in its lock file. */
export interface LockHolder {
	pid: number;
	host: string;
	purpose: string;
	startedAt: string;
	/** Start time of the process in clock ticks since boot (Linux), so a reused pid is not mistaken for the holder. */
	processStart: string | null;
}

/** The folder is in use by another live process. The message says which and what to do. */
export class DataDirLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holder: LockHolder
	) {
		super(
			`The embedded database in ${dataDir} is in use by another process: ${holder.purpose} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
				'PGlite allows one process per folder, and a second one corrupts it. Stop that process first (for account changes, use /admin in the running server), ' +
				'or give this one another DATA_DIR, or use PostgreSQL with DATABASE_URL.'
		);
		this.name = 'DataDirLockedError';
	}
}

export const LOCK_FILE = 'pmh.lock';

function processStartOf(pid: number): string | null {
	try {
		// Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so count after its ')'.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
	} catch {
		return null;
	}
}

function isAlive(holder: LockHolder): boolean {
	if (holder.pid === -1) return false;
	if (holder.host !== hostname()) return true; // Cannot tell for another machine: assume it is still running.
	try {
		process.kill(holder.pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	const start = processStartOf(holder.pid);
	return !(holder.processStart && start && start !== holder.processStart);
}

function readHolder(file: string): LockHolder | undefined {
	try {
		const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
		if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
			return {
				pid: parsed.pid,
				host: parsed.host,
				purpose: String(parsed.purpose ?? 'unknown'),
				startedAt: String(parsed.startedAt ?? 'unknown'),
				processStart: parsed.processStart ?? null
			};
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
	}
	// Unreadable: locks are written whole, so this one was damaged; nobody can hold it.
	return { pid: -1, host: hostname(), purpose: 'unknown', startedAt: 'unknown', processStart: null };
}

/** Moves a dead holder's lock aside; if a live process replaced it meanwhile, puts that one back. */
function takeOverStale(file: string, stale: LockHolder) {
	const grave = `${file}.${process.pid}.stale`;
	try {
		renameSync(file, grave);
	} catch {
		return; // Someone else moved it first.
	}
	const moved = readHolder(grave);
	if (moved && (moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) {
		try {
			linkSync(grave, file);
		} catch {
			// Taken again meanwhile; the next attempt reads who holds it.
		}
	}
	unlinkSync(grave);
}

/**
 * Takes the folder's exclusive lock for this process, or throws `DataDirLockedError` naming the live holder.
 * A lock left by a process that died (kill -9, power loss) is taken over. Returns a function that releases it.
 */
export function acquireDataDirLock(dataDir: string, { purpose }: { purpose: string }): () => void {
	const dir = resolve(dataDir);
	mkdirSync(dir, { recursive: true });
	const file = join(dir, LOCK_FILE);
	const me: LockHolder = { pid: process.pid, host: hostname(), purpose, startedAt: new Date().toISOString(), processStart: processStartOf(process.pid) };
	// Written whole to a private file, then linked into place: the lock appears complete or not at all.
	const draft = `${file}.${process.pid}.tmp`;
	writeFileSync(draft, JSON.stringify(me), { mode: 0o600 });
	try {
		for (let attempt = 0; ; attempt++) {
			try {
				linkSync(draft, file);
				break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			const holder = readHolder(file);
			if (!holder) continue;
			if (attempt >= 3 || (holder.pid === me.pid && holder.host === me.host) || isAlive(holder)) throw new DataDirLockedError(dir, holder);
			takeOverStale(file, holder);
		}
	} finally {
		unlinkSync(draft);
	}
	const release = () => {
		process.off('exit', release);
		if (readHolder(file)?.pid === process.pid) {
			try {
				unlinkSync(file);
			} catch {
				// Already gone.
			}
		}
	};
	process.on('exit', release);
	return release;
}
