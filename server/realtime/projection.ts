import * as Y from 'yjs';
import type { Server } from 'socket.io';
import type { ActivityView } from '../../src/lib/activities/spec';
import { workshopView, type DocAudience, type MeState } from '../../src/lib/protocol/events';
import { CORE_MAPS } from '../../src/lib/protocol/events';
import type { Deps } from '../deps';
import type { ActivityRow } from '../db/activities';
import { parseTimer, type WorkshopRow } from '../db/workshops';
import { Dirty } from './dirty';
import type { DocMap } from './modules';
import { PHONE_SLICES, rooms } from './rooms';

/** The projection's view of the Yjs side: the documents currently loaded (null when nobody holds one). */
export interface DocHost {
	loaded(workshopId: string, audience: DocAudience): Y.Doc | null;
	/** Connections on a workshop's documents now. */
	connections(workshopId: string): number;
}

export const SERVER_ORIGIN = 'server';
const DOC_FLUSH_MS = 15;
/**
 * A flush costs one frame (one write syscall, about 15 us) per connection, so big rooms batch longer and the cost
 * stays near 10,000 frames a second however big the room: 1,000 phones flush every 100 ms, 150 every 15 ms.
 */
const flushDelay = (connections: number) => Math.min(100, Math.max(DOC_FLUSH_MS, Math.round(connections / 10)));
const TALLY_FAST_MS = 50;
/**
 * Phones get tallies at most every 100 ms, less often in big rooms: each round is one frame per phone, so 1,000
 * phones every 100 ms were 10,000 frames a second during a vote burst. At 250 ms the final tally still reaches
 * every phone well within half a second of the last vote.
 */
const talliesToPhonesEvery = (connections: number) => Math.min(250, Math.max(100, Math.round(connections / 4)));

/**
 * Projects SQLite state into the room's Y.Docs and pushes tallies and personal state over socket.io. The core
 * writes the workshop (`meta`) and the activity list (`activities`); each module writes its own maps (its
 * `project`), its tally source and its slice of a participant's own state. Changes are collected per workshop and
 * flushed once per tick (15 ms, longer in rooms with hundreds of connections): one Yjs transaction per document,
 * so one broadcast per tick however many commands arrived. Tallies go to facilitators and the projector at most
 * every 50 ms and to phones at most every 100 ms (250 ms in rooms of 1,000).
 */
export class Projection {
	private pending = new Map<string, Dirty>();
	private flushTimers = new Map<string, NodeJS.Timeout>();
	private tallyPending = new Map<string, { fast: Set<string>; slow: Set<string>; fastTimer?: NodeJS.Timeout; slowTimer?: NodeJS.Timeout; lastFast: number; lastSlow: number }>();
	private names = new Map<string, Map<string, string>>();
	private lastJson = new WeakMap<Y.Doc, Map<string, string>>();
	io: Server | null = null;
	docs: DocHost | null = null;

	constructor(private deps: Deps) {}

	/** Records what a committed command changed and schedules a flush. */
	markDirty(workshopId: string, d: Dirty) {
		if (d.empty) return;
		if (d.tallies.size) this.markTallies(workshopId, d.tallies);
		let p = this.pending.get(workshopId);
		if (!p) this.pending.set(workshopId, (p = new Dirty()));
		p.merge(d);
		if (!this.flushTimers.has(workshopId))
			this.flushTimers.set(workshopId, setTimeout(() => this.flush(workshopId), flushDelay(this.docs?.connections(workshopId) ?? 0)));
	}

	/** Applies everything pending for a workshop now. */
	flush(workshopId: string) {
		clearTimeout(this.flushTimers.get(workshopId));
		this.flushTimers.delete(workshopId);
		const d = this.pending.get(workshopId);
		this.pending.delete(workshopId);
		if (!d) return;
		const w = this.deps.repos.workshops.get(workshopId);
		if (!w) return;
		// The workshop's activities are read once for both documents.
		let all: ActivityRow[] | null = null;
		for (const audience of ['public', 'staff'] as const) {
			const doc = this.docs?.loaded(workshopId, audience);
			if (doc) this.applyToDoc(doc, w, audience, d, (all ??= this.deps.repos.activities.of(w.id)));
		}
		for (const [pid, known] of d.me) this.pushMe(w, pid, known);
	}

	/** Flushes every workshop (graceful shutdown, tests). */
	flushAll() {
		for (const id of [...this.pending.keys()]) this.flush(id);
		for (const [id, t] of this.tallyPending) {
			clearTimeout(t.fastTimer);
			clearTimeout(t.slowTimer);
			this.emitTallies(id, t.fast, 'fast');
			this.emitTallies(id, t.slow, 'slow');
		}
		this.tallyPending.clear();
	}

	/** Builds a workshop's document from SQLite (on first connection, or after eviction). */
	buildDoc(workshopId: string, audience: DocAudience): Y.Doc {
		const doc = new Y.Doc({ gc: true });
		const w = this.deps.repos.workshops.get(workshopId);
		if (!w) return doc;
		const d = new Dirty();
		d.meta = true;
		for (const a of this.deps.repos.activities.of(workshopId)) {
			d.activities.add(a.id);
			d.full.add(a.id);
		}
		this.applyToDoc(doc, w, audience, d, this.deps.repos.activities.of(w.id));
		return doc;
	}

	private applyToDoc(doc: Y.Doc, w: WorkshopRow, audience: DocAudience, d: Dirty, all: ActivityRow[]) {
		let cache = this.lastJson.get(doc);
		if (!cache) this.lastJson.set(doc, (cache = new Map()));
		const c = cache;
		const maps = new Map<string, DocMap>();
		// A map's values are replaced whole, and only when their JSON changed (one comparison instead of a Yjs write).
		const map = (name: string): DocMap => {
			let m = maps.get(name);
			if (m) return m;
			const y = doc.getMap(name);
			m = {
				set(key, value) {
					const json = JSON.stringify(value);
					const ck = `${name}/${key}`;
					if (c.get(ck) === json) return;
					c.set(ck, json);
					y.set(key, value);
				},
				delete(key) {
					c.delete(`${name}/${key}`);
					if (y.has(key)) y.delete(key);
				},
				get: (key) => y.get(key),
				keys: () => [...y.keys()]
			};
			maps.set(name, m);
			return m;
		};
		doc.transact(() => {
			if (d.meta) {
				const meta = map(CORE_MAPS.meta);
				meta.set('workshop', workshopView(w));
				meta.set('timer', parseTimer(w.timer));
			}
			if (d.activities.size) {
				const list = map(CORE_MAPS.activities);
				const byId = new Map(all.map((a) => [a.id, a]));
				for (const id of d.activities) {
					const a = byId.get(id);
					if (a) list.set(id, activityView(a));
					else list.delete(id);
				}
			}
			for (const mod of this.deps.modules.all()) {
				mod.project({
					deps: this.deps,
					workshop: w,
					audience,
					dirty: d,
					activities: all.filter((a) => a.type === mod.spec.type),
					map,
					names: (authors) => this.namesFor(w.id, authors)
				});
			}
		}, SERVER_ORIGIN);
	}

	/** Author names, cached per workshop (a rename or removal drops its entry, see `forgetName`). */
	private namesFor(workshopId: string, authors: { authorId: string; authorRole: string }[]): Map<string, string> {
		let m = this.names.get(workshopId);
		if (!m) this.names.set(workshopId, (m = new Map()));
		const missing = authors.filter((c) => !m!.has(c.authorId));
		if (missing.length) for (const [k, v] of this.deps.services.authorNames(missing)) m.set(k, v);
		return m;
	}

	/** A participant's own state: who they are, and each module's slice of it. */
	meState(w: WorkshopRow, participantId: string): MeState | null {
		const p = this.deps.repos.workshops.participant(participantId);
		if (!p || p.workshopId !== w.id) return null;
		const slices: Record<string, unknown> = {};
		for (const mod of this.deps.modules.all()) {
			const slice = mod.me?.(this.deps, w.id, p);
			if (slice !== undefined) slices[mod.spec.type] = slice;
		}
		return { participantId, nickname: p.nickname, slices };
	}

	/**
	 * Sends a participant's own state to their connections that do not have it yet: a phone's own card or dot is in
	 * the acknowledgement, so in a card storm or a vote burst only their other devices (if any) get a push.
	 */
	private pushMe(w: WorkshopRow, participantId: string, known: Set<string>) {
		const io = this.io;
		const room = io?.sockets.adapter.rooms.get(rooms.participant(participantId));
		if (!io || !room?.size) return;
		if ([...room].every((connection) => known.has(connection))) return;
		const me = this.meState(w, participantId);
		if (me) io.to(rooms.participant(participantId)).except([...known]).emit('me', me);
	}

	/** The tally source of an activity (its module's), or null when its type keeps none. */
	private tallySource(a: Pick<ActivityRow, 'type'> | null) {
		return (a && this.deps.modules.get(a.type)?.tally) ?? null;
	}

	/** Current tallies a role may see, per activity. */
	talliesFor(workshopId: string, staff: boolean): Record<string, Record<string, number>> {
		const out: Record<string, Record<string, number>> = {};
		for (const a of this.deps.repos.activities.of(workshopId)) {
			const src = this.tallySource(a);
			if (!src) continue;
			if (staff || src.visibleToRoom(this.deps, a.id)) out[a.id] = src.counts(this.deps, a.id);
			else if (src.roomCounts) out[a.id] = src.roomCounts(this.deps, a.id);
		}
		return out;
	}

	private markTallies(workshopId: string, activityIds: Set<string>) {
		let t = this.tallyPending.get(workshopId);
		if (!t) this.tallyPending.set(workshopId, (t = { fast: new Set(), slow: new Set(), lastFast: 0, lastSlow: 0 }));
		const now = Date.now();
		for (const b of activityIds) {
			t.fast.add(b);
			t.slow.add(b);
		}
		const tt = t;
		tt.fastTimer ??= setTimeout(() => {
			tt.fastTimer = undefined;
			tt.lastFast = Date.now();
			const ids = new Set(tt.fast);
			tt.fast.clear();
			this.emitTallies(workshopId, ids, 'fast');
		}, Math.max(DOC_FLUSH_MS, tt.lastFast + TALLY_FAST_MS - now));
		tt.slowTimer ??= setTimeout(() => {
			tt.slowTimer = undefined;
			tt.lastSlow = Date.now();
			const ids = new Set(tt.slow);
			tt.slow.clear();
			this.emitTallies(workshopId, ids, 'slow');
		}, Math.max(DOC_FLUSH_MS, tt.lastSlow + talliesToPhonesEvery(this.docs?.connections(workshopId) ?? 0) - now));
	}

	private emitTallies(workshopId: string, activityIds: Set<string>, cadence: 'fast' | 'slow') {
		const io = this.io;
		if (!io) return;
		for (const id of activityIds) {
			const a = this.deps.repos.activities.get(id);
			const src = this.tallySource(a);
			if (!a || !src) continue;
			const msg = { activityId: id, counts: src.counts(this.deps, id) };
			const visible = src.visibleToRoom(this.deps, id);
			if (cadence === 'fast') {
				io.to(rooms.staff(workshopId)).emit('tally', msg);
				if (visible) io.to(rooms.projector(workshopId)).emit('tally', msg);
				else if (src.roomCounts) io.to(rooms.projector(workshopId)).emit('tally', { activityId: id, counts: src.roomCounts(this.deps, id) });
			} else if (visible) {
				// One slice of the phones per turn of the event loop, so acknowledgements of a vote burst are not
				// held behind a thousand frames written in one go.
				const send = (slice: number) => {
					io.to(rooms.participants(workshopId, slice)).emit('tally', msg);
					if (slice + 1 < PHONE_SLICES) setImmediate(send, slice + 1);
				};
				send(0);
			}
		}
	}

	/** Forgets one author's cached name (renamed or removed by the staff). */
	forgetName(workshopId: string, authorId: string) {
		this.names.get(workshopId)?.delete(authorId);
	}

	/** Forgets cached names of a workshop (closed or deleted). */
	forget(workshopId: string) {
		this.names.delete(workshopId);
	}
}

/** An activity as the room's document shows it. */
export function activityView(a: ActivityRow): ActivityView {
	return { id: a.id, type: a.type, title: a.title, phase: a.phase, position: a.position };
}

