import http from 'node:http';
import { loadConfig } from './config';
import { createDeps } from './deps';
import { publishDeps } from './deps-registry';
import { createHttpApp, PROTOCOL_HEADER } from './http';
import { attachRealtime } from './realtime/attach';
import { installShutdown } from './lifecycle';

/** Production entry: express -> http server -> attachRealtime -> SvelteKit handler (from build/). */
const config = loadConfig();
const deps = createDeps(config);
publishDeps(deps);
process.env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;

// Loaded through a runtime URL so type-checking does not follow it into generated code.
const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
const { handler } = await import(handlerUrl);

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
