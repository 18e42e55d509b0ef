import {
	canArrange,
	canEditProposal,
	canMarkInterest,
	canPropose,
	checkSlotTimes,
	cleanDescription,
	cleanLabel,
	cleanProposalTitle,
	MAX_PROPOSALS,
	MAX_ROOMS,
	MAX_SLOTS,
	REJECT_REASON_MAX_LENGTH,
	type Phase,
	type SlotKind
} from '../../../src/lib/features/barcamp/domain';
import { parseInstance, plan, problems, whyUnplaced, type Plan, type Problem } from '../../../src/lib/features/barcamp/planner';
import { planPool } from './plan-pool';
import type { BarcampCommands, BarcampResults } from '../../../src/lib/features/barcamp/spec';
import { ok, refuse, type Result } from '../../../src/lib/domain/result';
import type { CommandContext } from '../../realtime/modules';
import type { PayloadOf } from '../../../src/lib/activities/spec';
import type { ActivityRow } from '../../db/activities';
import type { Deps } from '../../deps';
import { newId } from '../../ids';
import { barcampRepo, hostsOf, type Camp, type PlacementRec, type Proposal } from './repo';
import { BUCKET, planInstance, proposalView } from './views';

type ErrorCode = string;
const STAFF_ROLE = 'facilitator';

/** The BarCamp of this workshop with this id; for a participant only while it is the active activity. */
function campOf(ctx: CommandContext, id: string): Result<Camp, ErrorCode> {
	const a = ctx.activity(id, 'barcamp');
	if (!a.ok) return a;
	const c = barcampRepo(ctx.deps).camp(id);
	return c ? ok(c) : refuse('not_found');
}

function proposalOf(ctx: CommandContext, id: string): Result<{ p: Proposal; camp: Camp }, ErrorCode> {
	const p = barcampRepo(ctx.deps).proposal(id);
	if (!p || p.workshopId !== ctx.workshop.id) return refuse('not_found');
	const camp = campOf(ctx, p.campId);
	return camp.ok ? ok({ p, camp: camp.value }) : camp;
}

const isStaff = (ctx: CommandContext) => ctx.actor.role === STAFF_ROLE;

/** A proposal changed: the room's maps and the personal state of everyone who hosts it. */
function touchProposal(ctx: CommandContext, p: Proposal, extraHosts: string[] = []) {
	ctx.dirty.mark(BUCKET.proposals, p.id);
	for (const h of new Set([...hostsOf(p), ...extraHosts])) ctx.dirty.touchMe(h);
}

/** The grid changed: the camp (its warnings) and these placements. */
function touchGrid(ctx: CommandContext, campId: string, proposalIds: Iterable<string>) {
	ctx.dirty.mark(BUCKET.camps, campId);
	for (const id of proposalIds) ctx.dirty.mark(BUCKET.placements, id);
}

/** Takes a proposal out of the running (rejected, withdrawn, merged): its place in the grid and the interest in it go. */
function retire(ctx: CommandContext, p: Proposal) {
	const repo = barcampRepo(ctx.deps);
	if (repo.placement(p.id)) {
		repo.removePlacement(p.id);
		touchGrid(ctx, p.campId, [p.id]);
	}
	for (const who of repo.interestedIn(p.id)) ctx.dirty.touchMe(who);
	repo.clearInterest(p.id);
	ctx.dirty.tallies.add(p.campId);
	if (repo.camp(p.campId)?.pitchProposalId === p.id) {
		repo.setPitch(p.campId, null, null);
		ctx.dirty.mark(BUCKET.camps, p.campId);
	}
	ctx.dirty.textsGone.add(`${p.campId}.${p.id}`);
}

function cleanCohosts(ctx: CommandContext, ids: string[], author: string): Result<string[], ErrorCode> {
	const wanted = [...new Set(ids)].filter((id) => id !== author);
	const known = new Set(barcampRepo(ctx.deps).participantIn(ctx.workshop.id, wanted));
	return wanted.every((id) => known.has(id)) ? ok(wanted) : refuse('unknown_cohost');
}

/** The current grid's broken rules (for the facilitator's live warnings and a move's acknowledgement). */
export function gridProblems(deps: Deps, campId: string): Problem[] {
	const repo = barcampRepo(deps);
	const placements = repo.placementsOf(campId);
	if (!placements.length) return [];
	// The capacity warning needs only how many marked each session: the tally, not every person's marks.
	const inst = planInstance(repo.roomsOf(campId), repo.slotsOf(campId), repo.proposalsOf(campId), [], {}, 1);
	return problems(
		inst,
		placements.map((p) => ({ session: p.proposalId, room: p.roomId, slot: p.slotId })),
		repo.tally(campId)
	);
}

/** Moves a placement, recording where it came from once the grid is published (phones tell the people concerned). */
function place(ctx: CommandContext, camp: Camp, rec: Omit<PlacementRec, 'movedAt' | 'fromRoomId' | 'fromSlotId'>, before: PlacementRec | null) {
	const repo = barcampRepo(ctx.deps);
	const moved = !!before && (before.roomId !== rec.roomId || before.slotId !== rec.slotId);
	const published = camp.publishedAt !== null;
	repo.upsertPlacement({
		...rec,
		movedAt: published && moved ? ctx.now : (before?.movedAt ?? null),
		fromRoomId: published && moved ? before!.roomId : (before?.fromRoomId ?? null),
		fromSlotId: published && moved ? before!.slotId : (before?.fromSlotId ?? null)
	});
}

/** A slot's checked fields: times in order, and a label for a break or common event (a session slot needs none). */
function slotFields(start: number, end: number, kind: SlotKind, rawLabel: string): Result<{ start: number; end: number; kind: SlotKind; label: string }, ErrorCode> {
	const t = checkSlotTimes(start, end);
	if (!t.ok) return t;
	const label = kind === 'sessions' && !rawLabel.trim() ? ok('') : cleanLabel(rawLabel);
	return label.ok ? ok({ start, end, kind, label: label.value }) : label;
}

function proposalFields(ctx: CommandContext, camp: Camp, p: { title?: string; description?: string; anonymous?: boolean; cohostIds?: string[] }, author: string) {
	const out: { title?: string; description?: string; anonymous?: boolean; cohosts?: string[] } = {};
	if (p.title !== undefined) {
		const t = cleanProposalTitle(p.title);
		if (!t.ok) return t;
		out.title = t.value;
	}
	if (p.description !== undefined) {
		const d = cleanDescription(p.description);
		if (!d.ok) return d;
		out.description = d.value;
	}
	if (p.anonymous !== undefined) {
		if (p.anonymous && !camp.settings.allowAnonymous) return refuse('anonymous_off');
		out.anonymous = p.anonymous;
	}
	if (p.cohostIds !== undefined) {
		const c = cleanCohosts(ctx, p.cohostIds, author);
		if (!c.ok) return c;
		out.cohosts = c.value;
	}
	return ok(out);
}

export const handlers: { [C in keyof BarcampCommands]: (ctx: CommandContext, p: PayloadOf<BarcampCommands[C]>) => Result<BarcampResults[C], string> } = {
	'barcamp:settings'(ctx, p) {
		const camp = campOf(ctx, p.activityId);
		if (!camp.ok) return camp;
		barcampRepo(ctx.deps).setSettings(camp.value.id, { ...camp.value.settings, ...p.settings });
		ctx.events.push({ kind: 'barcamp.settings.changed', activityId: camp.value.id, subjectId: camp.value.id, payload: Object.fromEntries(Object.entries(p.settings)) });
		ctx.dirty.mark(BUCKET.camps, camp.value.id);
		ctx.dirty.tallies.add(camp.value.id);
		return ok({ activityId: camp.value.id });
	},

	'barcamp:rooms'(ctx, p) {
		const camp = campOf(ctx, p.activityId);
		if (!camp.ok) return camp;
		const repo = barcampRepo(ctx.deps);
		const rooms = repo.roomsOf(camp.value.id);
		const op = p.op;
		let roomId: string;
		if (op.type === 'add') {
			if (rooms.length >= MAX_ROOMS) return refuse('too_many_rooms');
			const name = cleanLabel(op.name);
			if (!name.ok) return name;
			roomId = newId();
			repo.insertRoom({ id: roomId, campId: camp.value.id, name: name.value, capacity: op.capacity, features: [...new Set(op.features)], position: (rooms.at(-1)?.position ?? 0) + 1 });
		} else {
			const room = rooms.find((r) => r.id === op.roomId);
			if (!room) return refuse('unknown_room');
			roomId = room.id;
			if (op.type === 'update') {
				let name = room.name;
				if (op.name !== undefined) {
					const n = cleanLabel(op.name);
					if (!n.ok) return n;
					name = n.value;
				}
				repo.updateRoom({ ...room, name, capacity: op.capacity ?? room.capacity, features: op.features ? [...new Set(op.features)] : room.features });
			} else if (op.type === 'move') {
				const rest = rooms.filter((r) => r.id !== room.id);
				rest.splice(Math.min(op.toIndex, rest.length), 0, room);
				rest.forEach((r, i) => r.position !== i + 1 && repo.updateRoom({ ...r, position: i + 1 }));
			} else {
				touchGrid(ctx, camp.value.id, repo.removePlacementsIn(camp.value.id, { roomId: room.id }));
				repo.removeRoom(room.id);
			}
		}
		ctx.events.push({ kind: 'barcamp.rooms.changed', activityId: camp.value.id, subjectId: roomId, payload: { op: op.type } });
		ctx.dirty.mark(BUCKET.camps, camp.value.id);
		return ok({ activityId: camp.value.id, roomId });
	},

	'barcamp:slots'(ctx, p) {
		const camp = campOf(ctx, p.activityId);
		if (!camp.ok) return camp;
		const repo = barcampRepo(ctx.deps);
		const slots = repo.slotsOf(camp.value.id);
		const op = p.op;
		let slotId: string;
		if (op.type === 'add') {
			if (slots.length >= MAX_SLOTS) return refuse('too_many_slots');
			const fields = slotFields(op.start, op.end, op.kind, op.label ?? '');
			if (!fields.ok) return fields;
			slotId = newId();
			repo.insertSlot({ id: slotId, campId: camp.value.id, ...fields.value });
		} else {
			const slot = slots.find((s) => s.id === op.slotId);
			if (!slot) return refuse('unknown_slot');
			slotId = slot.id;
			if (op.type === 'update') {
				const fields = slotFields(op.start ?? slot.start, op.end ?? slot.end, op.kind ?? slot.kind, op.label ?? slot.label);
				if (!fields.ok) return fields;
				repo.updateSlot({ ...slot, ...fields.value });
				if (fields.value.kind !== 'sessions') touchGrid(ctx, camp.value.id, repo.removePlacementsIn(camp.value.id, { slotId: slot.id }));
			} else {
				touchGrid(ctx, camp.value.id, repo.removePlacementsIn(camp.value.id, { slotId: slot.id }));
				repo.removeSlot(slot.id);
			}
		}
		ctx.events.push({ kind: 'barcamp.slots.changed', activityId: camp.value.id, subjectId: slotId, payload: { op: op.type } });
		ctx.dirty.mark(BUCKET.camps, camp.value.id);
		return ok({ activityId: camp.value.id, slotId });
	},

	'proposal:create'(ctx, p) {
		const camp = campOf(ctx, p.activityId);
		if (!camp.ok) return camp;
		const c = camp.value;
		const repo = barcampRepo(ctx.deps);
		const staff = isStaff(ctx);
		if (!staff && !canPropose(c.phase)) return refuse('proposals_closed');
		const fields = proposalFields(ctx, c, p, ctx.actor.id);
		if (!fields.ok) return fields;
		if (repo.proposalCount(c.id) >= MAX_PROPOSALS) return refuse('too_many_proposals');
		if (!staff && repo.proposalsOfAuthor(ctx.workshop.id, ctx.actor.id).filter((x) => x.campId === c.id && x.status === 'open').length >= c.settings.maxProposalsPerPerson)
			return refuse('proposal_limit');
		const proposal: Proposal = {
			id: newId(),
			campId: c.id,
			workshopId: ctx.workshop.id,
			authorId: ctx.actor.id,
			authorRole: ctx.actor.role as Proposal['authorRole'],
			title: fields.value.title!,
			description: fields.value.description ?? '',
			format: p.format,
			needs: [...new Set(p.needs)],
			cohosts: fields.value.cohosts ?? [],
			anonymous: !!fields.value.anonymous,
			status: 'open',
			rejectReason: null,
			mergedInto: null,
			hostedBy: null,
			position: repo.lastPosition(c.id) + 1,
			createdAt: ctx.now,
			updatedAt: ctx.now
		};
		repo.insertProposal(proposal);
		ctx.events.push({ kind: 'barcamp.proposal.submitted', activityId: c.id, subjectId: proposal.id, ownerId: staff ? null : ctx.actor.id, payload: { format: proposal.format, cohosts: proposal.cohosts.length, anonymous: proposal.anonymous } });
		touchProposal(ctx, proposal);
		return ok({ proposal: ownView(ctx, proposal) });
	},

	'proposal:update'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		const staff = isStaff(ctx);
		if (!staff) {
			if (prop.authorId !== ctx.actor.id) return refuse('not_proposer');
			if (prop.status !== 'open') return refuse('proposal_gone');
			if (!canEditProposal(camp.phase)) return refuse('editing_closed');
		}
		const fields = proposalFields(ctx, camp, p, prop.authorId);
		if (!fields.ok) return fields;
		const next: Proposal = { ...prop, ...fields.value, format: p.format ?? prop.format, needs: p.needs ? [...new Set(p.needs)] : prop.needs, updatedAt: ctx.now };
		barcampRepo(ctx.deps).updateProposal(next);
		ctx.events.push({ kind: 'barcamp.proposal.edited', activityId: camp.id, subjectId: prop.id, ownerId: prop.authorRole === 'participant' ? prop.authorId : null, payload: { by: staff ? 'facilitator' : 'proposer' } });
		touchProposal(ctx, next, hostsOf(prop));
		if (next.needs.join() !== prop.needs.join() || next.cohosts.join() !== prop.cohosts.join()) ctx.dirty.mark(BUCKET.camps, camp.id);
		return ok({ proposal: staff && prop.authorId !== ctx.actor.id ? proposalView(next, names(ctx, next), 'own')! : ownView(ctx, next) });
	},

	'proposal:withdraw'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (prop.authorId !== ctx.actor.id) return refuse('not_proposer');
		if (prop.status !== 'open') return refuse('proposal_gone');
		if (!canEditProposal(camp.phase)) return refuse('editing_closed');
		const next = { ...prop, status: 'withdrawn' as const, updatedAt: ctx.now };
		barcampRepo(ctx.deps).updateProposal(next);
		retire(ctx, next);
		ctx.events.push({ kind: 'barcamp.proposal.withdrawn', activityId: camp.id, subjectId: prop.id, ownerId: ctx.actor.id });
		touchProposal(ctx, next);
		return ok({ proposalId: prop.id });
	},

	'proposal:reject'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (prop.status !== 'open') return refuse('proposal_gone');
		const reason = p.reason.trim() ? cleanLabel(p.reason, REJECT_REASON_MAX_LENGTH) : ok('');
		if (!reason.ok) return reason;
		const next = { ...prop, status: 'rejected' as const, rejectReason: reason.value || null, updatedAt: ctx.now };
		barcampRepo(ctx.deps).updateProposal(next);
		retire(ctx, next);
		ctx.events.push({ kind: 'barcamp.proposal.rejected', activityId: camp.id, subjectId: prop.id, ownerId: prop.authorRole === 'participant' ? prop.authorId : null });
		touchProposal(ctx, next);
		return ok({ proposalId: prop.id });
	},

	'proposal:restore'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (prop.status !== 'rejected') return refuse('proposal_gone');
		const next = { ...prop, status: 'open' as const, rejectReason: null, updatedAt: ctx.now };
		barcampRepo(ctx.deps).updateProposal(next);
		ctx.events.push({ kind: 'barcamp.proposal.restored', activityId: camp.id, subjectId: prop.id, ownerId: prop.authorRole === 'participant' ? prop.authorId : null });
		touchProposal(ctx, next);
		return ok({ proposalId: prop.id });
	},

	'proposal:merge'(ctx, p) {
		if (p.proposalId === p.intoId) return refuse('merge_self');
		const from = proposalOf(ctx, p.proposalId);
		if (!from.ok) return from;
		const into = proposalOf(ctx, p.intoId);
		if (!into.ok) return into;
		const a = from.value.p;
		const b = into.value.p;
		if (a.campId !== b.campId) return refuse('not_found');
		if (a.status !== 'open' || b.status !== 'open') return refuse('proposal_gone');
		const repo = barcampRepo(ctx.deps);
		const cohosts = [...new Set([...b.cohosts, ...hostsOf(a)])].filter((h) => !(b.authorRole === 'participant' && h === b.authorId));
		const merged = { ...b, cohosts, needs: [...new Set([...b.needs, ...a.needs])], updatedAt: ctx.now };
		repo.updateProposal(merged);
		for (const who of repo.interestedIn(a.id)) ctx.dirty.touchMe(who);
		repo.moveInterest(a.id, b.id, b.campId);
		const gone = { ...a, status: 'merged' as const, mergedInto: b.id, updatedAt: ctx.now };
		repo.updateProposal(gone);
		retire(ctx, gone);
		ctx.events.push({ kind: 'barcamp.proposal.merged', activityId: a.campId, subjectId: a.id, ownerId: a.authorRole === 'participant' ? a.authorId : null, payload: { into: b.id } });
		touchProposal(ctx, gone);
		touchProposal(ctx, merged);
		ctx.dirty.mark(BUCKET.camps, a.campId);
		return ok({ proposalId: a.id, intoId: b.id });
	},

	'proposal:move'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		const repo = barcampRepo(ctx.deps);
		const list = repo.proposalsOf(camp.id).filter((x) => x.id !== prop.id);
		list.splice(Math.min(p.toIndex, list.length), 0, prop);
		list.forEach((x, i) => {
			if (x.position === i + 1) return;
			repo.updateProposal({ ...x, position: i + 1 });
			ctx.dirty.mark(BUCKET.proposals, x.id);
		});
		ctx.events.push({ kind: 'barcamp.proposal.moved', activityId: camp.id, subjectId: prop.id, payload: { toIndex: p.toIndex } });
		return ok({ proposalId: prop.id });
	},

	'barcamp:pitch'(ctx, p) {
		const camp = campOf(ctx, p.activityId);
		if (!camp.ok) return camp;
		const repo = barcampRepo(ctx.deps);
		if (p.proposalId === null) repo.setPitch(camp.value.id, null, null);
		else {
			const prop = repo.proposal(p.proposalId);
			if (!prop || prop.campId !== camp.value.id) return refuse('not_found');
			if (prop.status !== 'open') return refuse('proposal_gone');
			repo.setPitch(camp.value.id, prop.id, ctx.now);
			ctx.events.push({ kind: 'barcamp.proposal.pitched', activityId: camp.value.id, subjectId: prop.id, ownerId: prop.authorRole === 'participant' ? prop.authorId : null });
		}
		ctx.dirty.mark(BUCKET.camps, camp.value.id);
		return ok({ activityId: camp.value.id, proposalId: p.proposalId });
	},

	'interest:set'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (prop.status !== 'open') return refuse('proposal_gone');
		if (!canMarkInterest(camp.phase)) return refuse('interest_closed');
		if (barcampRepo(ctx.deps).setInterest(camp.id, prop.id, ctx.actor.id, p.on, ctx.now)) {
			ctx.events.push({ kind: p.on ? 'barcamp.interest.given' : 'barcamp.interest.withdrawn', activityId: camp.id, subjectId: prop.id, ownerId: prop.authorRole === 'participant' ? prop.authorId : null });
			ctx.dirty.tallies.add(camp.id);
			ctx.dirty.touchMe(ctx.actor.id);
		}
		return ok({ proposalId: prop.id, on: p.on });
	},

	'barcamp:plan'(ctx, p) {
		const camp = campOf(ctx, p.activityId);
		if (!camp.ok) return camp;
		const c = camp.value;
		if (!canArrange(c.phase)) return refuse('not_arranging');
		const repo = barcampRepo(ctx.deps);
		const before = repo.placementsOf(c.id);
		const checked = campInstance(ctx.deps, c.id, p.seed ?? 1);
		if (!checked.ok) return refuse('pins_conflict');
		// The plan made off the event loop (preparePlan) when it was made for exactly this instance; else here.
		const prepared = ctx.prepared as PreparedPlan | undefined;
		const result = prepared && prepared.key === JSON.stringify(checked.value) ? prepared.plan : plan(checked.value);
		const byId = new Map(before.map((x) => [x.proposalId, x]));
		const placed = new Set<string>();
		for (const pl of result.placements) {
			placed.add(pl.session);
			const prev = byId.get(pl.session) ?? null;
			if (prev && prev.roomId === pl.room && prev.slotId === pl.slot) continue;
			place(ctx, c, { proposalId: pl.session, campId: c.id, roomId: pl.room, slotId: pl.slot, pinned: prev?.pinned ?? false }, prev);
			ctx.dirty.mark(BUCKET.placements, pl.session);
		}
		for (const prev of before)
			if (!placed.has(prev.proposalId)) {
				repo.removePlacement(prev.proposalId);
				ctx.dirty.mark(BUCKET.placements, prev.proposalId);
			}
		const unplaced = result.unplaced.map((id) => ({ proposalId: id, reason: whyUnplaced(checked.value, result.placements, id) }));
		repo.setLastPlan(c.id, { at: ctx.now, ...result.score, unplaced });
		ctx.events.push({ kind: 'barcamp.grid.planned', activityId: c.id, subjectId: c.id, payload: { placed: result.placements.length, unplaced: unplaced.length, total: result.score.total } });
		ctx.dirty.mark(BUCKET.camps, c.id);
		for (const prop of repo.proposalsOf(c.id)) for (const h of hostsOf(prop)) ctx.dirty.touchMe(h);
		return ok({ activityId: c.id, placed: result.placements.length, unplaced: unplaced.length, ...result.score });
	},

	'barcamp:place'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (!canArrange(camp.phase)) return refuse('not_arranging');
		if (prop.status !== 'open') return refuse('proposal_gone');
		if ((p.roomId === null) !== (p.slotId === null)) return refuse('invalid_payload');
		const repo = barcampRepo(ctx.deps);
		const mine = repo.placement(prop.id);
		let swapped: string | null = null;
		if (p.roomId === null || p.slotId === null) {
			if (mine) repo.removePlacement(prop.id);
		} else {
			if (!repo.roomsOf(camp.id).some((r) => r.id === p.roomId)) return refuse('unknown_room');
			const slot = repo.slotsOf(camp.id).find((s) => s.id === p.slotId);
			if (!slot) return refuse('unknown_slot');
			if (slot.kind !== 'sessions') return refuse('not_session_slot');
			const other = repo.placementsOf(camp.id).find((x) => x.roomId === p.roomId && x.slotId === p.slotId && x.proposalId !== prop.id) ?? null;
			if (other) {
				swapped = other.proposalId;
				if (mine) place(ctx, camp, { ...other, roomId: mine.roomId, slotId: mine.slotId }, other);
				else repo.removePlacement(other.proposalId);
				ctx.events.push({ kind: 'barcamp.session.placed', activityId: camp.id, subjectId: other.proposalId, payload: { swapped: true, placed: !!mine } });
			}
			place(ctx, camp, { proposalId: prop.id, campId: camp.id, roomId: p.roomId, slotId: p.slotId, pinned: mine?.pinned ?? false }, mine);
		}
		ctx.events.push({ kind: 'barcamp.session.placed', activityId: camp.id, subjectId: prop.id, payload: { swapped: !!swapped, placed: p.roomId !== null } });
		touchGrid(ctx, camp.id, swapped ? [prop.id, swapped] : [prop.id]);
		const ps = gridProblems(ctx.deps, camp.id).filter((x) => x.session === prop.id || x.session === swapped || x.other === prop.id);
		return ok({ proposalId: prop.id, swapped, problems: ps });
	},

	'barcamp:pin'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (!canArrange(camp.phase)) return refuse('not_arranging');
		const repo = barcampRepo(ctx.deps);
		const at = repo.placement(prop.id);
		if (!at) return refuse('not_placed');
		repo.upsertPlacement({ ...at, pinned: p.pinned });
		ctx.events.push({ kind: 'barcamp.session.pinned', activityId: camp.id, subjectId: prop.id, payload: { pinned: p.pinned } });
		touchGrid(ctx, camp.id, [prop.id]);
		return ok({ proposalId: prop.id, pinned: p.pinned });
	},

	'barcamp:hosted'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (prop.status !== 'open') return refuse('proposal_gone');
		const hosts = hostsOf(prop);
		const ids = [...new Set(p.hostIds)];
		if (!ids.every((h) => hosts.includes(h))) return refuse('unknown_host');
		const before = new Set(prop.hostedBy ?? []);
		barcampRepo(ctx.deps).updateProposal({ ...prop, hostedBy: ids, updatedAt: ctx.now });
		for (const h of ids) if (!before.has(h)) ctx.events.push({ kind: 'barcamp.session.hosted', activityId: camp.id, subjectId: prop.id, ownerId: h });
		touchProposal(ctx, prop);
		return ok({ proposalId: prop.id, hostIds: ids });
	},

	'checkin:set'(ctx, p) {
		const found = proposalOf(ctx, p.proposalId);
		if (!found.ok) return found;
		const { p: prop, camp } = found.value;
		if (camp.publishedAt === null) return refuse('not_published');
		if (prop.status !== 'open') return refuse('proposal_gone');
		const repo = barcampRepo(ctx.deps);
		const at = repo.placement(prop.id);
		if (!at) return refuse('not_placed');
		const slot = repo.slotsOf(camp.id).find((s) => s.id === at.slotId);
		if (!slot || !(slot.start <= ctx.now && ctx.now < slot.end)) return refuse('not_current_slot');
		const already = repo.checkinOf(slot.id, ctx.actor.id);
		if (already && already !== prop.id) return refuse('already_checked_in');
		if (!already && repo.addCheckin(camp.id, slot.id, ctx.actor.id, prop.id, ctx.now)) {
			ctx.events.push({ kind: 'barcamp.session.checked_in', activityId: camp.id, subjectId: prop.id, ownerId: ctx.actor.id, payload: { slot: slot.id } });
			ctx.dirty.touchMe(ctx.actor.id);
			ctx.dirty.texts.add(camp.id);
			ctx.dirty.mark(BUCKET.camps, camp.id);
		}
		return ok({ proposalId: prop.id, slotId: slot.id });
	}
};

/** The planner's instance of a camp now (open proposals, session slots, rooms, interest, pins), checked. */
function campInstance(deps: Deps, campId: string, seed: number) {
	const repo = barcampRepo(deps);
	const inst = planInstance(repo.roomsOf(campId), repo.slotsOf(campId), repo.proposalsOf(campId), repo.placementsOf(campId), repo.interestByParticipant(campId), seed);
	return parseInstance(JSON.parse(JSON.stringify(inst)));
}

interface PreparedPlan {
	key: string;
	plan: Plan;
}

/**
 * Plans a camp in the planner's worker thread before `barcamp:plan`'s transaction, so the room's event loop never
 * waits for the planner; the handler uses it only if the instance is still the same (nothing was starred, moved or
 * pinned meanwhile). Nothing to prepare for a camp that is not this workshop's or whose pins contradict each other.
 */
export async function preparePlan(deps: Deps, workshopId: string, p: { activityId: string; seed?: number }): Promise<PreparedPlan | undefined> {
	const camp = barcampRepo(deps).camp(p.activityId);
	if (!camp || camp.workshopId !== workshopId || !canArrange(camp.phase)) return undefined;
	const checked = campInstance(deps, camp.id, p.seed ?? 1);
	if (!checked.ok) return undefined;
	return { key: JSON.stringify(checked.value), plan: await planPool.plan(checked.value) };
}

function names(ctx: CommandContext, p: Proposal): Map<string, string> {
	return ctx.deps.services.authorNames([{ authorId: p.authorId, authorRole: p.authorRole }, ...p.cohosts.map((c) => ({ authorId: c, authorRole: 'participant' }))]);
}

function ownView(ctx: CommandContext, p: Proposal) {
	return proposalView(p, names(ctx, p), 'own')!;
}

/** Entering `live` for the first time publishes the grid; leaving the pitch takes the proposal off the projector. */
export function barcampPhaseChanged(ctx: CommandContext, activity: ActivityRow, from: string) {
	const repo = barcampRepo(ctx.deps);
	const camp = repo.camp(activity.id);
	if (!camp) return;
	if ((activity.phase as Phase) === 'live' && camp.publishedAt === null) {
		repo.setPublished(camp.id, ctx.now);
		ctx.events.push({ kind: 'barcamp.grid.published', activityId: camp.id, subjectId: camp.id, payload: { placed: repo.placementsOf(camp.id).length } });
	}
	if (from === 'pitch' && camp.pitchProposalId) repo.setPitch(camp.id, null, null);
	ctx.dirty.mark(BUCKET.camps, camp.id);
	ctx.dirty.texts.add(camp.id);
}

/** Receipts keep what the ack said; a replayed proposal command answers with the proposal as it is now. */
export function storedResult(name: string, value: unknown): unknown {
	if ((name === 'proposal:create' || name === 'proposal:update') && value && typeof value === 'object' && 'proposal' in value) return { proposalRef: (value as BarcampResults['proposal:create']).proposal.id };
	return value;
}

export function replayResult(deps: Deps, workshopId: string, stored: unknown): Result<unknown, ErrorCode> | null {
	if (!stored || typeof stored !== 'object' || typeof (stored as { proposalRef?: unknown }).proposalRef !== 'string') return null;
	const p = barcampRepo(deps).proposal((stored as { proposalRef: string }).proposalRef);
	if (!p || p.workshopId !== workshopId) return refuse('not_found');
	const n = deps.services.authorNames([{ authorId: p.authorId, authorRole: p.authorRole }, ...p.cohosts.map((c) => ({ authorId: c, authorRole: 'participant' }))]);
	return ok({ proposal: proposalView(p, n, 'own') });
}
