import * as Y from 'yjs';
import type { Server } from 'socket.io';
import { isCardPublic, type Board, type Card, type Cluster } from '../../src/lib/features/board/domain';
import { countsVisible } from '../../src/lib/features/board/votes';
import type { BoardView, CardView, ClusterView, DocAudience, MeState, WorkshopView } from '../../src/lib/protocol/events';
import { DOC_MAPS, storeCardView } from '../../src/lib/protocol/events';
import type { Deps } from '../deps';
import { parseTimer, type WorkshopRow } from '../db/workshops';
import { Dirty } from './dirty';
import { ownCardView } from './commands';
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
 * Projects SQLite state into the room's Y.Docs and pushes tallies and personal state over socket.io.
 * Changes are collected per workshop and flushed once per tick (15 ms, longer in rooms with hundreds of
 * connections): one Yjs transaction per document, so one broadcast per tick however many commands arrived. Tallies go to facilitators and the projector at most every
 * 50 ms and to phones at most every 100 ms (250 ms in rooms of 1,000).
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
		for (const audience of ['public', 'staff'] as const) {
			const doc = this.docs?.loaded(workshopId, audience);
			if (doc) this.applyToDoc(doc, w, audience, d);
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
		const boards = this.deps.repos.boards.boardsOf(workshopId);
		const d = new Dirty();
		d.meta = true;
		for (const b of boards) {
			d.boards.add(b.id);
			d.fullBoards.add(b.id);
		}
		this.applyToDoc(doc, w, audience, d);
		return doc;
	}

	private applyToDoc(doc: Y.Doc, w: WorkshopRow, audience: DocAudience, d: Dirty) {
		const repo = this.deps.repos.boards;
		const meta = doc.getMap(DOC_MAPS.meta);
		const boardsMap = doc.getMap(DOC_MAPS.boards);
		const cardsMap = doc.getMap(DOC_MAPS.cards);
		const clustersMap = doc.getMap(DOC_MAPS.clusters);
		let cache = this.lastJson.get(doc);
		if (!cache) this.lastJson.set(doc, (cache = new Map()));
		const c = cache;
		const set = (map: Y.Map<unknown>, key: string, value: unknown) => {
			const json = JSON.stringify(value);
			const ck = `${map === cardsMap ? 'c' : map === clustersMap ? 'k' : map === boardsMap ? 'b' : 'm'}/${key}`;
			if (c.get(ck) === json) return;
			c.set(ck, json);
			map.set(key, value);
		};
		const del = (map: Y.Map<unknown>, key: string) => {
			const ck = `${map === cardsMap ? 'c' : map === clustersMap ? 'k' : map === boardsMap ? 'b' : 'm'}/${key}`;
			c.delete(ck);
			if (map.has(key)) map.delete(key);
		};
		const boardCache = new Map<string, Board | null>();
		const board = (id: string) => {
			if (!boardCache.has(id)) boardCache.set(id, repo.board(id));
			return boardCache.get(id)!;
		};
		doc.transact(() => {
			if (d.meta) {
				set(meta, 'workshop', workshopView(w));
				set(meta, 'timer', parseTimer(w.timer));
			}
			for (const id of new Set([...d.boards, ...d.fullBoards])) {
				const b = board(id);
				if (!b || b.workshopId !== w.id) {
					del(boardsMap, id);
					continue;
				}
				set(boardsMap, id, boardView(b, repo.hiddenCount(b.id, b.settings.privateUntilReveal)));
			}
			for (const id of d.fullBoards) {
				const b = board(id);
				if (!b) continue;
				const cards = repo.cardsOf(id);
				const names = this.namesFor(w.id, cards);
				const keep = new Set<string>();
				for (const card of cards) {
					const v = cardView(card, b, names.get(card.authorId) ?? '', audience);
					if (v) {
						keep.add(card.id);
						set(cardsMap, card.id, storeCardView(v));
					}
				}
				for (const key of [...cardsMap.keys()]) if (!keep.has(key) && (cardsMap.get(key) as CardView).boardId === id) del(cardsMap, key);
				const clusters = repo.clustersOf(id);
				const keepCl = new Set(clusters.map((cl) => cl.id));
				for (const cl of clusters) set(clustersMap, cl.id, clusterView(cl));
				for (const key of [...clustersMap.keys()]) if (!keepCl.has(key) && (clustersMap.get(key) as ClusterView).boardId === id) del(clustersMap, key);
			}
			for (const id of d.cards) {
				const card = repo.card(id);
				if (card && d.fullBoards.has(card.boardId)) continue;
				const b = card ? board(card.boardId) : null;
				const v = card && b && b.workshopId === w.id ? cardView(card, b, this.namesFor(w.id, [card]).get(card.authorId) ?? '', audience) : null;
				if (v) set(cardsMap, id, storeCardView(v));
				else del(cardsMap, id);
			}
			for (const id of d.clusters) {
				const cl = repo.cluster(id);
				if (cl && board(cl.boardId)?.workshopId === w.id) set(clustersMap, id, clusterView(cl));
				else del(clustersMap, id);
			}
		}, SERVER_ORIGIN);
	}

	/** Author names for these cards, cached per workshop (nicknames do not change). */
	private namesFor(workshopId: string, cards: Card[]): Map<string, string> {
		let m = this.names.get(workshopId);
		if (!m) this.names.set(workshopId, (m = new Map()));
		const missing = cards.filter((c) => !m!.has(c.authorId));
		if (missing.length) for (const [k, v] of this.deps.services.authorNames(missing)) m.set(k, v);
		return m;
	}

	/** A participant's own state: their cards (also hidden ones) and their dots. */
	meState(w: WorkshopRow, participantId: string): MeState | null {
		const p = this.deps.repos.workshops.participant(participantId);
		if (!p || p.workshopId !== w.id) return null;
		const repo = this.deps.repos.boards;
		const boards = new Map(repo.boardsOf(w.id).map((b) => [b.id, b]));
		const cards = repo
			.cardsOfAuthorInWorkshop(w.id, participantId)
			.filter((c) => c.authorRole === 'participant')
			.map((c) => ownCardView(c, boards.get(c.boardId)!, p.nickname));
		return { participantId, nickname: p.nickname, cards, votes: repo.votesOfParticipant(participantId) };
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

	/** Current tallies a role may see, per board. */
	talliesFor(workshopId: string, staff: boolean): Record<string, Record<string, number>> {
		const out: Record<string, Record<string, number>> = {};
		for (const b of this.deps.repos.boards.boardsOf(workshopId)) if (staff || countsVisible(b)) out[b.id] = this.deps.repos.boards.tally(b.id);
		return out;
	}

	private markTallies(workshopId: string, boardIds: Set<string>) {
		let t = this.tallyPending.get(workshopId);
		if (!t) this.tallyPending.set(workshopId, (t = { fast: new Set(), slow: new Set(), lastFast: 0, lastSlow: 0 }));
		const now = Date.now();
		for (const b of boardIds) {
			t.fast.add(b);
			t.slow.add(b);
		}
		const tt = t;
		tt.fastTimer ??= setTimeout(() => {
			tt.fastTimer = undefined;
			tt.lastFast = Date.now();
			const boards = new Set(tt.fast);
			tt.fast.clear();
			this.emitTallies(workshopId, boards, 'fast');
		}, Math.max(DOC_FLUSH_MS, tt.lastFast + TALLY_FAST_MS - now));
		tt.slowTimer ??= setTimeout(() => {
			tt.slowTimer = undefined;
			tt.lastSlow = Date.now();
			const boards = new Set(tt.slow);
			tt.slow.clear();
			this.emitTallies(workshopId, boards, 'slow');
		}, Math.max(DOC_FLUSH_MS, tt.lastSlow + talliesToPhonesEvery(this.docs?.connections(workshopId) ?? 0) - now));
	}

	private emitTallies(workshopId: string, boardIds: Set<string>, cadence: 'fast' | 'slow') {
		const io = this.io;
		if (!io) return;
		for (const id of boardIds) {
			const b = this.deps.repos.boards.board(id);
			if (!b) continue;
			const counts = this.deps.repos.boards.tally(id);
			const msg = { boardId: id, counts };
			if (cadence === 'fast') {
				io.to(rooms.staff(workshopId)).emit('tally', msg);
				if (countsVisible(b)) io.to(rooms.projector(workshopId)).emit('tally', msg);
			} else if (countsVisible(b)) {
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

	/** Forgets cached names of a workshop (closed or deleted). */
	forget(workshopId: string) {
		this.names.delete(workshopId);
	}
}

/** The workshop as the room's document shows it. */
export function workshopView(w: WorkshopRow): WorkshopView {
	return { id: w.id, title: w.title, locale: w.locale, status: w.status, code: w.code, activeBoardId: w.activeBoardId };
}

function boardView(b: Board, hiddenCount: number): BoardView {
	return {
		id: b.id,
		title: b.title,
		phase: b.phase,
		columns: b.columns,
		lanes: b.lanes,
		settings: b.settings,
		votingClosed: b.votingClosed,
		discussItemId: b.discussItemId,
		hiddenCount
	};
}

/** A card as an audience sees it, or null when that audience may not see it at all. */
export function cardView(card: Card, b: Board, authorName: string, audience: DocAudience): CardView | null {
	const pub = isCardPublic(card, b);
	if (audience === 'public' && !pub) return null;
	const v: CardView = {
		id: card.id,
		boardId: card.boardId,
		text: card.text,
		columnId: card.columnId,
		laneId: card.laneId,
		clusterId: card.clusterId,
		position: card.position,
		createdAt: card.createdAt,
		author: b.settings.anonymous ? null : authorName
	};
	if (audience === 'staff') {
		v.status = card.status;
		v.authorName = authorName;
		v.hidden = !pub;
	}
	return v;
}

function clusterView(cl: Cluster): ClusterView {
	return { id: cl.id, boardId: cl.boardId, title: cl.title, columnId: cl.columnId, laneId: cl.laneId, position: cl.position, createdAt: cl.createdAt };
}
