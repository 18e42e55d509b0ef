import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log';
import type { TextAuthor, TextRepo, TextWrite } from '../db/texts';
import { RateLimiter } from '../rate-limit';
import { MSG_TEXT_ACCESS, TEXT_CLOSE, TEXT_ENTITY_RE, TEXT_LIMITS, TEXT_ROOT, type TextAccessLevel } from '../../src/lib/protocol/texts';
import type { Identity } from './identity';
import { deletesKnown, inspectTextUpdate } from './text-update';
import { connectionOf, type YConnection, type YRoomAuth, type YServer, type YServerOptions, type YVerdict } from './yjs-server';

/** Who wrote: a facilitator's account or a participant's pseudonym (projectors never write). */
export interface TextActor {
	role: 'facilitator' | 'participant';
	id: string;
}

/**
 * What a module decides about its text documents. `access` is asked at every upgrade (null refuses it with 403
 * and loads nothing) and again by `recheck`; `written` is told who wrote, at most once per `writtenMs` per actor
 * and document, and once more after they stopped (for a participation event).
 */
export interface TextAccess {
	access(identity: Identity, workshopId: string, entity: string): TextAccessLevel | null;
	written?(workshopId: string, entity: string, actor: TextActor): void;
}

export interface TextDocsOptions {
	/** Updates are collected and written in one transaction this often. */
	flushMs?: number;
	/** The plain-text snapshot is written this long after a change (at most once per this period). */
	snapshotMs?: number;
	/** `written` is called at most once per this period per actor and document. */
	writtenMs?: number;
	/** More stored updates than this and the document is compacted into one. */
	compactAfter?: number;
	limits?: Partial<TextLimits>;
}

export type TextLimits = { [K in keyof typeof TEXT_LIMITS]: number };

/** What a text connection carries for a later recheck. */
interface TextConnInfo {
	identity: Identity;
	workshopId: string;
	entity: string;
	access: TextAccessLevel;
	/** Its person was erased: nothing more it sends is applied (it is being closed). */
	erased?: boolean;
}

/** A loaded text document's bookkeeping. */
interface DocState {
	name: string;
	workshopId: string;
	entity: string;
	doc: Y.Doc;
	/** Applied client updates not yet written. */
	pending: Uint8Array[];
	/** Rows in text_updates now. */
	stored: number;
	/** Whether its row in text_docs exists (it was stored before, or written since it was loaded). */
	rowKnown: boolean;
	/** Size of the encoded state: measured at load and compaction, plus every update since. */
	bytes: number;
	snapshotTimer: NodeJS.Timeout | null;
	snapshotDue: boolean;
	/** The next write replaces the stored updates by the document's encoding (after a failed write). */
	compactNext: boolean;
	/** Who wrote: each client id that created items here, and its person (`actorKey`), stored and new. */
	authors: Map<number, string>;
	/** Client ids seen since the last write, stored with the next one. */
	newAuthors: TextAuthor[];
}

const PREFIX = '/text/';

/** `<workshopId>/text/<entity>` */
export const textDocName = (workshopId: string, entity: string) => `${workshopId}${PREFIX}${entity}`;

function parseName(name: string): { workshopId: string; entity: string } | null {
	const i = name.indexOf(PREFIX);
	return i > 0 ? { workshopId: name.slice(0, i), entity: name.slice(i + PREFIX.length) } : null;
}

function accessFrame(level: TextAccessLevel): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MSG_TEXT_ACCESS);
	encoding.writeVarString(enc, level);
	return encoding.toUint8Array(enc);
}

const LOADED = Symbol('loaded from storage');

/** Documents written per turn of the event loop by the batch timer. */
const DOCS_PER_TURN = 8;
/** The origin of the server's own deletions when a person is erased (sent to every connection). */
const ERASED = Symbol('erased');

const actorKey = (a: { role: string; id: string }) => `${a.role}:${a.id}`;

/** The person behind an identity, as authors and `written` name them (a projector writes nothing). */
function actorOf(i: Identity): TextActor | null {
	if (i.role === 'facilitator') return { role: 'facilitator', id: i.userId };
	if (i.role === 'participant') return { role: 'participant', id: i.participantId };
	return null;
}

/**
 * Deletes, in one transaction with `origin`, every character of the root text that one of `clients` inserted
 * (whoever's text is around it stays, in its order). Returns how many characters (UTF-16 code units) went.
 * With the document's garbage collection on (the default), the deleted items keep their ids and lengths but no
 * content, so an encoding of the document afterwards holds none of it.
 */
export function eraseClients(doc: Y.Doc, clients: ReadonlySet<number>, origin: unknown): number {
	const ytext = doc.getText(TEXT_ROOT);
	const ranges: [index: number, length: number][] = [];
	let index = 0;
	for (let item = ytext._start; item !== null; item = item.right) {
		if (item.deleted || !item.countable) continue;
		if (clients.has(item.id.client)) {
			const last = ranges[ranges.length - 1];
			if (last && last[0] + last[1] === index) last[1] += item.length;
			else ranges.push([index, item.length]);
		}
		index += item.length;
	}
	if (ranges.length === 0) return 0;
	doc.transact(() => {
		// From the end, so that the earlier ranges' positions stay valid.
		for (let i = ranges.length - 1; i >= 0; i--) ytext.delete(ranges[i][0], ranges[i][1]);
	}, origin);
	return ranges.reduce((n, r) => n + r[1], 0);
}

/**
 * Co-edited plain-text documents on the Yjs server: access decided by a module at upgrade, every client update
 * inspected (plain text in the root `text` only, size caps, a rate limit) before it is applied, updates persisted
 * in batches and compacted, a debounced plain-text snapshot, and debounced `written` callbacks.
 * See "Co-edited text" in docs/ARCHITECTURE.md.
 */
export class TextDocs {
	/** Set by attachRealtime once the Yjs server exists. */
	yjs: YServer | null = null;
	readonly limits: TextLimits;
	private docs = new Map<string, DocState>();
	private rate: RateLimiter;
	private flushTimer: NodeJS.Timeout | null = null;
	/** Per actor and document: whether they wrote since the last `written` call, and the timer of the next. */
	private writers = new Map<string, { name: string; actor: TextActor; dirty: boolean; timer: NodeJS.Timeout }>();
	private opts: Required<Omit<TextDocsOptions, 'limits'>>;
	private closed = false;

	constructor(
		private store: { repo: TextRepo; sqlite: Database.Database; log: Logger },
		private access: TextAccess | undefined,
		opts: TextDocsOptions = {}
	) {
		this.limits = { ...TEXT_LIMITS, ...opts.limits };
		this.opts = { flushMs: 150, snapshotMs: 1000, writtenMs: 30_000, compactAfter: 50, ...opts };
		this.rate = new RateLimiter(this.limits.burst, this.limits.perSecond);
	}

	/** Whether a document name is a text document's. */
	static owns(docName: string): boolean {
		return docName.includes(PREFIX);
	}

	/**
	 * The Yjs server's hooks for a server that also holds other documents: text documents are handled here, the
	 * others by `loadOther` and the server's defaults (updates of read-only connections dropped).
	 */
	hooks(loadOther: (docName: string) => Y.Doc): Pick<YServerOptions, 'load' | 'accept' | 'unload'> {
		return {
			load: (name) => (TextDocs.owns(name) ? this.load(name) : loadOther(name)),
			accept: (conn, update, doc, step2) => (TextDocs.owns(conn.docName) ? this.accept(conn, update, doc, step2) : conn.auth.canWrite ? 'apply' : 'ignore'),
			unload: (name) => {
				if (TextDocs.owns(name)) this.unload(name);
			}
		};
	}

	/** The access level the module grants now (a projector at most reads: it is a screen, not a person). */
	private level(identity: Identity, workshopId: string, entity: string): TextAccessLevel | null {
		if (!this.access || identity.workshopId !== workshopId) return null;
		let level: TextAccessLevel | null;
		try {
			level = this.access.access(identity, workshopId, entity);
		} catch (e) {
			this.store.log.error({ err: e, workshop: workshopId, entity }, 'text access check failed');
			return null;
		}
		if (level !== 'write' && level !== 'read') return null;
		return identity.role === 'projector' ? 'read' : level;
	}

	/** Authorises an upgrade to `<workshopId>/text/<entity>` for an identity already resolved; null refuses it. */
	authorize(identity: Identity, workshopId: string, entity: string, tag: string): YRoomAuth | null {
		if (this.closed || !TEXT_ENTITY_RE.test(entity)) return null;
		const level = this.level(identity, workshopId, entity);
		if (!level) return null;
		const info: TextConnInfo = { identity, workshopId, entity, access: level };
		// Awareness is not relayed: y-websocket clients send on every awareness change they receive, others' states
		// included, which the room server's awareness check (one client id per connection) answers by closing them.
		return { docName: textDocName(workshopId, entity), canWrite: level === 'write', awareness: false, tag, hello: accessFrame(level), info };
	}

	/** A document as stored (the same structs and client ids as before: nothing is rebuilt), and its row count. */
	private stored(name: string): { doc: Y.Doc; rows: number } {
		const doc = new Y.Doc();
		doc.getText(TEXT_ROOT);
		const rows = this.store.repo.updates(name);
		if (rows.length > 0) Y.applyUpdate(doc, rows.length === 1 ? rows[0] : Y.mergeUpdates(rows), LOADED);
		return { doc, rows: rows.length };
	}

	/** Loads a document from its stored updates, with who wrote in it. */
	load(name: string): Y.Doc {
		const parsed = parseName(name);
		if (!parsed) throw new Error(`not a text document: ${name}`);
		const { doc, rows } = this.stored(name);
		const st: DocState = {
			name,
			...parsed,
			doc,
			pending: [],
			stored: rows,
			rowKnown: rows > 0,
			bytes: rows > 0 ? Y.encodeStateAsUpdate(doc).length : 0,
			snapshotTimer: null,
			snapshotDue: false,
			compactNext: false,
			authors: new Map(this.store.repo.authors(name).map((a) => [a.clientId, actorKey(a)])),
			newAuthors: []
		};
		this.docs.set(name, st);
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			const conn = connectionOf(origin);
			if (conn && this.docs.get(name) === st) this.onUpdate(st, update, conn);
		});
		return doc;
	}

	/** Decides about an update a client sent (see inspectTextUpdate for what plain text means here). */
	accept(conn: YConnection, update: Uint8Array, doc: Y.Doc, step2: boolean): YVerdict {
		const info = conn.auth.info as TextConnInfo;
		if (info.erased) return 'ignore';
		const L = this.limits;
		if (update.length > L.maxUpdateBytes) return { close: TEXT_CLOSE.tooLarge, reason: 'update too large' };
		if (!this.rate.take(`c${conn.id}`)) return { close: TEXT_CLOSE.rateLimited, reason: 'too many updates' };
		const ins = inspectTextUpdate(update, (client) => Y.getState(doc.store, client));
		if (info.access !== 'write') {
			// A reader's replica announces what it has in its sync step 2: fine while it holds nothing new.
			if (ins.ok && !ins.freshStructs && deletesKnown(ins.ds, doc)) return 'ignore';
			return { close: TEXT_CLOSE.forbidden, reason: step2 ? 'read-only: unsent edits refused' : 'read-only' };
		}
		if (!ins.ok) return { close: TEXT_CLOSE.refused, reason: `not plain text: ${ins.reason}` };
		if (!ins.freshStructs && ins.ds.clients.size === 0) return 'ignore';
		const st = this.docs.get(conn.docName);
		const actor = actorOf(info.identity);
		if (!st || st.doc !== doc || !actor) return { close: TEXT_CLOSE.forbidden, reason: 'not writable' };
		// A client id belongs to the person whose connection used it first: another person's structs under it are
		// forged (or a bug), and would escape that person's erasure.
		const key = actorKey(actor);
		for (const client of ins.freshClients) {
			const owner = st.authors.get(client);
			if (owner !== undefined && owner !== key) return { close: TEXT_CLOSE.refused, reason: 'client id of another writer' };
		}
		if (doc.getText(TEXT_ROOT).length + ins.addedChars > L.maxChars) return { close: TEXT_CLOSE.tooLarge, reason: 'text too long' };
		if (st.bytes + update.length > L.maxDocBytes) {
			// The estimate only grows between compactions: measure before refusing.
			st.bytes = Y.encodeStateAsUpdate(doc).length;
			if (st.bytes + update.length > L.maxDocBytes) return { close: TEXT_CLOSE.tooLarge, reason: 'document too large' };
		}
		for (const client of ins.freshClients) {
			if (st.authors.has(client)) continue;
			st.authors.set(client, key);
			st.newAuthors.push({ clientId: client, ...actor });
		}
		return 'apply';
	}

	private onUpdate(st: DocState, update: Uint8Array, conn: YConnection) {
		st.pending.push(update);
		st.bytes += update.length;
		if (!this.flushTimer) {
			this.flushTimer = setTimeout(() => this.flushInTurns(), this.opts.flushMs);
			this.flushTimer.unref();
		}
		if (!st.snapshotTimer) {
			st.snapshotTimer = setTimeout(() => {
				st.snapshotTimer = null;
				st.snapshotDue = true;
				// This document only (with its pending updates): not every loaded document once a second each.
				if (this.docs.get(st.name) === st) this.writeAll([st], false);
			}, this.opts.snapshotMs);
			st.snapshotTimer.unref();
		}
		const actor = actorOf((conn.auth.info as TextConnInfo).identity);
		if (actor) this.noteWriter(st, actor);
	}

	/** `written` at once for a new writer, then at most once per period while they keep writing, and once after. */
	private noteWriter(st: DocState, actor: TextActor) {
		if (!this.access?.written) return;
		const key = `${st.name}\n${actor.role}:${actor.id}`;
		const w = this.writers.get(key);
		if (w) {
			w.dirty = true;
			return;
		}
		const tick = () => {
			const cur = this.writers.get(key);
			if (!cur) return;
			if (!cur.dirty) return void this.writers.delete(key);
			cur.dirty = false;
			this.callWritten(cur.name, cur.actor);
			cur.timer = setTimeout(tick, this.opts.writtenMs);
			cur.timer.unref();
		};
		const timer = setTimeout(tick, this.opts.writtenMs);
		timer.unref();
		this.writers.set(key, { name: st.name, actor, dirty: false, timer });
		this.callWritten(st.name, actor);
	}

	private callWritten(name: string, actor: TextActor) {
		const p = parseName(name);
		if (!p) return;
		try {
			this.access?.written?.(p.workshopId, p.entity, actor);
		} catch (e) {
			this.store.log.error({ err: e, doc: name }, 'text written callback failed');
		}
	}

	/** One document's share of a batch (null if it has nothing to write). */
	private writeOf(st: DocState, compact: boolean): TextWrite | null {
		if (st.pending.length === 0 && !st.snapshotDue && !compact && !st.compactNext && st.newAuthors.length === 0) return null;
		const w: TextWrite = { name: st.name, workshopId: st.workshopId, update: null, bytes: st.bytes };
		if (st.newAuthors.length > 0) w.authors = st.newAuthors;
		if (!st.rowKnown) w.ensure = true;
		if (st.pending.length > 0) w.update = st.pending.length === 1 ? st.pending[0] : Y.mergeUpdates(st.pending);
		const rows = st.stored + (w.update ? 1 : 0);
		if (st.compactNext || rows > this.opts.compactAfter || (compact && rows > 1)) {
			// The document's own encoding rather than merging the rows: deleted text is garbage-collected in it, so
			// the stored state shrinks and keeps no text anyone deleted.
			w.compacted = Y.encodeStateAsUpdate(st.doc);
			w.bytes = st.bytes = w.compacted.length;
		}
		if (st.snapshotDue || compact) w.snapshot = st.doc.getText(TEXT_ROOT).toString();
		return w;
	}

	/** Writes one batch: every document with something to write, in one transaction (one savepoint each). */
	private writeAll(states: DocState[], compact: boolean) {
		const work = states.flatMap((st) => {
			const w = st.doc.isDestroyed ? null : this.writeOf(st, compact);
			return w ? [{ st, w }] : [];
		});
		if (work.length === 0) return;
		const now = Date.now();
		const { repo, sqlite, log } = this.store;
		sqlite.transaction(() => {
			for (const { st, w } of work) {
				try {
					sqlite.transaction(() => repo.write(w, now))();
					st.stored = w.compacted ? 1 : st.stored + (w.update ? 1 : 0);
					st.rowKnown = true;
					st.compactNext = false;
					st.newAuthors = [];
				} catch (e) {
					// Its workshop is gone, or the disk refused: the document in memory still has everything, so its next
					// write stores its whole encoding instead of the batch.
					log.warn({ err: String(e).slice(0, 200), doc: st.name }, 'text document write failed');
					st.compactNext = true;
				}
				st.pending = [];
				if (w.snapshot !== undefined) st.snapshotDue = false;
			}
		})();
	}

	/** Writes what is pending now, all at once (shutdown, tests). */
	flush() {
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		this.writeAll([...this.docs.values()], false);
	}

	/**
	 * The batch timer's write: the documents with something to write, a few per turn of the event loop (one
	 * transaction each turn), so that edits arriving meanwhile wait for a few documents' writes, not for forty.
	 */
	private flushInTurns() {
		this.flushTimer = null;
		const due = [...this.docs.values()].filter((st) => st.pending.length > 0 || st.snapshotDue || st.newAuthors.length > 0 || st.compactNext);
		const turn = (from: number) => {
			if (this.closed) return;
			this.writeAll(due.slice(from, from + DOCS_PER_TURN).filter((st) => this.docs.get(st.name) === st), false);
			if (from + DOCS_PER_TURN < due.length) setImmediate(turn, from + DOCS_PER_TURN);
		};
		turn(0);
	}

	/** A document leaves memory: write it, compacted, with its snapshot. */
	private unload(name: string) {
		const st = this.docs.get(name);
		if (!st) return;
		this.docs.delete(name);
		if (st.snapshotTimer) clearTimeout(st.snapshotTimer);
		if (st.pending.length > 0 || st.snapshotTimer || st.snapshotDue) st.snapshotDue = true;
		this.writeAll([st], true);
	}

	/**
	 * Asks `access` again for every open connection of a workshop's text documents (those whose entity starts with
	 * `entityPrefix`): a connection that lost access is closed (4403); one whose access changed between read and
	 * write is closed with 4501, so that its client reconnects and is authorised anew.
	 */
	recheck(workshopId: string, entityPrefix = '') {
		const prefix = textDocName(workshopId, entityPrefix);
		for (const conn of this.yjs?.connections((n) => n.startsWith(prefix)) ?? []) {
			const info = conn.auth.info as TextConnInfo;
			const level = this.level(info.identity, info.workshopId, info.entity);
			if (level === null) conn.close(TEXT_CLOSE.forbidden, 'access withdrawn');
			else if (level !== info.access) conn.close(TEXT_CLOSE.reauthorize, 'access changed');
		}
	}

	/** Drops loaded documents of a workshop (entity prefix) after writing them, closing their connections. */
	drop(workshopId: string, entityPrefix = '', code: number = TEXT_CLOSE.forbidden) {
		const prefix = textDocName(workshopId, entityPrefix);
		this.yjs?.dropDocs((n) => n.startsWith(prefix), code);
	}

	/**
	 * Forgets a workshop's text documents whose entity starts with `entityPrefix` (a module removed the item, or the
	 * workshop was deleted): connections closed, nothing pending written, stored rows deleted. Returns how many rows.
	 */
	forget(workshopId: string, entityPrefix = ''): number {
		const prefix = textDocName(workshopId, entityPrefix);
		for (const [name, st] of this.docs) {
			if (!name.startsWith(prefix)) continue;
			this.docs.delete(name);
			if (st.snapshotTimer) clearTimeout(st.snapshotTimer);
		}
		for (const [key, w] of this.writers) {
			if (!w.name.startsWith(prefix)) continue;
			clearTimeout(w.timer);
			this.writers.delete(key);
		}
		this.yjs?.dropDocs((n) => n.startsWith(prefix), TEXT_CLOSE.forbidden);
		return this.store.repo.forget(workshopId, entityPrefix);
	}

	/**
	 * Erases what a person wrote in a workshop's text documents (their "erase my data"): their connections are closed
	 * and nothing more they send is applied; in every document where they have client ids (loaded, or read from
	 * storage), every character those client ids inserted is deleted in one transaction (sent to the connected
	 * editors), the document is stored compacted (its stored updates replaced by one encoding, which holds no
	 * deleted content), its snapshot rewritten, and their client ids forgotten. Synchronous, in one transaction (a
	 * savepoint inside the caller's); throws if storage refuses, and the caller's transaction rolls back.
	 * Returns how many documents and characters.
	 */
	eraseAuthor(workshopId: string, actor: TextActor): { documents: number; chars: number } {
		const key = actorKey(actor);
		const prefix = textDocName(workshopId, '');
		for (const conn of this.yjs?.connections((n) => n.startsWith(prefix)) ?? []) {
			const info = conn.auth.info as TextConnInfo;
			const a = actorOf(info.identity);
			if (!a || actorKey(a) !== key) continue;
			info.erased = true;
			conn.close(TEXT_CLOSE.forbidden, 'erased');
		}
		// No `written` call for them any more (the module would log participation of someone erased).
		for (const [k, w] of this.writers) {
			if (!w.name.startsWith(prefix) || actorKey(w.actor) !== key) continue;
			clearTimeout(w.timer);
			this.writers.delete(k);
		}
		const names = new Set(this.store.repo.authoredBy(workshopId, actor));
		for (const [name, st] of this.docs) if (name.startsWith(prefix) && [...st.authors.values()].includes(key)) names.add(name);
		let chars = 0;
		const now = Date.now();
		this.store.sqlite.transaction(() => {
			for (const name of names) chars += this.eraseIn(name, workshopId, actor, now);
		})();
		if (names.size > 0) this.store.log.info({ workshop: workshopId, documents: names.size, chars }, 'text erased for a person');
		return { documents: names.size, chars };
	}

	/** One document's share of eraseAuthor. */
	private eraseIn(name: string, workshopId: string, actor: TextActor, now: number): number {
		const key = actorKey(actor);
		const st = this.docs.get(name);
		const live = st && !st.doc.isDestroyed ? st : null;
		const doc = live ? live.doc : this.stored(name).doc;
		try {
			const owned = live ? [...live.authors].filter(([, k]) => k === key).map(([c]) => c) : this.store.repo.authors(name).filter((a) => actorKey(a) === key).map((a) => a.clientId);
			const clients = new Set(owned);
			const chars = eraseClients(doc, clients, ERASED);
			// Always rewritten, even with nothing of theirs left to delete: older stored updates may still hold text of
			// theirs that someone else deleted since.
			const compacted = Y.encodeStateAsUpdate(doc);
			const others = live ? live.newAuthors.filter((a) => !clients.has(a.clientId)) : [];
			if (live) live.compactNext = true;
			this.store.repo.write({ name, workshopId, update: null, compacted, snapshot: doc.getText(TEXT_ROOT).toString(), bytes: compacted.length, authors: others }, now);
			this.store.repo.forgetAuthor(name, actor);
			if (live) {
				// The stored state is the document's now: what was pending is in it.
				for (const c of clients) live.authors.delete(c);
				Object.assign(live, { pending: [], stored: 1, bytes: compacted.length, snapshotDue: false, compactNext: false, newAuthors: [] });
				if (live.snapshotTimer) clearTimeout(live.snapshotTimer);
				live.snapshotTimer = null;
				// A client arriving now gets the document as it is, not a cached encoding from before.
				this.yjs?.reencode(name);
			}
			return chars;
		} finally {
			if (!live) doc.destroy();
		}
	}

	/** The text now: the live document's if it is loaded, else the last snapshot. */
	text(workshopId: string, entity: string): string {
		const st = this.docs.get(textDocName(workshopId, entity));
		return st ? st.doc.getText(TEXT_ROOT).toString() : this.store.repo.snapshot(textDocName(workshopId, entity));
	}

	/** The text now of a workshop's loaded documents whose entity starts with `entityPrefix`, by entity. */
	loadedTexts(workshopId: string, entityPrefix = ''): Map<string, string> {
		const prefix = textDocName(workshopId, entityPrefix);
		const base = textDocName(workshopId, '').length;
		const out = new Map<string, string>();
		for (const [name, st] of this.docs) if (name.startsWith(prefix)) out.set(name.slice(base), st.doc.getText(TEXT_ROOT).toString());
		return out;
	}

	/** Loaded text documents now. */
	get loadedCount() {
		return this.docs.size;
	}

	/**
	 * Shutdown, after the Yjs server closed (which wrote every loaded document): stops the timers and tells
	 * `written` about everyone who wrote since its last call.
	 */
	close() {
		this.closed = true;
		this.flush();
		for (const st of this.docs.values()) if (st.snapshotTimer) clearTimeout(st.snapshotTimer);
		for (const w of this.writers.values()) {
			clearTimeout(w.timer);
			if (w.dirty) this.callWritten(w.name, w.actor);
		}
		this.writers.clear();
	}
}
