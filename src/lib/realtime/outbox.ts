import type { CommandName } from '../protocol/commands';

/** Commands that only read (no idempotency key, never queued). */
export type QueryCommand = 'session:hello' | 'me:data' | 'people:list';
/** Every command that writes and so carries an idempotency key. */
export type KeyedCommand = Exclude<CommandName, QueryCommand>;

/** A command written but not yet acknowledged by the server. */
export interface OutboxEntry {
	key: string;
	name: KeyedCommand;
	payload: Record<string, unknown>;
	/** Order of sending: the outbox is replayed in this order after a reconnect. */
	seq: number;
	at: number;
}

const QUERIES = new Set<string>(['session:hello', 'me:data']);
const KEY_RE = /^[A-Za-z0-9_-]{8,64}$/;
/** Entries older than this are dropped on load: the room they were meant for has long moved on. */
const MAX_AGE_MS = 3 * 24 * 3600 * 1000;

/** A random idempotency key (22 characters of base64url); works outside secure contexts too. */
export function newKey(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The outbox as kept in localStorage: one item per entry (so two tabs never overwrite each other's list), under
 * a prefix per workshop and role. Storage failures (private mode, quota) degrade to memory only.
 */
export class OutboxStore {
	constructor(
		private storage: Storage | null,
		private prefix: string
	) {}

	/** All stored entries, oldest first. */
	load(now = Date.now()): OutboxEntry[] {
		const s = this.storage;
		if (!s) return [];
		const out: OutboxEntry[] = [];
		const stale: string[] = [];
		try {
			for (let i = 0; i < s.length; i++) {
				const k = s.key(i);
				if (!k || !k.startsWith(this.prefix)) continue;
				const e = parseEntry(s.getItem(k));
				if (e && now - e.at < MAX_AGE_MS) out.push(e);
				else stale.push(k);
			}
			for (const k of stale) s.removeItem(k);
		} catch {
			return out;
		}
		return out.sort((a, b) => a.seq - b.seq);
	}

	put(e: OutboxEntry) {
		try {
			this.storage?.setItem(this.prefix + e.key, JSON.stringify(e));
		} catch {
			/* memory only */
		}
	}

	remove(key: string) {
		try {
			this.storage?.removeItem(this.prefix + key);
		} catch {
			/* nothing to do */
		}
	}
}

function parseEntry(raw: string | null): OutboxEntry | null {
	if (!raw) return null;
	try {
		const e = JSON.parse(raw) as Partial<OutboxEntry>;
		if (typeof e.key !== 'string' || !KEY_RE.test(e.key)) return null;
		if (typeof e.name !== 'string' || QUERIES.has(e.name)) return null;
		if (!e.payload || typeof e.payload !== 'object') return null;
		if (typeof e.seq !== 'number' || typeof e.at !== 'number') return null;
		return e as OutboxEntry;
	} catch {
		return null;
	}
}
