import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Deps } from '../deps';
import { ConnectionLimits, refuseUpgrade } from './conn-limits';
import { Gateway } from './gateway';
import { matchesFacilitator, originAllowed, resolveIdentity, type FacilitatorMatch } from './identity';
import { Projection } from './projection';
import { YServer, type YRoomAuth, type YServerOptions } from './yjs-server';
import { TextDocs, type TextAccess, type TextDocsOptions } from './text-docs';
import { moduleTextAccess } from './module-texts';
import type { DocAudience } from '../../src/lib/protocol/events';

export interface Realtime {
	gateway: Gateway;
	yjs: YServer;
	/** Open connections per IP over socket.io and Yjs. */
	limits: ConnectionLimits;
	projection: Projection;
	/** Co-edited text documents: `recheck`, `forget`, `drop`, `text` (see server/realtime/text-docs.ts). */
	texts: TextDocs;
	/**
	 * Ends a facilitator's live connections (socket.io and Yjs) at once: after signing out (one session), a password
	 * change (every other session) or removal from a workshop (that workshop).
	 */
	endFacilitator(match: FacilitatorMatch, reason?: 'revoked' | 'removed'): void;
	/** Flushes pending projections and closes every connection (graceful shutdown). */
	close(): void;
}

/** A facilitator's Yjs connection is tagged with its user, workshop and session, to be found when one of them ends. */
function facilitatorTag(i: { userId: string; workshopId: string; sessionHash: string }) {
	return `facilitator:${i.userId}:${i.workshopId}:${i.sessionHash}`;
}

/** The path engine.io (socket.io) claims on the shared HTTP server. */
const SOCKET_IO_PATH = '/socket.io/';
const YJS_PATH = /^\/yjs\/([A-Za-z0-9_-]{1,64})\/(public|staff)(?:\?.*)?$/;
/** A co-edited text document: `/yjs/<workshopId>/text/<entity>`. */
const TEXT_PATH = /^\/yjs\/([A-Za-z0-9_-]{1,64})\/text\/([A-Za-z0-9_.-]{1,130})(?:\?.*)?$/;

/**
 * Attaches socket.io and the Yjs websocket to an HTTP server. The same function serves `npm run dev` (through a
 * Vite plugin) and `npm start`.
 */
export function attachRealtime(
	httpServer: HttpServer,
	deps: Deps,
	opts: {
		yjs?: Partial<Pick<YServerOptions, 'maxBufferedBytes' | 'evictAfterMs' | 'maxPayload'>>;
		/** Open connections per IP (socket.io and Yjs together); the configuration's by default. */
		maxConnectionsPerIp?: number;
		/** Upgrades another listener on the same server owns (Vite's HMR websocket in development). */
		foreignUpgrade?: (req: IncomingMessage) => boolean;
		/** Who may read or write which text document: the modules' by default (tests may pass their own). */
		texts?: TextAccess;
		textOptions?: TextDocsOptions;
	} = {}
): Realtime {
	const projection = new Projection(deps);
	const limits = new ConnectionLimits(opts.maxConnectionsPerIp ?? deps.config.maxConnectionsPerIp);
	const gateway = new Gateway(httpServer, deps, projection, limits);
	const texts = new TextDocs({ repo: deps.repos.texts, sqlite: deps.sqlite, log: deps.log }, opts.texts ?? moduleTextAccess(deps, (workshopId, dirty) => projection.markDirty(workshopId, dirty)), opts.textOptions);
	const yjs = new YServer({
		...opts.yjs,
		log: deps.log,
		...texts.hooks((docName) => {
			const [workshopId, audience] = docName.split('/');
			return projection.buildDoc(workshopId, audience as DocAudience);
		}),
		authorize: (req): YRoomAuth | null => {
			if (!originAllowed(req, deps.config.allowedOrigins)) return null;
			const text = TEXT_PATH.exec(req.url ?? '');
			const m = text ? null : YJS_PATH.exec(req.url ?? '');
			if (!m && !text) return null;
			const [, workshopId, audience] = (m ?? text)!;
			const url = new URL(req.url ?? '/', 'http://x');
			const projectorToken = url.searchParams.get('projector');
			const cookie = req.headers.cookie;
			const identity = projectorToken
				? resolveIdentity(deps, cookie, { workshopId, as: 'projector', projectorToken })
				: (resolveIdentity(deps, cookie, { workshopId, as: 'facilitator' }) ?? resolveIdentity(deps, cookie, { workshopId, as: 'participant' }));
			if (!identity) return null;
			const tag = identity.role === 'projector' ? `projector:${workshopId}:${identity.projectorToken}` : identity.role === 'participant' ? `participant:${identity.participantId}` : facilitatorTag(identity);
			if (text) return texts.authorize(identity, workshopId, text[2], tag);
			if (audience === 'staff' && identity.role !== 'facilitator') return null;
			// Board documents are server-authoritative: no client writes. Facilitators share awareness on the staff document.
			return { docName: `${workshopId}/${audience}`, canWrite: false, awareness: audience === 'staff', tag };
		}
	});
	texts.yjs = yjs;
	projection.io = gateway.io as never;
	projection.docs = {
		loaded: (workshopId, audience) => yjs.loaded(`${workshopId}/${audience}`),
		connections: (workshopId) => yjs.connectionsOf(`${workshopId}/public`) + yjs.connectionsOf(`${workshopId}/staff`)
	};
	gateway.onProjectorRevoked = (workshopId) => {
		const current = deps.repos.workshops.get(workshopId)?.projectorToken;
		yjs.closeTagged((tag) => tag.startsWith(`projector:${workshopId}:`) && tag !== `projector:${workshopId}:${current}`);
	};

	// What a command changed may change who may write or read a shared text: the activities it touched, or every
	// text of the workshop when the workshop itself changed (closed, another activity shown to the room).
	gateway.onCommitted = (workshopId, dirty) => {
		for (const entity of dirty.textsGone) texts.forget(workshopId, entity);
		if (dirty.meta) return texts.recheck(workshopId);
		for (const id of new Set([...dirty.texts, ...dirty.full, ...dirty.activities])) {
			if (deps.repos.activities.get(id)) texts.recheck(workshopId, `${id}.`);
			// A removed activity's texts go with it.
			else texts.forget(workshopId, `${id}.`);
		}
	};

	gateway.eraseTexts = (workshopId, actor) => void texts.eraseAuthor(workshopId, actor);
	gateway.onParticipantForgotten = (participantId) => yjs.closeTagged((tag) => tag === `participant:${participantId}`);
	gateway.onWorkshopDeleted = (workshopId) => {
		texts.forget(workshopId);
		yjs.dropDocs((name) => name.startsWith(`${workshopId}/`));
	};

	// Every upgrade ends with exactly one owner: engine.io takes its own path (it runs with destroyUpgrade: false so
	// that it leaves the others alone), the Yjs server takes /yjs/, and anything else is answered 400 and closed
	// rather than left open forever.
	httpServer.on('upgrade', (req, socket, head) => {
		const url = req.url ?? '';
		if (url.startsWith(SOCKET_IO_PATH)) return;
		if (opts.foreignUpgrade?.(req)) return;
		if (!url.startsWith('/yjs/')) return refuseUpgrade(socket, 400, 'Bad Request');
		const ip = req.socket.remoteAddress;
		if (!limits.admit(ip)) return refuseUpgrade(socket, 429, 'Too Many Requests');
		// Counted from here until the TCP connection is gone, whatever happens to the upgrade.
		socket.once('close', limits.hold(ip));
		yjs.handleUpgrade(req, socket, head);
	});

	const realtime: Realtime = {
		gateway,
		yjs,
		limits,
		projection,
		texts,
		endFacilitator(match, reason) {
			gateway.endFacilitator(match, reason);
			yjs.closeTagged((tag) => {
				const [role, userId, workshopId, sessionHash] = tag.split(':');
				return role === 'facilitator' && matchesFacilitator({ userId, workshopId, sessionHash }, match);
			});
		},
		close() {
			projection.flushAll();
			gateway.close();
			yjs.close();
			texts.close();
		}
	};
	const detach = deps.notifier.attach({
		endFacilitator: (match, reason) => realtime.endFacilitator(match, reason),
		stats: () => ({ sockets: gateway.io.engine.clientsCount, yjsRooms: yjs.roomCount, commandTime: gateway.commandTime }),
		liveTexts: (workshopId, prefix) => texts.loadedTexts(workshopId, prefix),
		command: (caller, name, payload) => gateway.command(caller, name, payload)
	});
	const close = realtime.close;
	realtime.close = () => {
		detach();
		close();
	};
	return realtime;
}
