import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Deps } from './deps';

/** Whether `?reset=` carries the configured reset token (no token configured: never). */
function resetAllowed(given: string | null, token: string | null): boolean {
	if (!token || !given) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(token);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Header through which Express tells SvelteKit the request's protocol (set before SvelteKit's handler loads). */
export const PROTOCOL_HEADER = 'x-plenum-protocol';

/**
 * The Express app: security headers, the health check, then SvelteKit. No body parser is mounted in front of
 * SvelteKit (it would consume the bodies of form actions).
 */
export function createHttpApp(deps: Deps, svelteKitHandler?: RequestHandler) {
	const app = express();
	app.disable('x-powered-by');
	if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY);
	app.use(
		helmet({
			// SvelteKit sets a per-page Content-Security-Policy with script hashes (svelte.config.js).
			contentSecurityPolicy: false,
			crossOriginEmbedderPolicy: false,
			hsts: deps.config.secureCookies,
			// Not helmet's default `no-referrer`: under it a browser sends `Origin: null` with a plain form POST, and
			// SvelteKit's cross-site check refuses every form submitted before (or without) the page's scripts.
			// `same-origin` keeps join codes, invite and projector links out of other sites' logs all the same.
			referrerPolicy: { policy: 'same-origin' }
		})
	);
	app.use((req, _res, next) => {
		req.headers[PROTOCOL_HEADER] = req.protocol;
		next();
	});
	app.get('/healthz', healthHandler(deps));
	if (svelteKitHandler) app.use(svelteKitHandler);
	return app;
}

const round = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Commands handled and their handling time (ms) since start or the last reset. */
function commandStats(h: RecordableHistogram) {
	return h.count ? { count: h.count, p50Ms: round2(h.percentile(50) / 1e6), p99Ms: round2(h.percentile(99) / 1e6), maxMs: round2(h.max / 1e6) } : { count: 0 };
}

/**
 * GET /healthz: 200 with a small JSON status (database, sockets, Yjs rooms, event-loop delay and command handling time since start or the
 * last `?reset=<HEALTHZ_RESET_TOKEN>`, RSS); 503 if the database does not answer. Plain Node request/response, so the Vite dev server
 * can serve it too.
 */
export function healthHandler(deps: Deps) {
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	return (req: IncomingMessage, res: ServerResponse) => {
		let db = 'ok';
		try {
			deps.sqlite.prepare('select 1').get();
		} catch {
			db = 'error';
		}
		const rt = deps.notifier.stats();
		const body = {
			status: db === 'ok' ? 'ok' : 'degraded',
			db,
			uptimeSeconds: Math.round(process.uptime()),
			sockets: rt ? rt.sockets : 0,
			yjsRooms: rt ? rt.yjsRooms : 0,
			eventLoop: { p99Ms: round(loop.percentile(99) / 1e6), maxMs: round(loop.max / 1e6) },
			commands: rt ? commandStats(rt.commandTime) : null,
			memory: { rssBytes: process.memoryUsage.rss() }
		};
		// Resetting the statistics would let anyone hide a stall from whoever watches them: only with the configured token.
		if (resetAllowed(new URL(req.url ?? '/', 'http://x').searchParams.get('reset'), deps.config.healthzResetToken)) {
			loop.reset();
			rt?.commandTime.reset();
		}
		res.statusCode = db === 'ok' ? 200 : 503;
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.setHeader('cache-control', 'no-store');
		res.end(JSON.stringify(body));
	};
}
