import type { Server } from 'node:http';
import { closeDeps, type Deps } from './deps';
import type { Realtime } from './realtime/attach';

/**
 * Graceful shutdown on SIGTERM/SIGINT: pending projections are flushed, clients are told (socket.io
 * `session:ended` "shutdown", Yjs close code 1001 "going away"; both reconnect and resync when the server is
 * back), the HTTP server stops, the database is closed, the process exits 0. Every write acknowledged before is
 * already committed.
 */
export function installShutdown(server: Server, realtime: Realtime, deps: Deps) {
	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		deps.log.info({ signal }, 'shutting down');
		realtime.close();
		server.close(() => {
			closeDeps(deps);
			process.exit(0);
		});
		// Let the close frames go out before cutting idle keep-alive connections.
		setTimeout(() => server.closeAllConnections(), 200).unref();
		setTimeout(() => process.exit(0), 5000).unref();
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}
