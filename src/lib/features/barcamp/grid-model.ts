import type { Problem } from './planner';
import type { PlacementView, ProposalView, RoomView, SlotView } from './views';

/**
 * The facilitator's arithmetic of the BarCamp: local dates and times typed into forms as instants, the grid's cells
 * and what a move to each would do, the pitch order, and whose name a host id is. Pure: no Svelte, no messages.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/**
 * The instant (epoch ms) of a date ("2025-05-10") and a time of day ("10:30") on this device's clock, as typed into
 * `<input type="date">` and `<input type="time">`; null when either is empty or not a real date or time.
 */
export function localInstant(date: string, time: string): number | null {
	const d = DATE.exec(date);
	const t = TIME.exec(time);
	if (!d || !t) return null;
	const [y, mo, day, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
	if (mo < 1 || mo > 12 || day < 1 || day > 31 || h > 23 || mi > 59) return null;
	const at = new Date(y, mo - 1, day, h, mi, 0, 0);
	// 31 February rolls over into March: not a date anyone typed.
	if (at.getFullYear() !== y || at.getMonth() !== mo - 1 || at.getDate() !== day) return null;
	return at.getTime();
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant's date on this device's clock, as a date input holds it ("2025-05-10"). */
export function localDate(ms: number): string {
	const d = new Date(ms);
	return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** An instant's time of day on this device's clock, as a time input holds it ("10:30"). */
export function localTime(ms: number): string {
	const d = new Date(ms);
	return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * A slot's start and end from one date and two times of day. An end at or before the start is taken as the next
 * day (a session from 23:00 to 00:30); the server refuses a slot longer than 12 hours.
 */
export function slotInstants(date: string, start: string, end: string): { start: number; end: number } | null {
	const s = localInstant(date, start);
	const e = localInstant(date, end);
	if (s === null || e === null) return null;
	if (e > s) return { start: s, end: e };
	const next = new Date(e);
	next.setDate(next.getDate() + 1);
	return { start: s, end: next.getTime() };
}

/** Whether the slots fall on more than one day (then the grid names the day with each time). */
export function spansDays(slots: { start: number }[]): boolean {
	return new Set(slots.map((s) => localDate(s.start))).size > 1;
}

/**
 * Where to send `id` (`proposal:move`'s `toIndex`, counted among all the camp's proposals without it) so that it
 * lands just before (`-1`) or just after (`+1`) its open neighbour; the rejected, withdrawn and merged ones between
 * them keep their places. Null at either end of the queue.
 */
export function queueMoveIndex(all: ProposalView[], id: string, dir: 1 | -1): number | null {
	const queue = openQueue(all);
	const i = queue.findIndex((p) => p.id === id);
	const neighbour = i < 0 ? undefined : queue[i + dir];
	if (!neighbour) return null;
	const rest = [...all].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt).filter((p) => p.id !== id);
	const at = rest.findIndex((p) => p.id === neighbour.id);
	return dir === -1 ? at : at + 1;
}

/** The open proposals in pitch order (the queue the pitch walks through). */
export function openQueue(proposals: ProposalView[]): ProposalView[] {
	return proposals.filter((p) => (p.status ?? 'open') === 'open').sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
}

/**
 * The proposal to pitch after (`+1`) or before (`-1`) the current one in queue order. Without a current one (or when
 * it left the queue), both start at the first; past either end there is none (null).
 */
export function pitchNeighbour(queue: { id: string }[], currentId: string | null, dir: 1 | -1): string | null {
	const i = currentId === null ? -1 : queue.findIndex((p) => p.id === currentId);
	if (i < 0) return queue[0]?.id ?? null;
	return queue[i + dir]?.id ?? null;
}

/**
 * The names of a proposal's hosts by participant id. `hostIds` lists the proposer first (when a participant
 * proposed it; a facilitator's proposal has only its co-hosts), then the co-hosts in the order of `cohosts`; a list
 * that lines up with neither gives no names (the caller says "someone").
 */
export function hostNames(p: Pick<ProposalView, 'hostIds' | 'proposerName' | 'proposer' | 'cohosts'>): Map<string, string> {
	const ids = p.hostIds ?? [];
	const withProposer = [p.proposerName ?? p.proposer ?? '', ...p.cohosts];
	const names = ids.length === withProposer.length ? withProposer : ids.length === p.cohosts.length ? p.cohosts : null;
	const out = new Map<string, string>();
	if (!names) return out;
	ids.forEach((id, i) => {
		if (names[i]) out.set(id, names[i]);
	});
	return out;
}

/** Every host name the staff's proposals tell, by participant id. */
export function allHostNames(proposals: ProposalView[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const p of proposals) for (const [id, name] of hostNames(p)) if (!out.has(id)) out.set(id, name);
	return out;
}

export const cellKey = (roomId: string, slotId: string) => `${roomId}|${slotId}`;

/** The grid's placements by cell (`room|slot`), only those whose room and slot still exist. */
export function placementsByCell(placements: PlacementView[], rooms: RoomView[], slots: SlotView[]): Map<string, PlacementView> {
	const roomIds = new Set(rooms.map((r) => r.id));
	const slotIds = new Set(slots.filter((s) => s.kind === 'sessions').map((s) => s.id));
	const out = new Map<string, PlacementView>();
	for (const p of placements) if (roomIds.has(p.roomId) && slotIds.has(p.slotId)) out.set(cellKey(p.roomId, p.slotId), p);
	return out;
}

/** A cell a session may be moved to from its menu: free, or taken by another session (then the two swap). */
export interface MoveOption {
	roomId: string;
	slotId: string;
	/** The session now in that cell, if any (a move there swaps them). */
	occupant: string | null;
}

/** Every session cell of the grid except the one the session is in, in grid order (slot by slot, room by room). */
export function moveOptions(sessionId: string, rooms: RoomView[], slots: SlotView[], byCell: Map<string, PlacementView>): MoveOption[] {
	const out: MoveOption[] = [];
	for (const s of slots) {
		if (s.kind !== 'sessions') continue;
		for (const r of rooms) {
			const occupant = byCell.get(cellKey(r.id, s.id))?.proposalId ?? null;
			if (occupant !== sessionId) out.push({ roomId: r.id, slotId: s.id, occupant });
		}
	}
	return out;
}

/** The grid's problems grouped by the session they are about (both sessions of a clash or a shared cell). */
export function problemsBySession(problems: Problem[]): Map<string, Problem[]> {
	const out = new Map<string, Problem[]>();
	const add = (id: string, p: Problem) => {
		const list = out.get(id);
		if (list) {
			if (!list.includes(p)) list.push(p);
		} else out.set(id, [p]);
	};
	for (const p of problems) {
		add(p.session, p);
		if (p.other && (p.kind === 'host_clash' || p.kind === 'cell_taken')) add(p.other, p);
	}
	return out;
}

/** The proposals sorted by interest, most first (ties in queue order), with their counts. */
export function byInterest(proposals: ProposalView[], tally: Record<string, number>): { proposal: ProposalView; count: number }[] {
	return proposals
		.map((proposal) => ({ proposal, count: tally[proposal.id] ?? 0 }))
		.sort((a, b) => b.count - a.count || a.proposal.position - b.proposal.position || a.proposal.createdAt - b.proposal.createdAt);
}
