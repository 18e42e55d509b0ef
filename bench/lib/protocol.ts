import type { HistogramData } from './hist';
import type { Traffic } from './clients';

/** One scheduled send of the open-loop load (absolute wall-clock time in `at`). */
export interface Task {
	idx: number;
	at: number;
	seq: number;
	/**
	 * `tedit`: insert the text (with its marker) at a random place of the client's co-edited text. `cmd`: any command,
	 * `name` with `payload` (the worker adds the idempotency key), for modules without a kind of their own here.
	 */
	kind: 'vote' | 'card' | 'edit' | 'relay' | 'tedit' | 'cmd';
	name?: string;
	payload?: Record<string, unknown>;
	boardId?: string;
	itemId?: string;
	room?: string;
	text?: string;
	/** Send the same command again with the same key after the ack. */
	dupe?: boolean;
	/** Remember the created card as this client's own (for later edits). */
	keepAsOwn?: boolean;
	/** Send the text as it is, without a latency marker (the demo). */
	plain?: boolean;
}

export interface TaskResult {
	seq: number;
	idx?: number;
	ok: boolean;
	at: number;
	ackAt?: number;
	error?: string;
	key?: string;
	id?: string;
	attempts?: number;
	dupe?: string;
}

export interface JoinResult {
	joined: number;
	failed: { idx: number; reason: string }[];
	ready: HistogramData;
	phases: Record<string, HistogramData>;
}

export interface OpArgs {
	'plenum.join': {
		group: string;
		url: string;
		code: string;
		workshopId: string;
		items: { idx: number; at?: number; nickname?: string }[];
		yjs: 'thin' | 'full' | 'none';
		fullEvery: number;
		retry: boolean;
		deadlineMs: number;
		concurrency: number;
		reconnection?: boolean;
	};
	'plenum.projector': { group: string; url: string; workshopId: string; token: string; idx: number; yjs: 'thin' | 'full' | 'none'; reconnection?: boolean };
	'bare.connect': {
		group: string;
		url: string;
		/** `at`: the scheduled time of the connect (open loop, latency from it), as the join storm's phones. */
		items: { idx: number; rooms: string[]; yjsRoom?: string; projector?: boolean; at?: number }[];
		socket: boolean;
		yjs: 'thin' | 'full';
		fullEvery: number;
		concurrency: number;
	};
	'text.connect': { group: string; kind: 'plenum' | 'bare'; url: string; items: { idx: number; workshopId: string; entity: string; cookie?: string }[]; concurrency: number };
	'verify.texts': { group: string };
	'sync.time': { url: string; path: string; room: string; cookie?: string; params?: Record<string, string>; count: number; idx: number };
	'observe.start': { group: string; from: number; to: number; tallies: boolean };
	'observe.stop': { group: string; tallies: boolean; expect?: number[] };
	send: { group: string; tasks: Task[]; ackTimeoutMs: number; retry: boolean; deadlineMs: number };
	'verify.cards': { group: string; expected: string[] };
	'resync.status': { group: string; since: number };
	/**
	 * Watches one map of every full replica of a group from `since` until it equals `expect` exactly (key to the
	 * values of `fields`, joined with "|"): the time each replica first shows it, and the Yjs updates it took.
	 */
	'grid.watch': { group: string; map: string; fields: string[]; expect: Record<string, string>; since: number };
	/** Waits (at most `waitMs`) until every watched replica shows the expected map, stops, and compares each with `final`. */
	'grid.stop': { group: string; waitMs: number; final: Record<string, string> };
	'window.start': Record<string, never>;
	'window.stop': Record<string, never>;
	close: { group: string };
}

export interface OpResult {
	'plenum.join': JoinResult;
	'plenum.projector': { ok: true };
	'bare.connect': JoinResult;
	'text.connect': JoinResult;
	/** Per client: its text document and a hash of the text it holds. */
	'verify.texts': { texts: { idx: number; doc: string; hash: string; length: number }[] };
	'sync.time': { hist: HistogramData; bytes: number };
	'observe.start': { ok: true };
	'observe.stop': {
		seen: number;
		hist: HistogramData;
		tallies: { idx: number; projector: boolean; log: [number, number | Record<string, number>][] }[];
		observers: number;
		complete: number;
		clients: number;
	};
	send: { ack: HistogramData; late: HistogramData; results: TaskResult[] };
	'verify.cards': { full: number; match: number; mismatches: string[] };
	'grid.watch': { watched: number; already: number };
	'grid.stop': { hist: HistogramData; updates: HistogramData; watched: number; shown: number; final: number; mismatches: string[] };
	'resync.status': { times: number[]; phases: { connect: number[]; hello: number[]; yjs: number[] }; notResynced: number; reconnected: number; reconnectErrors: Record<string, number> };
	'window.start': { ok: true };
	'window.stop': { cpuCores: number; loopP99Ms: number; seconds: number; traffic: Record<string, Traffic>; rssBytes: number };
	close: { ok: true };
}

export type Op = keyof OpArgs;
