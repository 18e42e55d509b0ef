import type { DocAudience } from '../../../src/lib/protocol/events';
import type { Unplaced } from '../../../src/lib/features/barcamp/domain';
import type { PlanInstance, Problem } from '../../../src/lib/features/barcamp/planner';
import type { CampView, PlacementView, ProposalView } from '../../../src/lib/features/barcamp/views';
import { hostsOf, type Camp, type PlacementRec, type Proposal, type Room, type Slot } from './repo';

/** The BarCamp's buckets of changed things (see Dirty.mark): camp rows, proposals and placements by id. */
export const BUCKET = { camps: 'barcamp.camps', proposals: 'barcamp.proposals', placements: 'barcamp.placements' } as const;

export function campView(c: Camp, rooms: Room[], slots: Slot[], audience: DocAudience, problems: Problem[] | null): CampView {
	const v: CampView = {
		id: c.id,
		title: c.title,
		phase: c.phase,
		settings: c.settings,
		rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, features: r.features })),
		slots: slots.map((s) => ({ id: s.id, start: s.start, end: s.end, kind: s.kind, label: s.label })),
		pitch: c.pitchProposalId && c.pitchStartedAt !== null ? { proposalId: c.pitchProposalId, startedAt: c.pitchStartedAt } : null,
		published: c.publishedAt !== null
	};
	if (audience === 'staff') {
		v.lastPlan = c.lastPlan ? { ...c.lastPlan, unplaced: c.lastPlan.unplaced.map((u) => ({ proposalId: u.proposalId, reason: u.reason as Unplaced })) } : null;
		v.problems = problems ?? [];
	}
	return v;
}

/** A proposal as an audience sees it, or null when the room may not (not open). `own` is its proposer's copy. */
export function proposalView(p: Proposal, names: Map<string, string>, audience: DocAudience | 'own'): ProposalView | null {
	if (audience === 'public' && p.status !== 'open') return null;
	const proposerName = names.get(p.authorId) ?? '';
	const v: ProposalView = {
		id: p.id,
		activityId: p.campId,
		title: p.title,
		description: p.description,
		format: p.format,
		needs: p.needs,
		proposer: p.anonymous ? null : proposerName,
		cohosts: p.cohosts.map((c) => names.get(c) ?? ''),
		position: p.position,
		createdAt: p.createdAt
	};
	if (audience !== 'public') {
		v.status = p.status;
		v.rejectReason = p.rejectReason;
		v.anonymous = p.anonymous;
	}
	if (audience === 'staff') {
		v.proposerName = proposerName;
		v.mergedInto = p.mergedInto;
		v.hostIds = hostsOf(p);
		v.hostedBy = p.hostedBy;
	}
	if (audience === 'own') v.cohostIds = p.cohosts;
	return v;
}

export function placementView(p: PlacementRec, audience: DocAudience): PlacementView {
	const v: PlacementView = { proposalId: p.proposalId, activityId: p.campId, roomId: p.roomId, slotId: p.slotId };
	if (p.movedAt !== null && p.fromRoomId && p.fromSlotId) {
		v.movedAt = p.movedAt;
		v.from = { roomId: p.fromRoomId, slotId: p.fromSlotId };
	}
	if (audience === 'staff') v.pinned = p.pinned;
	return v;
}

/** The planner's instance for a camp: its open proposals, the session slots, the rooms, interest, pins. */
export function planInstance(rooms: Room[], slots: Slot[], proposals: Proposal[], placements: PlacementRec[], interest: Record<string, string[]>, seed: number): PlanInstance {
	const open = new Set(proposals.filter((p) => p.status === 'open').map((p) => p.id));
	const sessionSlots = new Set(slots.filter((s) => s.kind === 'sessions').map((s) => s.id));
	const roomIds = new Set(rooms.map((r) => r.id));
	const pins = new Map(placements.filter((p) => p.pinned && sessionSlots.has(p.slotId) && roomIds.has(p.roomId)).map((p) => [p.proposalId, { room: p.roomId, slot: p.slotId }]));
	return {
		rooms: rooms.map((r) => ({ id: r.id, capacity: r.capacity, features: r.features })),
		slots: slots.filter((s) => s.kind === 'sessions').map((s) => ({ id: s.id, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
		sessions: proposals
			.filter((p) => open.has(p.id))
			.map((p) => {
				const pin = pins.get(p.id);
				return { id: p.id, hosts: hostsOf(p), needs: p.needs, ...(pin ? { pinned: pin } : {}) };
			}),
		interest: Object.fromEntries(Object.entries(interest).map(([who, list]) => [who, list.filter((s) => open.has(s))]).filter(([, l]) => l.length)),
		seed
	};
}
