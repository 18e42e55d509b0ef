import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Logger } from '../log';

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_QUERY_AWARENESS = 3;
/** Updates kept after a cached full encoding before it is encoded anew. */
const MAX_UPDATES_AFTER_FULL = 64;
/**
 * Connections written per turn of the event loop when an update goes to a big room. One write costs about 10 us,
 * so a flush to 1,000 phones in one go held every command behind it for 10 to 15 ms; in slices of 128 the
 * commands that arrived meanwhile are read, committed and acknowledged between two slices.
 */
const BROADCAST_SLICE = 128;

/** Close codes a client can act on (y-websocket reconnects and resyncs on any close). */
export const CLOSE = { malformed: 4400, forbidden: 4403, slowConsumer: 4508, tooLarge: 1009, shutdown: 1001 } as const;

export interface YRoomAuth {
	/** The document's name, e.g. "<workshopId>/public". */
	docName: string;
	/** Whether this connection may change the document; board documents are read-only for every client. */
	canWrite: boolean;
	/** Whether awareness (cursors, presence) of this connection is relayed. */
	awareness: boolean;
	/** Grouping for forced disconnects (revoked projector link, removed participant). */
	tag: string;
	/** A frame sent right after the first sync step (text documents tell the client whether it may write). */
	hello?: Uint8Array;
	/** What the owner of the document kind keeps about the connection (the identity, for a later recheck). */
	info?: unknown;
}

/** A live connection, as the hooks see it (also the origin of the updates it applied). */
export interface YConnection {
	readonly id: number;
	readonly docName: string;
	readonly auth: YRoomAuth;
	close(code: number, reason: string): void;
}

/** What the `accept` hook decides about an update a client sent: apply it, drop it silently, or close the connection. */
export type YVerdict = 'apply' | 'ignore' | { close: number; reason: string };

export interface YServerOptions {
	log: Logger;
	/** Decides before the upgrade; null refuses with 403 and nothing is loaded. */
	authorize: (req: IncomingMessage) => YRoomAuth | null;
	/**
	 * Builds a document the first time someone needs it (board documents mirroring SQLite are rebuilt; text
	 * documents are loaded from their stored updates).
	 */
	load: (docName: string) => Y.Doc;
	/**
	 * Decides about an update (sync step 2 or update message) a client sent, before it is applied. Without it,
	 * updates of connections that may write are applied and the others dropped.
	 */
	accept?: (conn: YConnection, update: Uint8Array, doc: Y.Doc, step2: boolean) => YVerdict;
	/** Called before a document leaves memory (evicted, dropped, server closing), while it is still intact. */
	unload?: (docName: string, doc: Y.Doc) => void;
	maxPayload?: number;
	/** A connection whose unsent data exceeds this is closed as a slow consumer; it reconnects and resyncs. */
	maxBufferedBytes?: number;
	/** An unused document stays in memory this long, then is evicted. */
	evictAfterMs?: number;
	maxAwarenessBytes?: number;
}

let connSeq = 0;

class Conn implements YConnection {
	readonly id = ++connSeq;
	clientId: number | null = null;
	alive = true;

	constructor(
		readonly ws: WebSocket,
		readonly auth: YRoomAuth,
		readonly docName: string,
		readonly server: YServer,
		readonly room: Room
	) {}

	close(code: number, reason: string) {
		this.server.reject(this, code, reason);
	}
}

/** The connection an update came from, if a client sent it (the `origin` of a document's update event). */
export function connectionOf(origin: unknown): YConnection | null {
	return origin instanceof Conn ? origin : null;
}

class Room {
	conns = new Set<Conn>();
	/** The connection each awareness client id is bound to: the live connection that used it first. */
	owners = new Map<number, Conn>();
	awareness: awarenessProtocol.Awareness;
	evictTimer: NodeJS.Timeout | null = null;
	/**
	 * The whole document encoded once, plus the updates since, for every client that arrives with an empty replica:
	 * in a reconnect storm during live writing (a restart in the middle of a card storm), every flush would otherwise
	 * invalidate the encoding and each of hundreds of phones would cost a full encode of the document.
	 */
	private fullState: Uint8Array | null = null;
	private since: Uint8Array[] = [];
	private sinceBytes = 0;

	/** The document from the empty state: one encoding plus the updates after it (re-encoded when those grow). */
	full(): Uint8Array[] {
		if (!this.fullState) {
			this.fullState = Y.encodeStateAsUpdate(this.doc);
			this.since = [];
			this.sinceBytes = 0;
		}
		return [this.fullState, ...this.since];
	}

	/**
	 * The last answer to a non-empty state vector, until the document changes: a room's phones are mostly at the same
	 * state, and each resyncs every 12 s (y-websocket's resync); without it every resync encoded the document's whole
	 * delete set again, and an idle room's garbage was mostly that.
	 */
	private answered: { sv: Uint8Array; msg: Uint8Array } | null = null;

	/** Sync step 2 for a client at state vector `sv` (the message, shared by every client at that state). */
	step2For(sv: Uint8Array): Uint8Array {
		const a = this.answered;
		if (a && a.sv.length === sv.length && a.sv.every((b, i) => b === sv[i])) return a.msg;
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MSG_SYNC);
		encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
		encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(this.doc, sv));
		const msg = encoding.toUint8Array(enc);
		this.answered = { sv: sv.slice(), msg };
		return msg;
	}

	/** Forgets the cached encoding (see YServer.reencode). */
	reencode() {
		this.answered = null;
		this.fullState = null;
		this.since = [];
		this.sinceBytes = 0;
	}

	private noteUpdate(update: Uint8Array) {
		if (!this.fullState) return;
		this.since.push(update);
		this.sinceBytes += update.length;
		// Past this, one fresh encoding is cheaper to send and to apply than the pile of small updates.
		if (this.since.length > MAX_UPDATES_AFTER_FULL || this.sinceBytes > this.fullState.length / 4) this.fullState = null;
	}

	/** Updates still going out to a big room, in order: each to the connections that were there when it was made. */
	private outbox: { msg: Uint8Array; origin: unknown; to: Conn[]; next: number }[] = [];
	private draining = false;

	/**
	 * Sends an update to every connection but the one it came from (a client's own update is not echoed back). A
	 * small room gets it at once; a big one in slices of BROADCAST_SLICE connections, one slice per turn of the event
	 * loop, the first at once. Every connection still gets the updates in the order they were made (one queue per
	 * room); one that joins meanwhile has them in its first sync already, and a repeat is a no-op for Yjs.
	 */
	private broadcast(msg: Uint8Array, origin: unknown) {
		if (this.conns.size <= BROADCAST_SLICE && !this.outbox.length) {
			for (const c of this.conns) if (c !== origin) this.server.send(c, msg);
			return;
		}
		this.outbox.push({ msg, origin, to: [...this.conns], next: 0 });
		if (!this.draining) {
			this.draining = true;
			this.drain();
		}
	}

	private drain = () => {
		let budget = BROADCAST_SLICE;
		while (budget > 0 && this.outbox.length) {
			const b = this.outbox[0];
			while (budget > 0 && b.next < b.to.length) {
				const c = b.to[b.next++];
				if (c === b.origin) continue;
				this.server.send(c, b.msg);
				budget--;
			}
			if (b.next >= b.to.length) this.outbox.shift();
		}
		if (this.outbox.length) setImmediate(this.drain);
		else this.draining = false;
	};

	constructor(
		readonly name: string,
		readonly doc: Y.Doc,
		private server: YServer
	) {
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.awareness.setLocalState(null);
		doc.on('update', () => (this.answered = null));
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.noteUpdate(update);
			this.broadcast(updateMessage(update), origin);
		});
		this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
			const changed = added.concat(updated, removed);
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, MSG_AWARENESS);
			encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
			const msg = encoding.toUint8Array(enc);
			for (const c of this.conns) if (c.auth.awareness) this.server.send(c, msg);
		});
	}
}

/**
 * A small Yjs room server on y-protocols: authentication before the upgrade, read-only connections, validated
 * awareness, bounded frames and send buffers, documents loaded on demand and evicted when unused.
 * Malformed frames close only their own connection.
 */
export class YServer {
	readonly wss: WebSocketServer;
	private rooms = new Map<string, Room>();
	private pinger: NodeJS.Timeout;
	private opts: Required<Omit<YServerOptions, 'accept' | 'unload'>> & Pick<YServerOptions, 'accept' | 'unload'>;

	constructor(opts: YServerOptions) {
		this.opts = { maxPayload: 1024 * 1024, maxBufferedBytes: 8 * 1024 * 1024, evictAfterMs: 30_000, maxAwarenessBytes: 2048, ...opts };
		this.wss = new WebSocketServer({ noServer: true, maxPayload: this.opts.maxPayload, perMessageDeflate: false });
		this.pinger = setInterval(() => this.ping(), 30_000);
		this.pinger.unref();
	}

	/** Handles an HTTP upgrade for the Yjs path; refuses before touching any document. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
		let auth: YRoomAuth | null = null;
		try {
			auth = this.opts.authorize(req);
		} catch (e) {
			this.opts.log.error({ err: e }, 'yjs authorize failed');
		}
		if (!auth) {
			socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			socket.destroy();
			return;
		}
		const a = auth;
		this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, a));
	}

	/** The document if it is in memory now. */
	loaded(docName: string): Y.Doc | null {
		return this.rooms.get(docName)?.doc ?? null;
	}

	/**
	 * Drops a loaded document's cached full encoding (and the updates after it), so the next client that arrives
	 * empty gets a fresh one: after content was erased, the cache would still carry it.
	 */
	reencode(docName: string) {
		this.rooms.get(docName)?.reencode();
	}

	/** Connections on one document now. */
	connectionsOf(docName: string): number {
		return this.rooms.get(docName)?.conns.size ?? 0;
	}

	get roomCount() {
		return this.rooms.size;
	}

	get connectionCount() {
		let n = 0;
		for (const r of this.rooms.values()) n += r.conns.size;
		return n;
	}

	/** Closes every connection whose tag matches (for example a revoked projector link). */
	closeTagged(match: (tag: string) => boolean, code: number = CLOSE.forbidden) {
		for (const r of this.rooms.values()) for (const c of r.conns) if (match(c.auth.tag)) c.ws.close(code, 'revoked');
	}

	/** The open connections of matching documents. */
	connections(match: (docName: string) => boolean): YConnection[] {
		const out: YConnection[] = [];
		for (const [name, r] of this.rooms) if (match(name)) out.push(...r.conns);
		return out;
	}

	/** Closes the connections of matching documents and drops the documents (a deleted workshop). */
	dropDocs(match: (docName: string) => boolean, code: number = CLOSE.forbidden) {
		for (const [name, r] of this.rooms) {
			if (!match(name)) continue;
			for (const c of r.conns) c.ws.close(code, 'gone');
			if (r.evictTimer) clearTimeout(r.evictTimer);
			this.rooms.delete(name);
			this.unload(r);
		}
	}

	/** Lets the document's owner save it, then frees it. */
	private unload(r: Room) {
		try {
			this.opts.unload?.(r.name, r.doc);
		} catch (e) {
			this.opts.log.error({ err: e, doc: r.name }, 'yjs document failed to unload');
		}
		r.awareness.destroy();
		r.doc.destroy();
	}

	private room(name: string): Room {
		let r = this.rooms.get(name);
		if (!r) {
			r = new Room(name, this.opts.load(name), this);
			this.rooms.set(name, r);
		}
		if (r.evictTimer) {
			clearTimeout(r.evictTimer);
			r.evictTimer = null;
		}
		return r;
	}

	private onConnection(ws: WebSocket, auth: YRoomAuth) {
		let room: Room;
		try {
			room = this.room(auth.docName);
		} catch (e) {
			this.opts.log.error({ err: e, doc: auth.docName }, 'yjs document failed to load');
			ws.close(1011, 'unavailable');
			return;
		}
		const conn = new Conn(ws, auth, room.name, this, room);
		room.conns.add(conn);
		ws.binaryType = 'arraybuffer';
		// Listeners shared by every connection (`this` is the socket; its Conn rides on it): four closures per
		// connection were about 0.3 KiB per phone.
		(ws as ConnSocket)[CONN] = conn;
		ws.on('pong', onPong);
		ws.on('message', onFrame);
		ws.on('error', onError);
		ws.on('close', onClosed);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MSG_SYNC);
		syncProtocol.writeSyncStep1(enc, room.doc);
		this.send(conn, encoding.toUint8Array(enc));
		if (auth.hello) this.send(conn, auth.hello);
		if (auth.awareness && room.awareness.getStates().size > 0) {
			const a = encoding.createEncoder();
			encoding.writeVarUint(a, MSG_AWARENESS);
			encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]));
			this.send(conn, encoding.toUint8Array(a));
		}
	}

	/** A frame from a connection (see the shared listeners below). */
	frame(conn: Conn, data: RawData, isBinary: boolean) {
		const { ws, room } = conn;
		// Frames that arrive after the server decided to close the connection are not heard.
		if (ws.readyState !== WebSocket.OPEN) return;
		if (!isBinary) return this.reject(conn, CLOSE.malformed, 'binary frames only');
		try {
			this.onMessage(room, conn, toUint8(data));
		} catch (e) {
			this.reject(conn, CLOSE.malformed, 'malformed frame');
			this.opts.log.warn({ doc: room.name, err: String(e).slice(0, 200) }, 'yjs malformed frame');
		}
	}

	private onMessage(room: Room, conn: Conn, data: Uint8Array) {
		const dec = decoding.createDecoder(data);
		const type = decoding.readVarUint(dec);
		switch (type) {
			case MSG_SYNC: {
				const sub = decoding.readVarUint(dec);
				if (sub === syncProtocol.messageYjsSyncStep1) {
					const sv = decoding.readVarUint8Array(dec);
					// An empty state vector (a single 0) asks for everything: serve the cached full encoding, then the
					// updates since it, as ordinary update messages (the client applies them as if they had just happened).
					if (!(sv.length === 1 && sv[0] === 0)) return this.send(conn, room.step2For(sv));
					const [first, ...rest] = room.full();
					const enc = encoding.createEncoder();
					encoding.writeVarUint(enc, MSG_SYNC);
					encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
					encoding.writeVarUint8Array(enc, first);
					this.send(conn, encoding.toUint8Array(enc));
					for (const update of rest) this.send(conn, updateMessage(update));
				} else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
					const update = decoding.readVarUint8Array(dec);
					// Read-only connections: their updates are dropped (a replica may still announce its empty state),
					// unless the document's owner decides otherwise.
					const verdict = this.opts.accept ? this.opts.accept(conn, update, room.doc, sub === syncProtocol.messageYjsSyncStep2) : conn.auth.canWrite ? 'apply' : 'ignore';
					if (verdict === 'ignore') return;
					if (verdict !== 'apply') return this.reject(conn, verdict.close, verdict.reason);
					Y.applyUpdate(room.doc, update, conn);
				} else {
					throw new Error(`unknown sync message ${sub}`);
				}
				return;
			}
			case MSG_AWARENESS: {
				const update = decoding.readVarUint8Array(dec);
				if (!conn.auth.awareness) return;
				if (update.length > this.opts.maxAwarenessBytes) return this.reject(conn, CLOSE.tooLarge, 'awareness too large');
				const ids = awarenessClientIds(update);
				if (conn.clientId === null && ids.length > 0) {
					// A client id belongs to the live connection that used it first: another connection claiming it (to
					// replace or remove that connection's state) is not heard. It is not closed either: a client that
					// reconnects before its old connection has timed out claims its own id, and gets it once that is gone.
					const owner = room.owners.get(ids[0]);
					if (owner && owner !== conn) return;
					conn.clientId = ids[0];
					room.owners.set(ids[0], conn);
				}
				// A connection speaks only for the one client id it first used.
				if (ids.some((id) => id !== conn.clientId)) return this.reject(conn, CLOSE.forbidden, 'foreign awareness');
				awarenessProtocol.applyAwarenessUpdate(room.awareness, update, conn);
				return;
			}
			case MSG_QUERY_AWARENESS: {
				if (!conn.auth.awareness) return;
				const enc = encoding.createEncoder();
				encoding.writeVarUint(enc, MSG_AWARENESS);
				encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]));
				this.send(conn, encoding.toUint8Array(enc));
				return;
			}
			default:
				throw new Error(`unknown message type ${type}`);
		}
	}

	/** Sends to one connection, dropping it if it stopped reading (bounded memory per connection). */
	send(conn: Conn, msg: Uint8Array) {
		const ws = conn.ws;
		if (ws.readyState !== WebSocket.OPEN) return;
		if (ws.bufferedAmount > this.opts.maxBufferedBytes) {
			this.reject(conn, CLOSE.slowConsumer, 'slow consumer');
			return;
		}
		ws.send(msg, (err) => {
			if (err) ws.terminate();
		});
	}

	reject(conn: Conn, code: number, reason: string) {
		const ws = conn.ws;
		if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
		// A peer that does not complete the close handshake is cut off.
		setTimeout(() => ws.terminate(), 2000).unref();
	}

	onClose(room: Room, conn: Conn) {
		room.conns.delete(conn);
		if (conn.clientId !== null && room.owners.get(conn.clientId) === conn) {
			room.owners.delete(conn.clientId);
			awarenessProtocol.removeAwarenessStates(room.awareness, [conn.clientId], null);
		}
		if (room.conns.size === 0 && !room.evictTimer) {
			room.evictTimer = setTimeout(() => {
				if (room.conns.size > 0) return;
				this.rooms.delete(room.name);
				this.unload(room);
			}, this.opts.evictAfterMs);
			room.evictTimer.unref();
		}
	}

	private ping() {
		for (const r of this.rooms.values())
			for (const c of r.conns) {
				if (!c.alive) {
					c.ws.terminate();
					continue;
				}
				c.alive = false;
				c.ws.ping();
			}
	}

	/** Closes every connection and drops every document. */
	close(code: number = CLOSE.shutdown) {
		clearInterval(this.pinger);
		for (const r of this.rooms.values()) {
			for (const c of r.conns) c.ws.close(code, 'server shutting down');
			if (r.evictTimer) clearTimeout(r.evictTimer);
			this.unload(r);
		}
		this.rooms.clear();
		this.wss.close();
	}
}

/** A connection's socket carries its Conn, for the listeners every connection shares. */
const CONN = Symbol('yjs connection');
type ConnSocket = WebSocket & { [CONN]: Conn };

function onPong(this: WebSocket) {
	(this as ConnSocket)[CONN].alive = true;
}

function onFrame(this: WebSocket, data: RawData, isBinary: boolean) {
	const conn = (this as ConnSocket)[CONN];
	conn.server.frame(conn, data, isBinary);
}

function onError(this: WebSocket) {
	this.terminate();
}

function onClosed(this: WebSocket) {
	const conn = (this as ConnSocket)[CONN];
	conn.server.onClose(conn.room, conn);
}

/** A sync-protocol update message carrying one document update. */
function updateMessage(update: Uint8Array): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MSG_SYNC);
	syncProtocol.writeUpdate(enc, update);
	return encoding.toUint8Array(enc);
}

function toUint8(data: RawData): Uint8Array {
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The client ids an awareness update speaks for (throws on a malformed update). */
function awarenessClientIds(update: Uint8Array): number[] {
	const dec = decoding.createDecoder(update);
	const n = decoding.readVarUint(dec);
	if (n > 16) throw new Error('too many awareness entries');
	const ids: number[] = [];
	for (let i = 0; i < n; i++) {
		ids.push(decoding.readVarUint(dec));
		decoding.readVarUint(dec);
		JSON.parse(decoding.readVarString(dec));
	}
	return ids;
}
