import http from 'node:http';
import type { RequestHandler } from 'express';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from './config';
import { createDeps } from './deps';
import { SERVER_MODULES } from './features/index';
import { publishDeps } from './deps-registry';
import { createHttpApp, PROTOCOL_HEADER } from './http';
import { attachRealtime } from './realtime/attach';
import { installShutdown } from './lifecycle';
import { PROJECT_ROOT } from './paths';

/** Production entry: express -> http server -> attachRealtime -> SvelteKit handler (from build/). */
const config = loadConfig();
const deps = createDeps(config, SERVER_MODULES);
publishDeps(deps);
process.env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;
// adapter-node takes ORIGIN as the one origin of every page URL and refuses to start on a list. With one origin it
// gets that one; with several, none, so that a page's URL follows the host it was asked for (the form check in
// hooks.server.ts still accepts only the configured origins).
if (config.allowedOrigins.length === 1) process.env.ORIGIN = config.allowedOrigins[0];
else delete process.env.ORIGIN;

// The pages (SvelteKit's handler) load while the server already listens: after a restart, phones reconnect their
// socket.io and Yjs connections without waiting for them; a page request in the first ~100 ms waits for the load.
// Loaded through a runtime URL so type-checking does not follow it into generated code.
const handlerUrl = pathToFileURL(path.join(PROJECT_ROOT, 'build', 'handler.js')).href;
const pages: Promise<RequestHandler> = import(handlerUrl).then((mod: { handler: RequestHandler }) => mod.handler);
pages.catch((err) => {
	deps.log.fatal({ err }, 'the built pages (build/handler.js) failed to load; run npm run build');
	process.exit(1);
});
const handler: RequestHandler = (req, res, next) => void pages.then((h) => h(req, res, next), next);

const app = createHttpApp(deps, handler);
const server = http.createServer(app);
server.requestTimeout = 30_000;
server.headersTimeout = 20_000;
const realtime = attachRealtime(server, deps);

server.listen(config.port, config.host, () => {
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : config.port;
	deps.log.info({ port, dataDir: config.dataDir }, 'Plenum listening');
	console.log(`Plenum is running on http://localhost:${port}`);
});

installShutdown(server, realtime, deps);
process.on('uncaughtException', (err) => {
	deps.log.fatal({ err }, 'uncaught exception');
	process.exit(1);
});
