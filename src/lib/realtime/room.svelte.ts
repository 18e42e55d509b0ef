import { getContext, setContext } from 'svelte';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { idleTimer, timerRemaining, type TimerState } from '../domain/timer';
import { byPosition, type ActivityView } from '../activities/spec';
import {
	CORE_MAPS,
	type ClientToServerEvents,
	type DocAudience,
	type HandshakeAuth,
	type HelloData,
	type MeState,
	type PresenceView,
	type Response,
	type Role,
	type ServerToClientEvents,
	type WorkshopView
} from '../protocol/events';
import type { CommandName, CommandPayload, CommandResult, ErrorCode } from '../protocol/commands';
import { forgetDrafts } from './drafts.svelte';
import { newKey, OutboxStore, type KeyedCommand, type OutboxEntry, type QueryCommand } from './outbox';
import { docRetryDelay, RESYNC_MS, SOCKET_RECONNECT } from './reconnect';

export type RoomStatus = 'connecting' | 'online' | 'offline';
/**
 * Why the room stopped: the workshop closed (still readable), was deleted, the projector link was replaced, the
 * participant erased their data, or the identity is not accepted any more.
 */
export type EndReason = 'workshop_closed' | 'workshop_deleted' | 'revoked' | 'removed' | 'forgotten' | 'unauthorized';
/** Every command a page may send; read-only queries among them are passed through, never queued. */
export type SendableCommand = Exclude<CommandName, 'session:hello'>;
/** A command's payload as callers write it: the outbox adds the idempotency key. */
export type CommandInput<C extends SendableCommand> = Omit<CommandPayload<C>, 'key'>;

/**
 * An activity module's part of the room on this device (src/lib/features/<type>/): it reads its own maps of the
 * room's replica, and applies what an acknowledgement tells about this person's own state in the module.
 */
export interface RoomSlice {
	readonly type: string;
	/** A freshly synced replica: read the module's maps and follow their changes (until the next adopt). */
	adopt(doc: Y.Doc): void;
	/** This person's slice of `me` after an acknowledged command of theirs, or undefined when the ack tells nothing. */
	applyAck?(name: string, data: unknown, slice: unknown): unknown;
}

export interface RoomOptions {
	workshopId: string;
	as: Role;
	audience: DocAudience;
	projectorToken?: string;
	/** What the server rendered, shown until the replica has synced. */
	initial?: { workshop?: WorkshopView | null };
}

export interface RoomError {
	code: ErrorCode;
	command: KeyedCommand;
	at: number;
	/** The text of a refused card, so a person can keep what they wrote. */
	text?: string;
}

const ACK_TIMEOUT_MS = 15_000;
/** Acks kept for a module view that has not arrived yet (a phone's outbox holds far fewer). */
const MAX_UNCLAIMED = 200;
const HELLO_TIMEOUT_MS = 10_000;
const RATE_LIMIT_RETRIES = 3;
/** A phone tells the server at most once a second whether it has unsent text (the last word always goes out). */
const DRAFT_SIGNAL_MS = 1000;
/** Close codes after which reconnecting cannot help (the link was revoked, the identity refused). */
const TERMINAL_CLOSE = new Set([4403]);

type LooseEmitter = {
	timeout(ms: number): { emit(name: string, payload: unknown, cb: (err: Error | null, res: Response<unknown>) => void): void };
};

/**
 * One workshop as this device sees it: a socket.io connection for commands, acks and pushed state, and a read-only
 * Yjs replica of the room's document, turned into runes state. Writes go through `send`, which keeps every
 * command in a persisted outbox until the server acknowledged it, and replays unacknowledged commands with the
 * same idempotency key, in order, after a reconnect.
 */
export class Room {
	readonly workshopId: string;
	readonly role: Role;
	readonly audience: DocAudience;
	readonly #projectorToken: string | undefined;

	#socketState = $state<'idle' | 'connecting' | 'up' | 'down'>('idle');
	#ready = $state(false);
	#synced = $state(false);
	#everSynced = $state(false);
	#browserOffline = $state(false);
	#workshop = $state.raw<WorkshopView | null>(null);
	#timer = $state.raw<TimerState>(idleTimer);
	#activities = $state.raw<ActivityView[]>([]);
	#tallies = $state.raw<Record<string, Record<string, number>>>({});
	#me = $state.raw<MeState | null>(null);
	#presence = $state.raw<PresenceView>({ participants: 0 });
	#drafts = $state.raw<Record<string, number>>({});
	/** Staff only: participants who erased their data while this page was open, until dismissed. */
	#erasures = $state.raw<{ id: number; removedItems: number; sessionsRemoved: number }[]>([]);
	#erasureSeq = 0;
	/** What this device wants the server to know about its composer, and what the server last acknowledged. */
	#draftWanted: { activityId: string; drafting: boolean } | null = null;
	#draftSent: { activityId: string; drafting: boolean } | null = null;
	#draftLastAt = 0;
	#draftTimer: ReturnType<typeof setTimeout> | null = null;
	#serverOffset = $state(0);
	#outbox = $state.raw<OutboxEntry[]>([]);
	#lastError = $state.raw<RoomError | null>(null);
	#ended = $state<EndReason | null>(null);

	#activeActivity = $derived.by(() => {
		const id = this.#workshop?.activeActivityId;
		return this.#activities.find((a) => a.id === id) ?? this.#activities[0] ?? null;
	});
	#slices: RoomSlice[] = [];
	/** Acks of this person's commands that no registered slice read yet (cleared by every newer `me`). */
	#unclaimed: { name: string; data: unknown }[] = [];

	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	#generation = 0;
	#inflight = new Set<string>();
	#waiters = new Map<string, (r: Response<unknown>) => void>();
	#retries = new Map<string, number>();
	#store: OutboxStore | null = null;
	#seq = 0;
	#timers = new Set<ReturnType<typeof setTimeout>>();
	#cleanup: (() => void)[] = [];

	#doc: Y.Doc | null = null;
	#provider: WebsocketProvider | null = null;
	#docAttempts = 0;
	#destroyed = false;

	constructor(opts: RoomOptions) {
		this.workshopId = opts.workshopId;
		this.role = opts.as;
		this.audience = opts.audience;
		this.#projectorToken = opts.projectorToken;
		this.#workshop = opts.initial?.workshop ?? null;
	}

	/** 'online' when commands can be sent and the replica is in sync; 'offline' once a connection failed or dropped. */
	get status(): RoomStatus {
		if (this.#browserOffline || this.#socketState === 'down') return 'offline';
		return this.#ready && this.#synced ? 'online' : 'connecting';
	}
	/** Whether commands are being delivered right now (the socket is up and the handshake done). */
	get canSend() {
		return this.#ready && !this.#browserOffline;
	}
	/** Whether the replica has ever been in sync (before that, the board is unknown, not empty). */
	get loaded() {
		return this.#everSynced;
	}
	get workshop() {
		return this.#workshop;
	}
	get timer() {
		return this.#timer;
	}
	/** The workshop's activities in their order. */
	get activities() {
		return this.#activities;
	}
	/** The activity the room follows now (the first one until the workshop says). */
	get activeActivity() {
		return this.#activeActivity;
	}
	/** Server-side counts per activity (dots); for the room they arrive only while counts are visible. */
	get tallies() {
		return this.#tallies;
	}
	get me() {
		return this.#me;
	}
	/** This person's own state in one module (its slice of `me`), once known. */
	mine<T>(type: string): T | null {
		return (this.#me?.slices[type] as T | undefined) ?? null;
	}

	/** Adds an activity module's part (before `connect`). */
	use<S extends RoomSlice>(slice: S): S {
		this.#slices.push(slice);
		if (this.#doc) slice.adopt(this.#doc);
		// A module's view (and its slice) may arrive after its commands were acknowledged (an outbox replayed on
		// reload): what those acks tell is applied now, in order.
		const waiting = this.#unclaimed;
		this.#unclaimed = [];
		for (const a of waiting) if (!this.#applyAckTo([slice], a.name, a.data)) this.#unclaimed.push(a);
		return slice;
	}
	get presence() {
		return this.#presence;
	}
	/** Facilitators: per board, how many participants have unsent text in their composer. */
	/** Staff only: "a participant erased their data" notices (with how many of their cards stay as removed). */
	get erasures() {
		return this.#erasures;
	}
	dismissErasure(id: number) {
		this.#erasures = this.#erasures.filter((e) => e.id !== id);
	}
	get drafts() {
		return this.#drafts;
	}
	/** Server clock minus this device's clock, in milliseconds. */
	get serverOffset() {
		return this.#serverOffset;
	}
	/** Commands written but not yet acknowledged, oldest first. */
	get pending(): readonly OutboxEntry[] {
		return this.#outbox;
	}
	get pendingCount() {
		return this.#outbox.length;
	}
	get lastError() {
		return this.#lastError;
	}
	get ended() {
		return this.#ended;
	}

	/** The server's clock now. */
	serverNow(): number {
		return Date.now() + this.#serverOffset;
	}

	/** Milliseconds left on the workshop's timer now. */
	timerRemaining(): number {
		return timerRemaining(this.#timer, this.serverNow());
	}

	clearError() {
		this.#lastError = null;
	}

	/** Opens both connections (browser only). Safe to call once; `destroy` closes everything. */
	connect() {
		if (this.#socket || this.#destroyed) return;
		this.#store = new OutboxStore(safeStorage(), `plenum:outbox:${this.workshopId}:${this.role}:`);
		this.#mergeStoredOutbox();
		this.#browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
		const onOffline = () => (this.#browserOffline = true);
		const onOnline = () => {
			this.#browserOffline = false;
			if (this.#socket && !this.#socket.connected && !this.#ended) this.#socket.connect();
		};
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		});
		this.#openSocket();
		this.#openDoc();
	}

	/** Closes the connections and stops every timer; unacknowledged commands stay in the stored outbox. */
	destroy() {
		this.#destroyed = true;
		for (const f of this.#cleanup.splice(0)) f();
		for (const t of this.#timers) clearTimeout(t);
		this.#timers.clear();
		if (this.#draftTimer) clearTimeout(this.#draftTimer);
		this.#draftTimer = null;
		this.#socket?.removeAllListeners();
		this.#socket?.disconnect();
		this.#socket = null;
		this.#closeDoc();
	}

	/**
	 * Sends a command. It is stored in the outbox first, sent when connected, and resolved with the server's ack
	 * (data, or the refusal). After a reconnect, unacknowledged commands are sent again with the same key.
	 */
	send<C extends SendableCommand>(name: C, payload: CommandInput<C>): Promise<Response<CommandResult<C>, ErrorCode>> {
		if (name === 'me:data' || name === 'people:list') return this.query(name, payload as Record<string, unknown>) as Promise<Response<CommandResult<C>, ErrorCode>>;
		if (this.#ended && this.#ended !== 'workshop_closed') return Promise.resolve({ ok: false, error: 'unauthorized' });
		const entry: OutboxEntry = {
			key: newKey(),
			name: name as KeyedCommand,
			payload: payload as Record<string, unknown>,
			seq: this.#nextSeq(),
			at: Date.now()
		};
		this.#outbox = [...this.#outbox, entry];
		this.#store?.put(entry);
		const promise = new Promise<Response<CommandResult<C>, ErrorCode>>((resolve) => this.#waiters.set(entry.key, resolve as (r: Response<unknown>) => void));
		if (this.#ready) this.#emit(entry);
		return promise;
	}

	/** Asks the server something that changes nothing (never queued): answers only while connected. */
	query<C extends Exclude<QueryCommand, 'session:hello'>>(name: C, payload: Record<string, unknown> = {}): Promise<Response<CommandResult<C>, ErrorCode>> {
		const socket = this.#socket;
		if (!socket || !this.#ready) return Promise.resolve({ ok: false, error: 'internal' });
		return new Promise((resolve) => {
			(socket as unknown as LooseEmitter).timeout(ACK_TIMEOUT_MS).emit(name, payload, (err, res) => {
				resolve(err ? { ok: false, error: 'internal' } : (res as Response<CommandResult<C>, ErrorCode>));
			});
		});
	}

	#nextSeq() {
		this.#seq = Math.max(this.#seq + 1, Date.now());
		return this.#seq;
	}

	/** Adds entries another tab (or an earlier page) stored and this room does not know yet. */
	#mergeStoredOutbox() {
		const stored = this.#store?.load() ?? [];
		const known = new Set(this.#outbox.map((e) => e.key));
		const added = stored.filter((e) => !known.has(e.key));
		if (!added.length) return;
		this.#outbox = [...this.#outbox, ...added].sort((a, b) => a.seq - b.seq);
		for (const e of added) this.#seq = Math.max(this.#seq, e.seq);
	}

	#later(ms: number, f: () => void) {
		const t = setTimeout(() => {
			this.#timers.delete(t);
			if (!this.#destroyed) f();
		}, ms);
		this.#timers.add(t);
	}

	// ---- socket.io -------------------------------------------------------------------------------------------

	#openSocket() {
		const auth: HandshakeAuth = { workshopId: this.workshopId, as: this.role };
		if (this.#projectorToken) auth.projectorToken = this.#projectorToken;
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			auth: auth as unknown as Record<string, unknown>,
			transports: ['websocket'],
			forceNew: true,
			...SOCKET_RECONNECT
		});
		this.#socket = socket;
		this.#socketState = 'connecting';
		socket.on('connect', () => {
			this.#socketState = 'up';
			this.#hello(this.#generation);
		});
		socket.on('disconnect', (reason) => {
			this.#generation++;
			this.#ready = false;
			this.#inflight.clear();
			this.#socketState = 'down';
			// A disconnect the server asked for is not retried by socket.io; reconnect unless the room has ended.
			if (reason === 'io server disconnect' && !this.#ended) this.#later(1000 + Math.random() * 2000, () => socket.connect());
		});
		socket.on('connect_error', (err) => {
			this.#socketState = 'down';
			if (socket.active) return;
			// Refused by the server's middleware: socket.io does not retry these by itself.
			if (err.message === 'unauthorized') {
				this.#end('unauthorized');
				return;
			}
			this.#later(2000 + Math.random() * 3000, () => socket.connect());
		});
		socket.on('tally', (t) => {
			this.#tallies = { ...this.#tallies, [t.activityId]: t.counts };
		});
		socket.on('presence', (p) => {
			this.#presence = p;
		});
		socket.on('me', (m) => {
			this.#me = m;
			this.#unclaimed = [];
		});
		socket.on('draft:counts', (d) => {
			this.#drafts = d.counts;
		});
		socket.on('participant:erased', (e) => {
			this.#erasures = [...this.#erasures, { id: ++this.#erasureSeq, removedItems: e.removedItems, sessionsRemoved: e.sessionsRemoved ?? 0 }];
		});
		socket.on('session:ended', (e) => {
			if (e.reason === 'shutdown') return;
			this.#end(e.reason);
		});
	}

	#hello(gen: number) {
		const socket = this.#socket;
		if (!socket) return;
		const sentAt = Date.now();
		(socket as unknown as LooseEmitter).timeout(HELLO_TIMEOUT_MS).emit('session:hello', {}, (err, res) => {
			if (gen !== this.#generation || !socket.connected) return;
			if (err || !res.ok) {
				this.#later(1000 + Math.random() * 2000, () => gen === this.#generation && this.#hello(gen));
				return;
			}
			const hello = res.data as HelloData;
			const receivedAt = Date.now();
			this.#serverOffset = Math.round(hello.serverNow - (sentAt + receivedAt) / 2);
			this.#me = hello.me;
			this.#unclaimed = [];
			this.#tallies = hello.tallies;
			this.#presence = hello.presence;
			this.#drafts = hello.drafts ?? {};
			this.#ready = true;
			this.#flush();
			// The server forgets a connection's draft state when it drops: say it again on the new one.
			this.#draftSent = null;
			this.#sendDraftStatus();
		});
	}

	/**
	 * Participants: whether the composer holds text not sent yet, so the facilitator sees who is still writing
	 * before moving on. Only changes are sent, at most one a second, never queued: a stale "still writing" is
	 * worth nothing, and the server drops it with the connection anyway.
	 */
	setDrafting(activityId: string, drafting: boolean) {
		if (this.role !== 'participant') return;
		this.#draftWanted = { activityId, drafting };
		this.#sendDraftStatus();
	}

	#sendDraftStatus() {
		const want = this.#draftWanted;
		const sent = this.#draftSent;
		if (!want || this.#draftTimer || !this.#ready || this.#ended) return;
		// Nothing to say: the server already knows, or never heard of text that is gone again.
		if (sent ? sent.activityId === want.activityId && sent.drafting === want.drafting : !want.drafting) return;
		const wait = this.#draftLastAt + DRAFT_SIGNAL_MS - Date.now();
		if (wait > 0) {
			this.#draftTimer = setTimeout(() => {
				this.#draftTimer = null;
				if (!this.#destroyed) this.#sendDraftStatus();
			}, wait);
			return;
		}
		const socket = this.#socket;
		if (!socket) return;
		this.#draftLastAt = Date.now();
		const gen = this.#generation;
		const payload = { ...want };
		// A switch of activity while drafting: the server counts one per connection, so the new one replaces the old.
		(socket as unknown as LooseEmitter).timeout(ACK_TIMEOUT_MS).emit('draft:status', payload, (err, res) => {
			if (gen !== this.#generation) return;
			if (!err && res.ok) this.#draftSent = payload;
			this.#sendDraftStatus();
		});
	}

	/** Sends every queued command that is not already on its way, in order. */
	#flush() {
		this.#mergeStoredOutbox();
		for (const e of this.#outbox) if (!this.#inflight.has(e.key)) this.#emit(e);
	}

	#emit(entry: OutboxEntry) {
		const socket = this.#socket;
		if (!socket || !this.#ready) return;
		const gen = this.#generation;
		this.#inflight.add(entry.key);
		(socket as unknown as LooseEmitter).timeout(ACK_TIMEOUT_MS).emit(entry.name, { ...entry.payload, key: entry.key }, (err, res) => {
			if (gen !== this.#generation) return;
			this.#inflight.delete(entry.key);
			if (err) {
				// No ack in time on a live connection: send again with the same key (the server applies it once).
				if (this.#ready && this.#outbox.some((e) => e.key === entry.key)) this.#emit(entry);
				return;
			}
			this.#settle(entry, res);
		});
	}

	#settle(entry: OutboxEntry, res: Response<unknown>) {
		if (!res.ok && res.error === 'rate_limited') {
			const n = (this.#retries.get(entry.key) ?? 0) + 1;
			this.#retries.set(entry.key, n);
			if (n <= RATE_LIMIT_RETRIES) {
				this.#inflight.add(entry.key);
				const gen = this.#generation;
				this.#later(1000 * n + Math.random() * 1000, () => {
					this.#inflight.delete(entry.key);
					if (gen === this.#generation) this.#emit(entry);
				});
				return;
			}
		}
		this.#retries.delete(entry.key);
		if (!this.#outbox.some((e) => e.key === entry.key)) return;
		this.#outbox = this.#outbox.filter((e) => e.key !== entry.key);
		this.#store?.remove(entry.key);
		if (res.ok) this.#applyAck(entry, res.data);
		else {
			const text = typeof entry.payload.text === 'string' ? entry.payload.text : undefined;
			this.#lastError = { code: res.error as ErrorCode, command: entry.name, at: Date.now(), text };
		}
		const waiter = this.#waiters.get(entry.key);
		this.#waiters.delete(entry.key);
		waiter?.(res);
	}

	/** What an ack already tells about this person's own state (each module reads its own commands' acks). */
	#applyAck(entry: OutboxEntry, data: unknown) {
		if (!this.#applyAckTo(this.#slices, entry.name, data) && this.#unclaimed.length < MAX_UNCLAIMED) this.#unclaimed.push({ name: entry.name, data });
	}

	/** Applies an ack to these slices' parts of `me`; whether one of them read it. */
	#applyAckTo(slices: RoomSlice[], name: string, data: unknown): boolean {
		let me = this.#me;
		if (!me) return true;
		let read = false;
		for (const slice of slices) {
			const next: unknown = slice.applyAck?.(name, data, me.slices[slice.type]);
			if (next !== undefined) {
				me = { ...me, slices: { ...me.slices, [slice.type]: next } };
				read = true;
			}
		}
		this.#me = me;
		return read;
	}

	#end(reason: EndReason) {
		this.#ended = reason;
		if (reason === 'workshop_closed') return; // the board stays readable
		this.#socket?.disconnect();
		this.#closeDoc();
		// Nothing queued can reach a room that is gone; an erased person leaves nothing behind on the device either.
		for (const e of this.#outbox) this.#store?.remove(e.key);
		this.#outbox = [];
		if (reason === 'forgotten' || reason === 'workshop_deleted') forgetDrafts(this.workshopId);
		for (const [key, waiter] of this.#waiters) {
			waiter({ ok: false, error: 'unauthorized' });
			this.#waiters.delete(key);
		}
	}

	// ---- Yjs replica -----------------------------------------------------------------------------------------

	/**
	 * Opens a fresh replica for each connection. The server rebuilds a document from SQLite after a restart or an
	 * eviction, with new Yjs client ids; merging that into an old replica could keep stale values, so a read-only
	 * replica starts empty each time and replaces the previous state once it has synced.
	 */
	#openDoc() {
		if (this.#destroyed || (this.#ended && this.#ended !== 'workshop_closed')) return;
		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		awareness.setLocalState(null);
		const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
		const provider = new WebsocketProvider(`${proto}//${location.host}/yjs/${this.workshopId}`, this.audience, doc, {
			params: this.#projectorToken ? { projector: this.#projectorToken } : {},
			disableBc: true,
			awareness,
			resyncInterval: RESYNC_MS,
			maxBackoffTime: 10_000,
			shouldReconnect: (e) => !TERMINAL_CLOSE.has(e.code)
		});
		this.#provider = provider;
		let closed = false;
		provider.on('sync', (synced: boolean) => {
			if (synced && this.#provider === provider && this.#doc !== doc) this.#adopt(doc);
		});
		provider.on('connection-close', (event: CloseEvent | null) => {
			if (closed || this.#provider !== provider) return;
			closed = true;
			// Let y-websocket finish its own close handling before this provider is torn down.
			queueMicrotask(() => {
				if (this.#provider !== provider) return;
				this.#closeDoc();
				if (event && TERMINAL_CLOSE.has(event.code)) {
					if (this.role === 'projector') this.#end('revoked');
					return;
				}
				const delay = docRetryDelay(this.#docAttempts, Math.random());
				this.#docAttempts++;
				this.#later(delay, () => this.#openDoc());
			});
		});
	}

	#closeDoc() {
		const provider = this.#provider;
		const doc = this.#doc;
		this.#provider = null;
		this.#doc = null;
		this.#synced = false;
		if (provider) {
			provider.destroy();
			if (provider.doc !== doc) provider.doc.destroy();
		}
		doc?.destroy();
	}

	/** Makes a freshly synced replica the source of state and drops the previous one. */
	#adopt(doc: Y.Doc) {
		// For the projector's load benchmark (bench/micro/projector-load.ts): Yjs has applied the first sync.
		if (!this.#everSynced) performance.mark('plenum:replica-synced');
		const old = this.#doc;
		this.#doc = doc;
		old?.destroy();
		this.#docAttempts = 0;
		const meta = doc.getMap(CORE_MAPS.meta);
		const activities = doc.getMap<ActivityView>(CORE_MAPS.activities);
		let metaDirty = false;
		let activitiesDirty = false;
		meta.observe(() => (metaDirty = true));
		activities.observe(() => (activitiesDirty = true));
		const apply = (all: boolean) => {
			if (all || metaDirty) {
				this.#workshop = (meta.get('workshop') as WorkshopView | undefined) ?? this.#workshop;
				this.#timer = (meta.get('timer') as TimerState | undefined) ?? idleTimer;
			}
			if (all || activitiesDirty) this.#activities = byPosition([...activities.values()]);
			metaDirty = activitiesDirty = false;
		};
		// One recompute per transaction, however many keys it touched.
		doc.on('afterTransaction', () => {
			if (this.#doc === doc && (metaDirty || activitiesDirty)) apply(false);
		});
		apply(true);
		for (const slice of this.#slices) slice.adopt(doc);
		this.#synced = true;
		this.#everSynced = true;
	}
}

function safeStorage(): Storage | null {
	try {
		const s = window.localStorage;
		const probe = '__plenum_probe__';
		s.setItem(probe, '1');
		s.removeItem(probe);
		return s;
	} catch {
		return null;
	}
}

const ROOM_KEY = Symbol('plenum.room');

/** Makes a room available to the components below (per page, never a module singleton). */
export function setRoomContext(room: Room): Room {
	return setContext(ROOM_KEY, room);
}

/** The room set by an enclosing page. */
export function getRoomContext(): Room {
	const room = getContext<Room | undefined>(ROOM_KEY);
	if (!room) throw new Error('getRoomContext() outside a room page');
	return room;
}
