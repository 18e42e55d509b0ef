import { sortSlots } from './domain';
import type { CampView, PlacementView, ProposalView, RoomView, SlotView } from './views';

/** One placed session as the room sees it: the proposal, where and when. */
export interface Session {
	proposal: ProposalView;
	room: RoomView;
	slot: SlotView;
	placement: PlacementView;
}

/** A slot of the grid with its sessions in the rooms' order (empty for a break or a common event). */
export interface GridRow {
	slot: SlotView;
	sessions: Session[];
}

/**
 * The published grid as rows by slot (time order), each with its sessions in the order of the rooms. A placement
 * whose proposal, room or slot this replica does not know (a withdrawn proposal, a removed room) is left out.
 */
export function gridRows(camp: Pick<CampView, 'rooms' | 'slots'>, proposals: readonly ProposalView[], placements: readonly PlacementView[]): GridRow[] {
	const byId = new Map(proposals.map((p) => [p.id, p]));
	const roomIndex = new Map(camp.rooms.map((r, i) => [r.id, i]));
	const rows = sortSlots(camp.slots).map((slot) => ({ slot, sessions: [] as Session[] }));
	const rowOf = new Map(rows.map((r) => [r.slot.id, r]));
	for (const placement of placements) {
		const proposal = byId.get(placement.proposalId);
		const row = rowOf.get(placement.slotId);
		const ri = roomIndex.get(placement.roomId);
		if (!proposal || !row || ri === undefined || row.slot.kind !== 'sessions') continue;
		row.sessions.push({ proposal, room: camp.rooms[ri], slot: row.slot, placement });
	}
	for (const r of rows) r.sessions.sort((a, b) => (roomIndex.get(a.room.id) ?? 0) - (roomIndex.get(b.room.id) ?? 0));
	return rows;
}

/** One slot of a person's own schedule: what they host there, what they starred, and whether that clashes. */
export interface MySlot {
	slot: SlotView;
	hosting: Session[];
	starred: Session[];
	/** Two starred sessions at once, a starred one while hosting, or two hosted at once. */
	clash: boolean;
}

/**
 * A person's schedule: the slots where they host or starred something, in time order. A session they host and
 * starred counts as hosted only.
 */
export function mySchedule(rows: readonly GridRow[], hosting: ReadonlySet<string>, starred: ReadonlySet<string>): MySlot[] {
	const out: MySlot[] = [];
	for (const row of rows) {
		const host = row.sessions.filter((s) => hosting.has(s.proposal.id));
		const star = row.sessions.filter((s) => !hosting.has(s.proposal.id) && starred.has(s.proposal.id));
		if (!host.length && !star.length) continue;
		out.push({ slot: row.slot, hosting: host, starred: star, clash: host.length + star.length > 1 });
	}
	return out;
}

/** A session of mine that moved after publishing, not yet acknowledged on this device. */
export interface MovedNotice {
	proposalId: string;
	title: string;
	room: RoomView;
	slot: SlotView;
	movedAt: number;
}

/** Per proposal, the `movedAt` this device last acknowledged. */
export type MovedAcks = Record<string, number>;

/**
 * The moves to tell this person about: sessions they host or starred whose placement moved after publishing
 * (`movedAt`) later than this device last acknowledged, newest first.
 */
export function movedNotices(rows: readonly GridRow[], mine: ReadonlySet<string>, acks: MovedAcks): MovedNotice[] {
	const out: MovedNotice[] = [];
	for (const row of rows)
		for (const s of row.sessions) {
			const at = s.placement.movedAt;
			if (at === undefined || !s.placement.from || !mine.has(s.proposal.id)) continue;
			if ((acks[s.proposal.id] ?? -Infinity) >= at) continue;
			out.push({ proposalId: s.proposal.id, title: s.proposal.title, room: s.room, slot: s.slot, movedAt: at });
		}
	return out.sort((a, b) => b.movedAt - a.movedAt || a.proposalId.localeCompare(b.proposalId));
}

/** Reads this device's acknowledged moves for a workshop (nothing when storage is unavailable or damaged). */
export function readMovedAcks(storage: Pick<Storage, 'getItem'> | null, workshopId: string): MovedAcks {
	try {
		const raw = storage?.getItem(movedAcksKey(workshopId));
		const parsed: unknown = raw ? JSON.parse(raw) : null;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
		const out: MovedAcks = {};
		for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
		return out;
	} catch {
		return {};
	}
}

/** The storage key of a workshop's acknowledged moves. */
export const movedAcksKey = (workshopId: string) => `plenum:barcamp:moved:${workshopId}`;

/** A grid cell's key (slot and room). */
export const cellKey = (slotId: string, roomId: string) => `${slotId}|${roomId}`;

/** The grid's sessions by cell, for a table with the rooms as columns. */
export function cellMap(rows: readonly GridRow[]): Map<string, Session> {
	const out = new Map<string, Session>();
	for (const r of rows) for (const s of r.sessions) out.set(cellKey(r.slot.id, s.room.id), s);
	return out;
}
