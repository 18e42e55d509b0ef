import http from 'node:http';
import { loadConfig } from './config';
import { createDeps } from './deps';
import { publishDeps } from './deps-registry';
import { createHttpApp, PROTOCOL_HEADER } from './http';
import { attachRealtime } from './realtime/attach';

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

let stopping = false;
function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	deps.log.info({ signal }, 'shutting down');
	realtime.close();
	server.close(() => {
		deps.sqlite.close();
		process.exit(0);
	});
	server.closeAllConnections();
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('uncaughtException', (err) => {
	deps.log.fatal({ err }, 'uncaught exception');
	process.exit(1);
});
