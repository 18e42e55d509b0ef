import http from 'node:http';
import { io as ioClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { ClientToServerEvents, Response, ServerToClientEvents } from '../../src/lib/protocol/events';
import type { CommandName } from '../../src/lib/features/index';
import { docRetryDelay, RESYNC_MS, SOCKET_RECONNECT } from '../../src/lib/realtime/reconnect';
import { TextConnection } from '../../src/lib/realtime/text-connection';
import { now } from './proc';

// y-websocket's periodic resync refers to the global WebSocket (Node 20 has none without a flag).
if (!('WebSocket' in globalThis)) (globalThis as unknown as { WebSocket: typeof WebSocket }).WebSocket = WebSocket;

export type PlenumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Frames and bytes some clients sent and received (the server's in and out). */
export interface Traffic {
	rxFrames: number;
	rxBytes: number;
	txFrames: number;
	txBytes: number;
}
export const newTraffic = (): Traffic => ({ rxFrames: 0, rxBytes: 0, txFrames: 0, txBytes: 0 });
const globalTraffic = newTraffic();

const sizeOf = (d: unknown): number =>
	typeof d === 'string' ? Buffer.byteLength(d) : d instanceof ArrayBuffer ? d.byteLength : ArrayBuffer.isView(d) ? d.byteLength : Array.isArray(d) ? d.reduce((n: number, x) => n + sizeOf(x), 0) : 0;

/** Counts every frame of a ws connection into `traffic`, and hands incoming frames to `onFrame`. */
export function countFrames(ws: WebSocket, traffic: Traffic = globalTraffic, onFrame?: (data: Buffer) => void) {
	ws.on('message', (data: WebSocket.RawData) => {
		traffic.rxFrames++;
		traffic.rxBytes += sizeOf(data);
		if (onFrame) onFrame(toBuffer(data));
	});
	const send = ws.send.bind(ws) as (...a: unknown[]) => void;
	(ws as unknown as { send: (...a: unknown[]) => void }).send = (data: unknown, ...rest: unknown[]) => {
		traffic.txFrames++;
		traffic.txBytes += sizeOf(data);
		send(data, ...rest);
	};
}

export function toBuffer(data: WebSocket.RawData | ArrayBuffer): Buffer {
	if (Buffer.isBuffer(data)) return data;
	if (data instanceof ArrayBuffer) return Buffer.from(data);
	return Buffer.concat(data as Buffer[]);
}

/** Latency markers carried in card texts and edits: `~S<seq>@<scheduled ms>~`. */
export const marker = (seq: number, at: number) => `~S${seq}@${at.toFixed(1)}~`;

const TILDE_S = Buffer.from('~S');

/** Finds every latency marker in a frame (Yjs updates carry strings verbatim). */
export function scanMarkers(buf: Buffer, found: (seq: number, at: number) => void) {
	let i = buf.indexOf(TILDE_S);
	while (i >= 0) {
		const end = buf.indexOf(126, i + 2);
		if (end < 0 || end - i > 40) break;
		const s = buf.toString('latin1', i + 2, end);
		const at = s.indexOf('@');
		if (at > 0) found(Number(s.slice(0, at)), Number(s.slice(at + 1)));
		i = buf.indexOf(TILDE_S, end + 1);
	}
}

export interface HttpResult {
	status: number;
	location: string | null;
	cookies: string[];
	body: string;
}

/** One HTTP request over loopback from a chosen source address (so per-IP limits see a room of routers). */
export function request(url: string, opts: { method?: string; form?: Record<string, string>; cookie?: string; localAddress?: string; timeoutMs?: number } = {}): Promise<HttpResult> {
	const u = new URL(url);
	const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				method: opts.method ?? (body ? 'POST' : 'GET'),
				localAddress: opts.localAddress,
				agent: false,
				timeout: opts.timeoutMs ?? 15_000,
				headers: {
					accept: 'text/html',
					origin: u.origin,
					...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
					...(opts.cookie ? { cookie: opts.cookie } : {})
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: (res.headers.location as string | undefined) ?? null,
						cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
						body: text
					})
				);
			}
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

export type JoinResult = { ok: true; cookie: string; workshopId: string } | { ok: false; status: number; reason: string };

/** Joins a workshop the way a phone does: POST the nickname to /j/<code>, keep the participant cookie. */
export async function httpJoin(url: string, code: string, nickname: string, localAddress?: string): Promise<JoinResult> {
	let r: HttpResult;
	try {
		r = await request(`${url}/j/${encodeURIComponent(code)}`, { form: { nickname }, localAddress });
	} catch (e) {
		return { ok: false, status: 0, reason: String((e as Error).message ?? e) };
	}
	const m = r.location ? /\/w\/([A-Za-z0-9_-]+)/.exec(r.location) : null;
	const cookie = r.cookies.find((c) => c.startsWith('plenum_p_'));
	if (r.status === 303 && m && cookie) return { ok: true, cookie, workshopId: m[1] };
	const reason =
		/error:"([a-z_]+)"/.exec(r.body)?.[1] ??
		/"error":"([a-z_]+)"/.exec(r.body)?.[1] ??
		`http_${r.status}${r.status >= 500 ? `: ${r.body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)}` : ''}`;
	return { ok: false, status: r.status, reason };
}

/** Signs up a facilitator through the sign-up form and creates a workshop through the dashboard form. */
export async function httpFacilitator(url: string, name: string, title: string, locale = 'en', password = 'correct horse battery staple'): Promise<{ cookie: string; workshopId: string }> {
	const signup = await request(`${url}/signup`, { form: { name, password, next: '/f' } });
	const cookie = signup.cookies.find((c) => c.startsWith('plenum_session='));
	if (!cookie) throw new Error(`sign-up failed: HTTP ${signup.status}`);
	return { cookie, workshopId: await httpWorkshop(url, cookie, title, locale) };
}

/** Creates one more workshop for a signed-in facilitator. */
export async function httpWorkshop(url: string, cookie: string, title: string, locale = 'en'): Promise<string> {
	const r = await request(`${url}/f?/create`, { form: { title, locale }, cookie });
	const m = r.location ? /\/f\/w\/([A-Za-z0-9_-]+)/.exec(r.location) : null;
	if (r.status !== 303 || !m) throw new Error(`workshop creation failed: HTTP ${r.status}`);
	return m[1];
}

/** A socket.io client of the real protocol, counting its frames; resolves once connected. */
export function connectSocket(
	url: string,
	auth: Record<string, unknown>,
	opts: { cookie?: string; localAddress?: string; reconnection?: boolean; timeoutMs?: number; traffic?: Traffic } = {}
): Promise<PlenumSocket> {
	const socket: PlenumSocket = ioClient(url, {
		auth,
		transports: ['websocket'],
		extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
		localAddress: opts.localAddress,
		reconnection: opts.reconnection ?? false,
		// The app's reconnect policy (src/lib/realtime/reconnect.ts).
		...SOCKET_RECONNECT,
		forceNew: true,
		timeout: opts.timeoutMs ?? 15_000
	} as never);
	socket.io.on('open', () => {
		const ws = (socket.io.engine.transport as unknown as { ws?: WebSocket }).ws;
		if (ws) countFrames(ws, opts.traffic);
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (e) => {
			if (!opts.reconnection) socket.close();
			reject(e);
		});
	});
}

let keySeq = 0;
/** A fresh idempotency key. */
export const newKey = (prefix = 'b') => `${prefix}${process.pid.toString(36)}x${(keySeq++).toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** Sends a command and resolves with its ack (or a synthetic `timeout` error). */
export function command<C extends CommandName>(socket: PlenumSocket, name: C, payload: unknown, timeoutMs = 10_000): Promise<Response<any>> {
	return new Promise((resolve) => {
		const t = setTimeout(() => resolve({ ok: false, error: 'timeout' as never }), timeoutMs);
		(socket.emit as unknown as (n: string, p: unknown, ack: (r: Response<unknown>) => void) => void)(name, payload, (r) => {
			clearTimeout(t);
			resolve(r);
		});
	});
}

/** Options of a Yjs connection. */
export interface YOpts {
	cookie?: string;
	localAddress?: string;
	params?: Record<string, string>;
	/** Every incoming frame (for latency markers). */
	onFrame?: (data: Buffer) => void;
	/** Keep reconnecting after a close (server restart). */
	reconnect?: boolean;
	traffic?: Traffic;
}

/** A Yjs replica: either a real y-websocket provider with a Y.Doc, or a thin client of the same protocol. */
export interface YConn {
	full: boolean;
	doc: Y.Doc | null;
	/** Resolves at the first full sync (step 2 received). */
	synced: Promise<void>;
	/** Times (ms) at which a step 2 (full state) arrived. */
	syncs: number[];
	/** Number of times the connection was opened. */
	opens: number;
	destroy(): void;
}

function socketClass(opts: YOpts, onOpen: () => void) {
	const headers = opts.cookie ? { cookie: opts.cookie } : {};
	return class CountingWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers, localAddress: opts.localAddress, perMessageDeflate: false });
			countFrames(this, opts.traffic, opts.onFrame);
			this.on('open', onOpen);
		}
	};
}

/** A real y-websocket provider (the browser's client) in Node, with cookies and a source address. */
export function fullReplica(url: string, workshopPath: string, room: string, opts: YOpts = {}): YConn {
	const conn: YConn = { full: true, doc: null, synced: Promise.resolve(), syncs: [], opens: 0, destroy: () => {} };
	let resolveSynced: () => void = () => {};
	conn.synced = new Promise<void>((r) => (resolveSynced = r));
	let provider: WebsocketProvider | null = null;
	let destroyed = false;
	let attempts = 0;
	let timer: NodeJS.Timeout | undefined;
	// As the app's Room does (src/lib/realtime/room.svelte.ts): every connection starts a fresh document, adopted
	// once it has synced (after a restart the server's document is rebuilt under a new client id), and a lost
	// connection is retried after the app's delay.
	const open = () => {
		if (destroyed) return;
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url.replace(/^http/, 'ws') + workshopPath, room, doc, {
			WebSocketPolyfill: socketClass(opts, () => conn.opens++) as never,
			disableBc: true,
			params: opts.params ?? {},
			resyncInterval: RESYNC_MS,
			shouldReconnect: () => false,
			connect: true
		});
		provider = p;
		let closed = false;
		p.on('sync', (s: boolean) => {
			if (!s || provider !== p) return;
			attempts = 0;
			const old = conn.doc;
			conn.doc = doc;
			if (old && old !== doc) old.destroy();
			conn.syncs.push(now());
			resolveSynced();
		});
		p.on('connection-close', () => {
			if (closed || destroyed || provider !== p) return;
			closed = true;
			queueMicrotask(() => {
				p.destroy();
				if (conn.doc !== doc) doc.destroy();
				timer = setTimeout(open, docRetryDelay(attempts++, Math.random()));
			});
		});
	};
	open();
	conn.destroy = () => {
		destroyed = true;
		clearTimeout(timer);
		provider?.destroy();
		conn.doc?.destroy();
	};
	return conn;
}

/**
 * A co-edited text document through the app's own client (src/lib/realtime/text-connection.ts): one Y.Doc kept
 * across reconnects. On the bare y-websocket server the same path names a plain document.
 */
export function textReplica(url: string, workshopId: string, entity: string, opts: YOpts = {}): YConn {
	let resolveSynced: () => void = () => {};
	const conn: YConn = { full: true, doc: null, synced: new Promise<void>((r) => (resolveSynced = r)), syncs: [], opens: 0, destroy: () => {} };
	const tc = new TextConnection({ base: url.replace(/^http/, 'ws') + '/yjs', workshopId, entity, WebSocketPolyfill: socketClass(opts, () => conn.opens++) });
	conn.doc = tc.doc;
	tc.provider.on('sync', (s: boolean) => {
		if (!s) return;
		conn.syncs.push(now());
		resolveSynced();
	});
	conn.destroy = () => tc.destroy();
	return conn;
}

/**
 * A thin client of the y-websocket protocol: the same handshake and frames as a provider, but it only counts
 * and scans what it receives instead of applying it to a Y.Doc (so that one harness core can hold a big room).
 * Having no state vector, it does not send the provider's periodic resync.
 */
export function thinReplica(url: string, workshopPath: string, room: string, opts: YOpts = {}): YConn {
	const query = new URLSearchParams(opts.params ?? {}).toString();
	const address = url.replace(/^http/, 'ws') + `${workshopPath}/${room}${query ? `?${query}` : ''}`;
	let ws: WebSocket | null = null;
	let closed = false;
	let attempts = 0;
	let resolveSynced: () => void = () => {};
	const step1 = () => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, EMPTY_SV);
		return encoding.toUint8Array(e);
	};
	const conn: YConn = {
		full: false,
		doc: null,
		synced: new Promise<void>((r) => (resolveSynced = r)),
		syncs: [],
		opens: 0,
		destroy: () => {
			closed = true;
			ws?.terminate();
		}
	};
	const open = () => {
		const sock = new WebSocket(address, { headers: opts.cookie ? { cookie: opts.cookie } : {}, localAddress: opts.localAddress, perMessageDeflate: false });
		ws = sock;
		countFrames(sock, opts.traffic, (buf) => {
			const dec = decoding.createDecoder(buf);
			if (decoding.readVarUint(dec) === 0) {
				const sub = decoding.readVarUint(dec);
				if (sub === 0) {
					// The server's state vector: answer with our (empty) state, as a provider would.
					const e = encoding.createEncoder();
					encoding.writeVarUint(e, 0);
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint8Array(e, EMPTY_UPDATE);
					sock.send(encoding.toUint8Array(e));
				} else if (sub === 1) {
					conn.syncs.push(now());
					attempts = 0;
					resolveSynced();
				}
			}
			opts.onFrame?.(buf);
		});
		sock.on('open', () => {
			conn.opens++;
			sock.send(step1());
		});
		sock.on('error', () => {});
		sock.on('close', () => {
			if (closed || !opts.reconnect) return;
			setTimeout(open, docRetryDelay(attempts++, Math.random()));
		});
	};
	open();
	return conn;
}

export { RESYNC_MS };
const EMPTY_SV = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/** A set of sequence numbers as a growable bitmap (exact reach without big Sets). */
export class SeqSet {
	private bits = new Uint8Array(64);
	size = 0;
	add(n: number): boolean {
		if (!Number.isInteger(n) || n < 0 || n > 50_000_000) return false;
		const i = n >> 3;
		if (i >= this.bits.length) {
			const b = new Uint8Array(Math.max(i + 1, this.bits.length * 2));
			b.set(this.bits);
			this.bits = b;
		}
		const m = 1 << (n & 7);
		if (this.bits[i] & m) return false;
		this.bits[i] |= m;
		this.size++;
		return true;
	}
	has(n: number): boolean {
		const i = n >> 3;
		return i < this.bits.length && (this.bits[i] & (1 << (n & 7))) !== 0;
	}
}
