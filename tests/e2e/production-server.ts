import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/free-port';

export interface RunningServer {
	process: ChildProcess;
	port: number;
	url: string;
	/** Everything it printed so far (stdout and stderr). */
	output: () => string;
	/** SIGTERM, then wait for it to exit. */
	stop: () => Promise<number | null>;
	/** kill -9, then wait for it to exit. */
	kill: () => Promise<number | null>;
}

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'pmh-run-'));

/**
 * Starts the production server as the README's `npm start` does (`node build/server.js`) with only PATH and
 * the given variables (no public URL, no HOST). Resolves once it says "Listening", rejects if it exits first.
 */
export async function startServer(env: Record<string, string> = {}, { port: fixedPort }: { port?: number } = {}): Promise<RunningServer> {
	const port = fixedPort ?? (await freePort());
	const child = spawn(process.execPath, ['build/server.js'], { env: { PATH: process.env.PATH!, PORT: String(port), SHUTDOWN_TIMEOUT: '2', ...env } });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
	await new Promise<void>((resolve, reject) => {
		const check = () => output.includes('Listening on') && resolve();
		child.stdout!.on('data', check);
		void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
	});
	return {
		process: child,
		port,
		url: `http://127.0.0.1:${port}`,
		output: () => output,
		stop: () => (child.exitCode !== null || child.signalCode ? exited : (child.kill('SIGTERM'), exited)),
		kill: () => (child.exitCode !== null || child.signalCode ? exited : (child.kill('SIGKILL'), exited))
	};
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export function startServerExpectingFailure(env: Record<string, string>, { port }: { port: number }): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, ['build/server.js'], { env: { PATH: process.env.PATH!, PORT: String(port), ...env } });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	return new Promise((resolve) => child.once('exit', (code) => (clearTimeout(timer), resolve({ code, output }))));
}
