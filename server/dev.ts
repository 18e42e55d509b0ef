import type { Server } from 'node:http';
import { loadConfig } from './config';
import { createDeps } from './deps';
import { SERVER_MODULES } from './features/index';
import { publishDeps } from './deps-registry';
import { attachRealtime } from './realtime/attach';
import { healthHandler } from './http';

/** Development entry, called by the Vite plugin: the same deps and realtime as production, on Vite's server. */
export async function startDev(httpServer: Server, use: (path: string, handler: ReturnType<typeof healthHandler>) => void) {
	const deps = createDeps(loadConfig(), SERVER_MODULES);
	publishDeps(deps);
	// Vite's HMR websocket shares this server; it is Vite's to answer.
	attachRealtime(httpServer, deps, { foreignUpgrade: (req) => /\bvite-(hmr|ping)\b/.test(String(req.headers['sec-websocket-protocol'] ?? '')) });
	use('/healthz', healthHandler(deps));
	deps.log.info({ dataDir: deps.config.dataDir }, 'Plenum realtime attached to the Vite dev server');
}
