import { getContext, setContext } from 'svelte';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { idleTimer, timerRemaining, type TimerState } from '../domain/timer';
import {
	DOC_MAPS,
	cardViewFromDoc,
	type StoredCardView,
	type BoardView,
	type CardView,
	type ClientToServerEvents,
	type ClusterView,
	type CommandResults,
	type DocAudience,
	type ErrorCode,
	type HandshakeAuth,
	type HelloData,
	type MeState,
	type PresenceView,
	type Response,
	type Role,
	type ServerToClientEvents,
	type WorkshopView
} from '../protocol/events';
import type { CommandName, CommandPayload } from '../protocol/schemas';
import { forgetDrafts } from './drafts.svelte';
import { newKey, OutboxStore, type KeyedCommand, type OutboxEntry, type QueryCommand } from './outbox';
import { sortByPosition } from '../features/board/board-model';
import { docRetryDelay, RESYNC_MS, SOCKET_RECONNECT } from './reconnect';

export type RoomStatus = 'connecting' | 'online' | 'offline';
/**
 * Why the room stopped: the workshop closed (still readable), was deleted, the projector link was replaced, the
 * participant erased their data, or the identity is not accepted any more.
 */
export type EndReason = 'workshop_closed' | 'workshop_deleted' | 'revoked' | 'forgotten' | 'unauthorized';
/** Every command a page may send; read-only queries among them are passed through, never queued. */
export type SendableCommand = Exclude<CommandName, 'session:hello'>;
/** A command's payload as callers write it: the outbox adds the idempotency key. */
export type CommandInput<C extends SendableCommand> = Omit<CommandPayload<C>, 'key'>;

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
	#boards = $state.raw<BoardView[]>([]);
	#allCards = $state.raw<CardView[]>([]);
	#allClusters = $state.raw<ClusterView[]>([]);
	#tallies = $state.raw<Record<string, Record<string, number>>>({});
	#me = $state.raw<MeState | null>(null);
	#presence = $state.raw<PresenceView>({ participants: 0 });
	#drafts = $state.raw<Record<string, number>>({});
	/** What this device wants the server to know about its composer, and what the server last acknowledged. */
	#draftWanted: { boardId: string; drafting: boolean } | null = null;
	#draftSent: { boardId: string; drafting: boolean } | null = null;
	#draftLastAt = 0;
	#draftTimer: ReturnType<typeof setTimeout> | null = null;
	#serverOffset = $state(0);
	#outbox = $state.raw<OutboxEntry[]>([]);
	#lastError = $state.raw<RoomError | null>(null);
	#ended = $state<EndReason | null>(null);

	#activeBoard = $derived.by(() => {
		const id = this.#workshop?.activeBoardId;
		return this.#boards.find((b) => b.id === id) ?? this.#boards[0] ?? null;
	});
	#cards = $derived.by(() => {
		const id = this.#activeBoard?.id;
		return id ? this.#allCards.filter((c) => c.boardId === id) : [];
	});
	#clusters = $derived.by(() => {
		const id = this.#activeBoard?.id;
		return id ? this.#allClusters.filter((c) => c.boardId === id) : [];
	});

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
	#cardMap = new Map<string, CardView>();
	#clusterMap = new Map<string, ClusterView>();
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
	get boards() {
		return this.#boards;
	}
	get activeBoard() {
		return this.#activeBoard;
	}
	/** The active board's cards, by position. */
	get cards() {
		return this.#cards;
	}
	/** The active board's clusters, by position. */
	get clusters() {
		return this.#clusters;
	}
	/** Every board's cards, by position. */
	get allCards() {
		return this.#allCards;
	}
	get allClusters() {
		return this.#allClusters;
	}
	/** Vote counts per board; for the room they arrive only while counts are visible. */
	get tallies() {
		return this.#tallies;
	}
	/** The active board's vote counts. */
	get tally(): Record<string, number> {
		const id = this.#activeBoard?.id;
		return (id && this.#tallies[id]) || {};
	}
	get me() {
		return this.#me;
	}
	get presence() {
		return this.#presence;
	}
	/** Facilitators: per board, how many participants have unsent text in their composer. */
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
	send<C extends SendableCommand>(name: C, payload: CommandInput<C>): Promise<Response<CommandResults[C]>> {
		if (name === 'me:data') return this.query('me:data') as Promise<Response<CommandResults[C]>>;
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
		const promise = new Promise<Response<CommandResults[C]>>((resolve) => this.#waiters.set(entry.key, resolve as (r: Response<unknown>) => void));
		if (this.#ready) this.#emit(entry);
		return promise;
	}

	/** Asks the server something that changes nothing (never queued): answers only while connected. */
	query<C extends Exclude<QueryCommand, 'session:hello'>>(name: C): Promise<Response<CommandResults[C]>> {
		const socket = this.#socket;
		if (!socket || !this.#ready) return Promise.resolve({ ok: false, error: 'internal' });
		return new Promise((resolve) => {
			(socket as unknown as LooseEmitter).timeout(ACK_TIMEOUT_MS).emit(name, {}, (err, res) => {
				resolve(err ? { ok: false, error: 'internal' } : (res as Response<CommandResults[C]>));
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
			this.#tallies = { ...this.#tallies, [t.boardId]: t.counts };
		});
		socket.on('presence', (p) => {
			this.#presence = p;
		});
		socket.on('me', (m) => {
			this.#me = m;
		});
		socket.on('draft:counts', (d) => {
			this.#drafts = d.counts;
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
	setDrafting(boardId: string, drafting: boolean) {
		if (this.role !== 'participant') return;
		this.#draftWanted = { boardId, drafting };
		this.#sendDraftStatus();
	}

	#sendDraftStatus() {
		const want = this.#draftWanted;
		const sent = this.#draftSent;
		if (!want || this.#draftTimer || !this.#ready || this.#ended) return;
		// Nothing to say: the server already knows, or never heard of text that is gone again.
		if (sent ? sent.boardId === want.boardId && sent.drafting === want.drafting : !want.drafting) return;
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
		// A board switch while drafting: the server counts one board per connection, so the new one replaces the old.
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
			this.#lastError = { code: res.error, command: entry.name, at: Date.now(), text };
		}
		const waiter = this.#waiters.get(entry.key);
		this.#waiters.delete(entry.key);
		waiter?.(res);
	}

	/** What an ack already tells about this person's own state, so it shows before the next `me` push. */
	#applyAck(entry: OutboxEntry, data: unknown) {
		const me = this.#me;
		if (!me) return;
		switch (entry.name) {
			case 'card:create':
			case 'card:update': {
				const card = (data as { card: CardView }).card;
				const cards = me.cards.some((c) => c.id === card.id) ? me.cards.map((c) => (c.id === card.id ? card : c)) : [...me.cards, card];
				this.#me = { ...me, cards };
				return;
			}
			case 'card:delete': {
				const id = (data as { cardId: string }).cardId;
				this.#me = { ...me, cards: me.cards.filter((c) => c.id !== id) };
				return;
			}
			case 'vote:cast': {
				const v = data as CommandResults['vote:cast'];
				this.#me = { ...me, votes: { ...me.votes, [v.boardId]: { ...(me.votes[v.boardId] ?? {}), [v.itemId]: v.count } } };
				return;
			}
		}
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
		const old = this.#doc;
		this.#doc = doc;
		old?.destroy();
		this.#docAttempts = 0;
		const meta = doc.getMap(DOC_MAPS.meta);
		const boards = doc.getMap<BoardView>(DOC_MAPS.boards);
		const cards = doc.getMap<StoredCardView>(DOC_MAPS.cards);
		const clusters = doc.getMap<ClusterView>(DOC_MAPS.clusters);
		let metaDirty = false;
		let boardsDirty = false;
		const cardKeys = new Set<string>();
		const clusterKeys = new Set<string>();
		meta.observe(() => (metaDirty = true));
		boards.observe(() => (boardsDirty = true));
		cards.observe((e) => {
			for (const k of e.keysChanged) cardKeys.add(k);
		});
		clusters.observe((e) => {
			for (const k of e.keysChanged) clusterKeys.add(k);
		});
		const apply = (all: boolean) => {
			if (all || metaDirty) {
				this.#workshop = (meta.get('workshop') as WorkshopView | undefined) ?? this.#workshop;
				this.#timer = (meta.get('timer') as TimerState | undefined) ?? idleTimer;
			}
			if (all || boardsDirty) this.#boards = [...boards.values()];
			if (all) {
				this.#cardMap = new Map([...cards.entries()].map(([k, v]) => [k, cardViewFromDoc(v)]));
				this.#clusterMap = new Map(clusters.entries());
			}
			if (all || cardKeys.size) {
				for (const k of cardKeys) {
					const v = cards.get(k);
					if (v) this.#cardMap.set(k, cardViewFromDoc(v));
					else this.#cardMap.delete(k);
				}
				this.#allCards = sortByPosition([...this.#cardMap.values()]);
			}
			if (all || clusterKeys.size) {
				for (const k of clusterKeys) {
					const v = clusters.get(k);
					if (v) this.#clusterMap.set(k, v);
					else this.#clusterMap.delete(k);
				}
				this.#allClusters = sortByPosition([...this.#clusterMap.values()]);
			}
			metaDirty = boardsDirty = false;
			cardKeys.clear();
			clusterKeys.clear();
		};
		// One recompute per transaction, however many keys it touched.
		doc.on('afterTransaction', () => {
			if (this.#doc === doc && (metaDirty || boardsDirty || cardKeys.size || clusterKeys.size)) apply(false);
		});
		apply(true);
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
