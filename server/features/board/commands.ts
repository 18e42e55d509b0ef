import {
	afterTextChange,
	applyColumnOp,
	applyLaneOp,
	canChangeCard,
	canCreateCard,
	changePhase,
	cleanCardText,
	cleanTitle,
	hasRoomForCard,
	landingPosition,
	moderatedStatus,
	newCardFlags,
	positionBetween,
	type Board,
	type Card,
	type Phase,
	type Actor
} from '../../../src/lib/features/board/domain';
import { castVote, isVotable, votableItemIds } from '../../../src/lib/features/board/votes';
import { REMOVED_EXCERPT_LENGTH, type BoardResults, type BoardCommands } from '../../../src/lib/features/board/spec';
import { rankOutcome } from '../../../src/lib/domain/participation';
import { ok, refuse, type Result } from '../../../src/lib/domain/result';
import type { ServerModule, CommandContext } from '../../realtime/modules';
import type { ActivityRow } from '../../db/activities';
import type { Deps } from '../../deps';
import { newId } from '../../ids';
import { boardRepo } from './repo';
import { BUCKET, ownCardView } from './views';

type ErrorCode = string;

/** The board of this workshop with this id; for a participant only while it is the active activity. */
function boardOf(ctx: CommandContext, boardId: string): Result<Board, ErrorCode> {
	const a = ctx.activity(boardId, 'board');
	if (!a.ok) return a;
	const b = boardRepo(ctx.deps).board(boardId);
	return b ? ok(b) : refuse('not_found');
}

function cardOf(ctx: CommandContext, cardId: string): Result<{ card: Card; board: Board }, ErrorCode> {
	const card = boardRepo(ctx.deps).card(cardId);
	if (!card) return refuse('not_found');
	const board = boardOf(ctx, card.boardId);
	return board.ok ? ok({ card, board: board.value }) : board;
}

function touchCard(ctx: CommandContext, card: Card) {
	ctx.dirty.mark(BUCKET.cards, card.id);
	ctx.dirty.mark(BUCKET.boards, card.boardId);
	const owner = ownerOf(card);
	if (owner) ctx.dirty.touchMe(owner);
}

/** The participant who wrote a card, or null for a facilitator's card or one whose author erased their data (the log's `ownerId`). */
function ownerOf(card: Pick<Card, 'authorId' | 'authorRole' | 'erasedAt'>): string | null {
	return card.authorRole === 'participant' && !card.erasedAt ? card.authorId : null;
}

/**
 * The outcome of a vote that just closed: one `board.vote.closed_outcome` per ranked item and participant author
 * (a cluster counts for every participant with a visible card in it; an item no participant wrote gets one event
 * with no owner). Items without dots are not ranked.
 */
function recordOutcome(ctx: CommandContext, b: Board) {
	const repo = boardRepo(ctx.deps);
	const cards = repo.cardsOf(b.id);
	const clusters = repo.clustersOf(b.id);
	const visible = votableItemIds(b, cards, clusters);
	const items = [...clusters.map((c) => ({ id: c.id, createdAt: c.createdAt, kind: 'cluster' as const })), ...cards.filter((c) => visible.has(c.id)).map((c) => ({ id: c.id, createdAt: c.createdAt, kind: 'card' as const }))];
	const kindOf = new Map(items.map((i) => [i.id, i.kind]));
	const ranked = rankOutcome(items, repo.tally(b.id));
	const owners = new Map<string, Set<string>>();
	for (const c of cards) {
		const owner = ownerOf(c);
		const item = c.clusterId ?? c.id;
		if (!owner || (c.clusterId && c.status !== 'visible')) continue;
		if (!owners.has(item)) owners.set(item, new Set());
		owners.get(item)!.add(owner);
	}
	for (const r of ranked) {
		const payload = { rank: r.rank, dots: r.dots, item: kindOf.get(r.itemId)!, ranked: ranked.length };
		const who = [...(owners.get(r.itemId) ?? [])];
		for (const ownerId of who.length ? who : [null]) ctx.events.push({ kind: 'board.vote.closed_outcome', activityId: b.id, subjectId: r.itemId, ownerId, payload });
	}
}

/**
 * Records that voting on a board closed (with its outcome) or opened again, when the change did that. Voting is
 * open only in the Vote phase: a board that skips from Collect to Discuss closes nothing.
 */
function recordVotingChange(ctx: CommandContext, before: Board, after: Board) {
	if (before.phase === 'vote' && !before.votingClosed && after.votingClosed) {
		ctx.events.push({ kind: 'board.vote.closed', activityId: after.id, subjectId: after.id });
		recordOutcome(ctx, after);
	} else if (before.votingClosed && !after.votingClosed && after.phase === 'vote') {
		ctx.events.push({ kind: 'board.vote.reopened', activityId: after.id, subjectId: after.id });
	}
}

/** Clears dots on an item that stopped being votable and marks the voters' state and the tally. */
function clearVotes(ctx: CommandContext, boardId: string, itemId: string) {
	const { voters, changed } = boardRepo(ctx.deps).clearVotesOn(itemId);
	if (changed) ctx.dirty.tallies.add(boardId);
	for (const v of voters) ctx.dirty.touchMe(v);
}

/** Deletes one card (its dots, its minutes, the discussion of it) and logs who did it; answers the board as it is now. */
function deleteOne(ctx: CommandContext, board: Board, card: Card): Board {
	clearVotes(ctx, board.id, card.id);
	boardRepo(ctx.deps).deleteCard(card.id);
	ctx.dirty.textsGone.add(`${board.id}.${card.id}`);
	let now = board;
	if (board.discussItemId === card.id) {
		now = { ...board, discussItemId: null };
		boardRepo(ctx.deps).saveBoard(now);
	}
	touchCard(ctx, card);
	const byStaff = ctx.actor.role === 'facilitator' && !(card.authorRole === 'facilitator' && card.authorId === ctx.actor.id);
	// Its author's phone says that the facilitator removed it, with how it began.
	// (Not for a card whose author erased their data: there is nobody to tell.)
	const owner = ownerOf(card);
	if (byStaff && owner) {
		boardRepo(ctx.deps).recordRemoval({ cardId: card.id, boardId: board.id, participantId: owner, excerpt: [...card.text].slice(0, REMOVED_EXCERPT_LENGTH).join(''), removedAt: ctx.now });
	}
	ctx.events.push({ kind: byStaff ? 'board.card.removed_by_facilitator' : 'board.card.deleted', activityId: board.id, subjectId: card.id, ownerId: ownerOf(card) });
	return now;
}

/** Where a move sends cards: a column and lane of the board, or a group of it (whose column the cards take). */
interface MoveTarget {
	columnId: string;
	/** undefined: each card keeps its lane. */
	laneId: string | null | undefined;
	/** undefined: each card keeps its group. */
	clusterId: string | null | undefined;
	/** The group's column, when the target is a group. */
	clusterColumnId: string | null;
}

function moveTarget(ctx: CommandContext, board: Board, p: { columnId: string; laneId?: string | null; clusterId?: string | null }): Result<MoveTarget, ErrorCode> {
	if (!board.columns.some((c) => c.id === p.columnId)) return refuse('unknown_column');
	if (p.laneId && !board.lanes.some((l) => l.id === p.laneId)) return refuse('unknown_lane');
	let clusterColumnId: string | null = null;
	if (p.clusterId) {
		const cl = boardRepo(ctx.deps).cluster(p.clusterId);
		if (!cl || cl.boardId !== board.id) return refuse('not_found');
		clusterColumnId = cl.columnId;
	}
	return ok({ columnId: p.columnId, laneId: p.laneId, clusterId: p.clusterId, clusterColumnId });
}

/** Moves one card to a checked target (a card that keeps its group keeps its group's column). */
function moveOne(ctx: CommandContext, board: Board, card: Card, t: MoveTarget, beforeId: string | null | undefined) {
	const repo = boardRepo(ctx.deps);
	const laneId = t.laneId === undefined ? card.laneId : t.laneId;
	const clusterId = t.clusterId === undefined ? card.clusterId : t.clusterId;
	let columnId = t.columnId;
	if (clusterId) columnId = t.clusterId ? t.clusterColumnId! : (repo.cluster(clusterId)?.columnId ?? t.columnId);
	const position = landingPosition(
		card,
		{ columnId, clusterId, beforeId },
		() => repo.cardsOf(board.id).filter((c) => c.columnId === columnId && c.id !== card.id),
		() => repo.lastPosition(board.id, columnId)
	);
	if (clusterId && !card.clusterId) clearVotes(ctx, board.id, card.id);
	repo.updateCard(card.id, { columnId, laneId, clusterId, position }, ctx.now);
	touchCard(ctx, card);
	ctx.events.push({ kind: 'board.card.moved', activityId: board.id, subjectId: card.id, ownerId: ownerOf(card), payload: { columnId, laneId, clusterId } });
	if (clusterId !== card.clusterId) ctx.dirty.tallies.add(board.id);
}

/** Hides, shows or approves one card, or marks an author's edit of it as seen; any of them clears that mark. */
function moderateOne(ctx: CommandContext, card: Card, action: 'hide' | 'show' | 'approve' | 'acknowledge') {
	const status = moderatedStatus(card, action);
	boardRepo(ctx.deps).updateCard(card.id, { status, authorEditedAt: null }, ctx.now);
	// A hidden card's minutes are the staff's only.
	ctx.dirty.texts.add(card.boardId);
	touchCard(ctx, card);
	const kind = (
		{
			hide: 'board.card.hidden_by_facilitator',
			show: 'board.card.shown_by_facilitator',
			approve: 'board.card.approved_by_facilitator',
			acknowledge: 'board.card.edit_acknowledged_by_facilitator'
		} as const
	)[action];
	ctx.events.push({ kind, activityId: card.boardId, subjectId: card.id, ownerId: ownerOf(card) });
}

/** The sender as the board's rules know them: the board's commands are for facilitators and participants only (a juror's role sends none). */
const boardActor = (ctx: CommandContext) => ctx.actor as Actor;

/** One handler per board command (the type requires every command of the spec, with its result). */
export const handlers: ServerModule<typeof import('../../../src/lib/features/board/spec').boardSpec, BoardResults>['handlers'] = {
	'card:create'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const allowed = canCreateCard(b, boardActor(ctx));
		if (!allowed.ok) return allowed;
		const text = cleanCardText(p.text);
		if (!text.ok) return text;
		const columnId = p.columnId ?? b.columns[0].id;
		if (!b.columns.some((c) => c.id === columnId)) return refuse('unknown_column');
		const laneId = p.laneId ?? null;
		if (laneId && !b.lanes.some((l) => l.id === laneId)) return refuse('unknown_lane');
		const repo = boardRepo(ctx.deps);
		const room = hasRoomForCard(b, boardActor(ctx), { onBoard: repo.countCards(b.id), byActor: boardActor(ctx).role === 'participant' ? repo.countCardsBy(b.id, boardActor(ctx).id) : 0 });
		if (!room.ok) return room;
		const card: Card = {
			id: newId(),
			boardId: b.id,
			authorId: ctx.actor.id,
			authorRole: boardActor(ctx).role,
			text: text.value,
			columnId,
			laneId,
			clusterId: null,
			position: positionBetween(boardRepo(ctx.deps).lastPosition(b.id, columnId), null),
			...newCardFlags(b, boardActor(ctx)),
			createdAt: ctx.now
		};
		boardRepo(ctx.deps).insertCard(card);
		touchCard(ctx, card);
		ctx.events.push({ kind: 'board.card.posted', activityId: b.id, subjectId: card.id, ownerId: ownerOf(card), payload: { length: card.text.length, status: card.status } });
		const name = ctx.deps.services.authorNames([card]).get(card.authorId) ?? '';
		return ok({ card: ownCardView(card, b, name) });
	},

	'card:update'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card, board } = found.value;
		// A card removed by its author keeps its place, never new words (nobody may write in someone's name).
		if (card.erasedAt) return refuse('not_found');
		const allowed = canChangeCard(board, card, boardActor(ctx));
		if (!allowed.ok) return allowed;
		const text = cleanCardText(p.text);
		if (!text.ok) return text;
		// An author's edit of a card the facilitator let through waits for approval again (or is marked for them).
		const moderation = afterTextChange(board, card, boardActor(ctx), ctx.now);
		boardRepo(ctx.deps).updateCard(card.id, { text: text.value, ...moderation }, ctx.now);
		touchCard(ctx, card);
		// A card the room stops seeing takes its minutes away from the room.
		if (moderation.status !== card.status) ctx.dirty.texts.add(card.boardId);
		ctx.events.push({ kind: 'board.card.edited', activityId: board.id, subjectId: card.id, ownerId: ownerOf(card), payload: { length: text.value.length } });
		const name = ctx.deps.services.authorNames([card]).get(card.authorId) ?? '';
		return ok({ card: ownCardView({ ...card, text: text.value, ...moderation }, board, name) });
	},

	'card:delete'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card, board } = found.value;
		const allowed = canChangeCard(board, card, boardActor(ctx));
		if (!allowed.ok) return allowed;
		deleteOne(ctx, board, card);
		return ok({ cardId: card.id });
	},

	'card:move'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card, board } = found.value;
		const target = moveTarget(ctx, board, p);
		if (!target.ok) return target;
		moveOne(ctx, board, card, target.value, p.beforeId);
		return ok({ cardId: card.id });
	},

	'card:moderate'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		moderateOne(ctx, found.value.card, p.action);
		return ok({ cardId: found.value.card.id });
	},

	'card:bulk'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const repo = boardRepo(ctx.deps);
		// Every card is checked before anything is written: one refusal refuses the whole step.
		const cards: Card[] = [];
		for (const cardId of new Set(p.cardIds)) {
			const card = repo.card(cardId);
			if (!card || card.boardId !== b.id) return refuse('not_found');
			if (p.op.type === 'delete') {
				const allowed = canChangeCard(b, card, boardActor(ctx));
				if (!allowed.ok) return allowed;
			}
			cards.push(card);
		}
		const op = p.op;
		if (op.type === 'move') {
			const target = moveTarget(ctx, b, op);
			if (!target.ok) return target;
			for (const card of cards) moveOne(ctx, b, card, target.value, undefined);
		} else if (op.type === 'delete') {
			let current = b;
			for (const card of cards) current = deleteOne(ctx, current, card);
		} else {
			for (const card of cards) moderateOne(ctx, card, op.type);
		}
		return ok({ boardId: b.id, cardIds: cards.map((c) => c.id) });
	},

	'cluster:create'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const title = cleanTitle(p.title);
		if (!title.ok) return title;
		const columnId = p.columnId ?? b.columns[0].id;
		if (!b.columns.some((c) => c.id === columnId)) return refuse('unknown_column');
		const laneId = p.laneId ?? null;
		if (laneId && !b.lanes.some((l) => l.id === laneId)) return refuse('unknown_lane');
		const id = newId();
		const repo = boardRepo(ctx.deps);
		repo.insertCluster({ id, boardId: b.id, title: title.value, columnId, laneId, position: ctx.now, createdAt: ctx.now });
		ctx.dirty.mark(BUCKET.clusters, id);
		let grouped = 0;
		for (const cardId of p.cardIds ?? []) {
			const card = repo.card(cardId);
			if (!card || card.boardId !== b.id) continue;
			grouped++;
			clearVotes(ctx, b.id, card.id);
			repo.updateCard(card.id, { clusterId: id, columnId }, ctx.now);
			touchCard(ctx, card);
		}
		ctx.dirty.mark(BUCKET.boards, b.id);
		ctx.events.push({ kind: 'board.cluster.created', activityId: b.id, subjectId: id, payload: { cards: grouped } });
		return ok({ clusterId: id });
	},

	'cluster:update'(ctx, p) {
		const repo = boardRepo(ctx.deps);
		const cl = repo.cluster(p.clusterId);
		if (!cl) return refuse('not_found');
		const board = boardOf(ctx, cl.boardId);
		if (!board.ok) return board;
		const patch: { title?: string; columnId?: string; laneId?: string | null } = {};
		if (p.title !== undefined) {
			const t = cleanTitle(p.title);
			if (!t.ok) return t;
			patch.title = t.value;
		}
		if (p.columnId !== undefined) {
			if (!board.value.columns.some((c) => c.id === p.columnId)) return refuse('unknown_column');
			patch.columnId = p.columnId;
		}
		if (p.laneId !== undefined) {
			if (p.laneId && !board.value.lanes.some((l) => l.id === p.laneId)) return refuse('unknown_lane');
			patch.laneId = p.laneId;
		}
		repo.updateCluster(cl.id, patch);
		if (patch.columnId && patch.columnId !== cl.columnId) {
			for (const card of repo.cardsOf(cl.boardId).filter((c) => c.clusterId === cl.id)) {
				repo.updateCard(card.id, { columnId: patch.columnId }, ctx.now);
				touchCard(ctx, card);
			}
		}
		ctx.dirty.mark(BUCKET.clusters, cl.id);
		ctx.events.push({ kind: 'board.cluster.edited', activityId: cl.boardId, subjectId: cl.id });
		return ok({ clusterId: cl.id });
	},

	'cluster:delete'(ctx, p) {
		const repo = boardRepo(ctx.deps);
		const cl = repo.cluster(p.clusterId);
		if (!cl) return refuse('not_found');
		const board = boardOf(ctx, cl.boardId);
		if (!board.ok) return board;
		const members = repo.cardsOf(cl.boardId).filter((c) => c.clusterId === cl.id);
		clearVotes(ctx, cl.boardId, cl.id);
		repo.deleteCluster(cl.id);
		ctx.dirty.textsGone.add(`${cl.boardId}.${cl.id}`);
		for (const card of members) touchCard(ctx, card);
		if (board.value.discussItemId === cl.id) repo.saveBoard({ ...board.value, discussItemId: null });
		ctx.dirty.mark(BUCKET.clusters, cl.id);
		ctx.dirty.mark(BUCKET.boards, cl.boardId);
		ctx.dirty.tallies.add(cl.boardId);
		ctx.events.push({ kind: 'board.cluster.removed', activityId: cl.boardId, subjectId: cl.id, payload: { cards: members.length } });
		return ok({ clusterId: cl.id });
	},

	'vote:cast'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const repo = boardRepo(ctx.deps);
		const mine = repo.myVotes(b.id, ctx.actor.id);
		let votable = false;
		if (p.delta === 1) {
			const card = repo.card(p.itemId);
			const cluster = card ? null : repo.cluster(p.itemId);
			votable = card ? isVotable(b, { card }) : !!cluster && isVotable(b, { cluster });
		}
		const r = castVote(b, mine, p.itemId, p.delta, votable);
		if (!r.ok) return r;
		repo.setVote(b.id, ctx.actor.id, p.itemId, r.value.count);
		ctx.dirty.tallies.add(b.id);
		ctx.dirty.touchMe(ctx.actor.id);
		ctx.events.push({ kind: p.delta === 1 ? 'board.vote.cast' : 'board.vote.withdrawn', activityId: b.id, subjectId: p.itemId, payload: { dots: r.value.count } });
		return ok({ boardId: b.id, itemId: p.itemId, ...r.value });
	},

	'board:update'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const next = { ...board.value, settings: { ...board.value.settings, ...(p.settings ?? {}) } };
		if (p.title !== undefined) {
			const t = cleanTitle(p.title);
			if (!t.ok) return t;
			next.title = t.value;
			// The title is the activity's.
			ctx.deps.repos.activities.rename(next.id, t.value);
			ctx.dirty.activities.add(next.id);
		}
		boardRepo(ctx.deps).saveBoard(next);
		ctx.dirty.mark(BUCKET.boards, next.id);
		ctx.dirty.full.add(next.id);
		ctx.dirty.tallies.add(next.id);
		ctx.events.push({ kind: 'board.settings.changed', activityId: next.id, subjectId: next.id });
		return ok({ boardId: next.id });
	},

	'board:columns'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const r = applyColumnOp(board.value.columns, p.op, newId());
		if (!r.ok) return r;
		if (r.value.moveCardsTo) {
			boardRepo(ctx.deps).moveColumnCards(board.value.id, r.value.moveCardsTo.from, r.value.moveCardsTo.to);
			ctx.dirty.full.add(board.value.id);
		}
		boardRepo(ctx.deps).saveBoard({ ...board.value, columns: r.value.columns });
		ctx.dirty.mark(BUCKET.boards, board.value.id);
		ctx.events.push({ kind: 'board.columns.changed', activityId: board.value.id, subjectId: board.value.id, payload: { op: p.op.type } });
		return ok({ boardId: board.value.id });
	},

	'board:lanes'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const r = applyLaneOp(board.value.lanes, p.op, newId());
		if (!r.ok) return r;
		if (r.value.clearLane) {
			boardRepo(ctx.deps).clearLane(board.value.id, r.value.clearLane);
			ctx.dirty.full.add(board.value.id);
		}
		boardRepo(ctx.deps).saveBoard({ ...board.value, lanes: r.value.lanes });
		ctx.dirty.mark(BUCKET.boards, board.value.id);
		ctx.events.push({ kind: 'board.lanes.changed', activityId: board.value.id, subjectId: board.value.id, payload: { op: p.op.type } });
		return ok({ boardId: board.value.id });
	},

	'board:voting'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const next = { ...board.value, votingClosed: p.closed };
		boardRepo(ctx.deps).saveBoard(next);
		ctx.dirty.mark(BUCKET.boards, board.value.id);
		recordVotingChange(ctx, board.value, next);
		ctx.dirty.tallies.add(board.value.id);
		return ok({ boardId: board.value.id });
	},

	'board:discuss'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		if (p.itemId) {
			const b = board.value;
			const repo = boardRepo(ctx.deps);
			const items = votableItemIds(b, repo.cardsOf(b.id), repo.clustersOf(b.id));
			if (!items.has(p.itemId)) return refuse('not_found');
		}
		boardRepo(ctx.deps).saveBoard({ ...board.value, discussItemId: p.itemId });
		// Participants write the minutes of the item under discussion only.
		ctx.dirty.texts.add(board.value.id);
		ctx.dirty.mark(BUCKET.boards, board.value.id);
		ctx.events.push(p.itemId ? { kind: 'board.discussion.opened', activityId: board.value.id, subjectId: p.itemId } : { kind: 'board.discussion.ended', activityId: board.value.id, subjectId: board.value.discussItemId });
		return ok({ boardId: board.value.id });
	},

};

/**
 * What moving the board to another phase does (the activity's phase is stored already): leaving Collect reveals
 * every card, Vote opens voting and Discuss closes it (with the outcome in the log).
 */
export function boardPhaseChanged(ctx: CommandContext, activity: ActivityRow, from: string) {
	const board = boardRepo(ctx.deps).board(activity.id);
	if (!board) return;
	const before = { ...board, phase: from as Phase };
	const { board: next, revealAll } = changePhase(before, board.phase);
	if (revealAll) boardRepo(ctx.deps).revealAll(next.id, ctx.now);
	boardRepo(ctx.deps).saveBoard(next);
	ctx.dirty.mark(BUCKET.boards, next.id);
	ctx.dirty.texts.add(next.id);
	recordVotingChange(ctx, before, next);
}

/** A stored result that names a card by id: what `card:create` and `card:update` keep in their receipt. */
interface CardRef {
	cardRef: string;
}

/**
 * What a command's receipt keeps of its result. A card's view carries its text and its author's nickname, which
 * must not outlive the card (nor sit under a facilitator's id when they edit a participant's card): the receipt
 * names the card, and a replay reads it again (`replayResult`).
 */
export function storedResult(name: string, value: unknown): unknown {
	if ((name === 'card:create' || name === 'card:update') && value && typeof value === 'object' && 'card' in value) {
		return { cardRef: (value as BoardResults['card:create']).card.id } satisfies CardRef;
	}
	return value;
}

/** The answer to a replayed command from its stored result: the card as it is now, or `not_found` once it is gone. */
export function replayResult(deps: Deps, workshopId: string, stored: unknown): Result<unknown, ErrorCode> | null {
	if (!stored || typeof stored !== 'object' || typeof (stored as Partial<CardRef>).cardRef !== 'string') return null;
	const card = boardRepo(deps).card((stored as CardRef).cardRef);
	const board = card && boardRepo(deps).board(card.boardId);
	if (!card || !board || board.workshopId !== workshopId) return refuse('not_found');
	const name = deps.services.authorNames([card]).get(card.authorId) ?? '';
	return ok({ card: ownCardView(card, board, name) });
}
