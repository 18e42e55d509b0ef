import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Deps } from './deps';

/** Header through which Express tells SvelteKit the request's protocol (set before SvelteKit's handler loads). */
export const PROTOCOL_HEADER = 'x-plenum-protocol';

/**
 * The Express app: security headers, the health check, then SvelteKit. No body parser is mounted in front of
 * SvelteKit (it would consume the bodies of form actions).
 */
export function createHttpApp(deps: Deps, svelteKitHandler?: RequestHandler) {
	const app = express();
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	app.disable('x-powered-by');
	if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY);
	app.use(
		helmet({
			// SvelteKit sets a per-page Content-Security-Policy with script hashes (svelte.config.js).
			contentSecurityPolicy: false,
			crossOriginEmbedderPolicy: false,
			hsts: deps.config.secureCookies
		})
	);
	app.use((req, _res, next) => {
		req.headers[PROTOCOL_HEADER] = req.protocol;
		next();
	});
	app.get('/healthz', (req, res) => {
		let db = 'ok';
		try {
			deps.sqlite.prepare('select 1').get();
		} catch {
			db = 'error';
		}
		const rt = deps.realtime;
		res.status(db === 'ok' ? 200 : 503).json({
			status: db === 'ok' ? 'ok' : 'degraded',
			db,
			uptimeSeconds: Math.round(process.uptime()),
			sockets: rt ? rt.gateway.io.engine.clientsCount : 0,
			yjsRooms: rt ? rt.yjs.roomCount : 0,
			// Event-loop delay since start (or since the last ?reset=1), in milliseconds.
			eventLoop: { p99Ms: round(loop.percentile(99) / 1e6), maxMs: round(loop.max / 1e6) },
			memory: { rssBytes: process.memoryUsage.rss() }
		});
		if (req.query.reset === '1') loop.reset();
	});
	if (svelteKitHandler) app.use(svelteKitHandler);
	return app;
}

const round = (n: number) => Math.round(n * 10) / 10;
