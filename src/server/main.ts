/**
 * The production server (`npm start` runs the bundle of this file, build/server.js). It wraps adapter-node's
 * handler so that:
 * - the port is bound before anything else happens, and a port in use fails at once with a clear message;
 * - only then is the app started (database, migrations, dataset engine), which takes the embedded database's
 *   lock, so a second server on the same DATA_DIR exits with a message naming the first;
 * - plain http works without configuration: adapter-node assumes https when neither ORIGIN nor PROTOCOL_HEADER
 *   is set, which made every form post fail the cross-site check;
 * - static files are served from a list made at start-up and a file deleted since gives 404, not a crash;
 * - every response carries the security headers, and oversized bodies get 413 before they are read: larger than
 *   BODY_SIZE_LIMIT, except the publish API's (`POST /api/datasets`), which may be up to the publish limit;
 * - pages, JSON and CSV are compressed as they are sent (`compressAnswer`).
 */
import compression from 'compression';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DYNAMIC_CSP, SECURITY_HEADERS } from '../lib/server/http/security-headers';
import { createStaticFiles } from '../lib/server/http/static-files';
import { parseByteSize } from '../lib/server/http/byte-size';
import { PUBLISH_LIMITS } from '../lib/upload/payload';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const buildDir = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const host = env.HOST || '0.0.0.0';
const port = Number(env.PORT || 3000);
const bodyLimit = parseByteSize(env.BODY_SIZE_LIMIT || '512K');
/** The publish API's body (aggregated figures, gzip-compressed) may be larger than any other request's. */
const publishLimit = Math.max(bodyLimit, PUBLISH_LIMITS.gzipBytes);
const PUBLISH = /^\/api\/datasets(\?|$)/;
const limitFor = (req: IncomingMessage) => (req.method === 'POST' && PUBLISH.test(req.url ?? '') ? publishLimit : bodyLimit);
// adapter-node stops any body past its own limit as it is read (a body sent without a Content-Length, say): the
// larger one, so the publish API can be reached; every other route reads at most 64 KiB (readBodyBytes, readForm).
env.BODY_SIZE_LIMIT = String(publishLimit);
const shutdownSeconds = Number(env.SHUTDOWN_TIMEOUT || 30);

// The request's own protocol, which is always http here (TLS ends at a proxy, which then sets PROTOCOL_HEADER).
const OWN_PROTOCOL_HEADER = 'x-pmh-connection-protocol';
const deriveProtocol = !env.ORIGIN && !env.PROTOCOL_HEADER;
if (deriveProtocol) env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
env.MODEL_WORKER_PATH ||= join(buildDir, 'workers', 'model-worker.js');
env.PUBLISH_WORKER_PATH ||= join(buildDir, 'workers', 'publish-worker.js');

/**
 * Compresses the app's answers to GET and HEAD as they are sent (Brotli or gzip, whichever the browser prefers;
 * above 1 KB; types that compress, so not PDFs or Arrow files; not an answer already encoded: pages the page cache
 * keeps come compressed from it, once each, and the table files Brotli'd from their route). A page is about 100 KB
 * as HTML and a fifth of that compressed. Answers to form posts stay as they are: one can hold a new password, and a
 * compressed secret beside text from the request is what BREACH measures.
 */
const compressAnswer = compression({
	threshold: 1024,
	filter: (req, res) => (req.method === 'GET' || req.method === 'HEAD') && compression.filter(req, res)
}) as unknown as Middleware;

let app: { handler: Middleware; serveStatic: ReturnType<typeof createStaticFiles> } | undefined;
let starting: Promise<unknown> | undefined;

function respondPlain(res: ServerResponse, status: number, message: string) {
	res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': DYNAMIC_CSP });
	res.end(message + '\n');
}

function onRequest(req: IncomingMessage, res: ServerResponse) {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	// Overwrites whatever the client sent under this name.
	if (deriveProtocol) req.headers[OWN_PROTOCOL_HEADER] = 'http';

	const length = Number(req.headers['content-length'] ?? 0);
	const limit = limitFor(req);
	if (length > limit) {
		res.setHeader('connection', 'close');
		return respondPlain(
			res,
			413,
			`The request body is ${length} bytes; this server accepts at most ${limit}${limit === bodyLimit ? ' (BODY_SIZE_LIMIT)' : ''}.`
		);
	}
	if (!app) {
		// Still starting: hold the request until the app is ready.
		if (starting) void starting.then(() => onReady(req, res));
		else respondPlain(res, 503, 'The server is starting; try again in a moment.');
		return;
	}
	onReady(req, res);
}

function onReady(req: IncomingMessage, res: ServerResponse) {
	if (!app) return respondPlain(res, 503, 'The server is starting; try again in a moment.');
	if (app.serveStatic(req, res)) return;
	const { handler } = app;
	compressAnswer(req, res, () => handler(req, res, () => respondPlain(res, 404, 'Not found')));
}

const server = createServer(onRequest);
server.keepAliveTimeout = 5_000;

server.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EADDRINUSE')
		console.error(`Port ${port} on ${host} is already in use, perhaps by another copy of this server. Stop it, or set PORT to another port.`);
	else console.error(`Cannot listen on ${host}:${port}: ${error.message}`);
	process.exit(1);
});

server.listen(port, host, () => {
	starting = (async () => {
		// Importing the handler runs the app's init hook: database, migrations, first administrator, dataset.
		const { handler } = (await import(pathToFileURL(join(buildDir, 'handler.js')).href)) as { handler: Middleware };
		app = { handler, serveStatic: createStaticFiles({ root: join(buildDir, 'client') }) };
		const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
		console.log(`Listening on http://${shown}:${port}`);
	})().catch((error: Error) => {
		console.error(error?.name === 'DataDirLockedError' ? error.message : `The server could not start: ${error?.stack ?? error}`);
		process.exit(1);
	});
});

let stopping = false;
function shutdown(reason: string) {
	if (stopping) return;
	stopping = true;
	server.close();
	server.closeIdleConnections();
	const force = setTimeout(() => process.exit(0), shutdownSeconds * 1000);
	// The app closes its database and engines on this event, then says so with 'pmh:closed'.
	process.once('pmh:closed' as never, () => {
		clearTimeout(force);
		process.exit(0);
	});
	if (app) process.emit('sveltekit:shutdown' as never, reason as never);
	else process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
