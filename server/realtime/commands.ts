import {
	applyColumnOp,
	applyLaneOp,
	canChangeCard,
	canCreateCard,
	changePhase,
	cleanCardText,
	cleanTitle,
	isCardPublic,
	hasRoomForCard,
	newCardFlags,
	positionBetween,
	type Actor,
	type Board,
	type Card
} from '../../src/lib/features/board/domain';
import { castVote, votableItemIds } from '../../src/lib/features/board/votes';
import { rankOutcome, type ParticipationEvent } from '../../src/lib/domain/participation';
import { extendTimer, idleTimer, pauseTimer, resumeTimer, startTimer, timerAfterPhaseChange, type TimerState } from '../../src/lib/domain/timer';
import { ok, refuse, type Result } from '../../src/lib/domain/result';
import type { CommandName, CommandPayload } from '../../src/lib/protocol/schemas';
import type { CardView, CommandResults, ErrorCode } from '../../src/lib/protocol/events';
import type { Deps } from '../deps';
import { parseTimer, type WorkshopRow } from '../db/workshops';
import { defaultBoard, isLocale } from '../services';
import { newId } from '../ids';
import { Dirty } from './dirty';

/** What a handler may use: the repositories inside the open transaction, the actor from the session, the clock. */
export interface CommandContext {
	deps: Deps;
	workshop: WorkshopRow;
	actor: Actor;
	now: number;
	dirty: Dirty;
	/** The participation events of this command, written by the caller in the same transaction. */
	events: ParticipationEvent[];
}

/** Commands handled by the gateway itself rather than by a board rule. */
export type SpecialCommand = 'session:hello' | 'me:data' | 'me:forget' | 'workshop:delete';
type Handler<C extends Exclude<CommandName, SpecialCommand>> = (ctx: CommandContext, p: CommandPayload<C>) => Result<CommandResults[C], ErrorCode>;
type Handlers = { [C in Exclude<CommandName, SpecialCommand>]: Handler<C> };

function boardOf(ctx: CommandContext, boardId: string): Result<Board, ErrorCode> {
	const b = ctx.deps.repos.boards.board(boardId);
	return b && b.workshopId === ctx.workshop.id ? ok(b) : refuse('not_found');
}

function cardOf(ctx: CommandContext, cardId: string): Result<{ card: Card; board: Board }, ErrorCode> {
	const card = ctx.deps.repos.boards.card(cardId);
	if (!card) return refuse('not_found');
	const board = boardOf(ctx, card.boardId);
	return board.ok ? ok({ card, board: board.value }) : board;
}

/** The card as its author sees it on their own device. */
export function ownCardView(card: Card, board: Board, authorName: string): CardView {
	return {
		id: card.id,
		boardId: card.boardId,
		text: card.text,
		columnId: card.columnId,
		laneId: card.laneId,
		clusterId: card.clusterId,
		position: card.position,
		createdAt: card.createdAt,
		author: board.settings.anonymous ? null : authorName,
		status: card.status,
		authorName,
		hidden: !isCardPublic(card, board)
	};
}

function touchCard(ctx: CommandContext, card: Card) {
	ctx.dirty.cards.add(card.id);
	ctx.dirty.boards.add(card.boardId);
	if (card.authorRole === 'participant') ctx.dirty.touchMe(card.authorId);
}

/** The participant who wrote a card, or null for a facilitator's card (the log's `ownerId`). */
function ownerOf(card: Pick<Card, 'authorId' | 'authorRole'>): string | null {
	return card.authorRole === 'participant' ? card.authorId : null;
}

/**
 * The outcome of a vote that just closed: one `board.vote.closed_outcome` per ranked item and participant author
 * (a cluster counts for every participant with a visible card in it; an item no participant wrote gets one event
 * with no owner). Items without dots are not ranked.
 */
function recordOutcome(ctx: CommandContext, b: Board) {
	const repo = ctx.deps.repos.boards;
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
	const voters = ctx.deps.repos.boards.clearVotesOn(itemId);
	if (voters.length) {
		ctx.dirty.tallies.add(boardId);
		for (const v of voters) ctx.dirty.touchMe(v);
	}
}

const handlers: Handlers = {
	'card:create'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const allowed = canCreateCard(b, ctx.actor);
		if (!allowed.ok) return allowed;
		const text = cleanCardText(p.text);
		if (!text.ok) return text;
		const columnId = p.columnId ?? b.columns[0].id;
		if (!b.columns.some((c) => c.id === columnId)) return refuse('unknown_column');
		const laneId = p.laneId ?? null;
		if (laneId && !b.lanes.some((l) => l.id === laneId)) return refuse('unknown_lane');
		const repo = ctx.deps.repos.boards;
		const room = hasRoomForCard(b, ctx.actor, { onBoard: repo.countCards(b.id), byActor: ctx.actor.role === 'participant' ? repo.countCardsBy(b.id, ctx.actor.id) : 0 });
		if (!room.ok) return room;
		const card: Card = {
			id: newId(),
			boardId: b.id,
			authorId: ctx.actor.id,
			authorRole: ctx.actor.role,
			text: text.value,
			columnId,
			laneId,
			clusterId: null,
			position: positionBetween(ctx.deps.repos.boards.lastPosition(b.id, columnId), null),
			...newCardFlags(b, ctx.actor),
			createdAt: ctx.now
		};
		ctx.deps.repos.boards.insertCard(card);
		touchCard(ctx, card);
		ctx.events.push({ kind: 'board.card.posted', activityId: b.id, subjectId: card.id, ownerId: ownerOf(card), payload: { length: card.text.length, status: card.status } });
		const name = ctx.deps.services.authorNames([card]).get(card.authorId) ?? '';
		return ok({ card: ownCardView(card, b, name) });
	},

	'card:update'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card, board } = found.value;
		const allowed = canChangeCard(board, card, ctx.actor);
		if (!allowed.ok) return allowed;
		const text = cleanCardText(p.text);
		if (!text.ok) return text;
		ctx.deps.repos.boards.updateCard(card.id, { text: text.value }, ctx.now);
		touchCard(ctx, card);
		ctx.events.push({ kind: 'board.card.edited', activityId: board.id, subjectId: card.id, ownerId: ownerOf(card), payload: { length: text.value.length } });
		const name = ctx.deps.services.authorNames([card]).get(card.authorId) ?? '';
		return ok({ card: ownCardView({ ...card, text: text.value }, board, name) });
	},

	'card:delete'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card, board } = found.value;
		const allowed = canChangeCard(board, card, ctx.actor);
		if (!allowed.ok) return allowed;
		clearVotes(ctx, board.id, card.id);
		ctx.deps.repos.boards.deleteCard(card.id);
		if (board.discussItemId === card.id) {
			ctx.deps.repos.boards.saveBoard({ ...board, discussItemId: null });
		}
		touchCard(ctx, card);
		const byStaff = ctx.actor.role === 'facilitator' && !(card.authorRole === 'facilitator' && card.authorId === ctx.actor.id);
		ctx.events.push({ kind: byStaff ? 'board.card.removed_by_facilitator' : 'board.card.deleted', activityId: board.id, subjectId: card.id, ownerId: ownerOf(card) });
		return ok({ cardId: card.id });
	},

	'card:move'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card, board } = found.value;
		const repo = ctx.deps.repos.boards;
		if (!board.columns.some((c) => c.id === p.columnId)) return refuse('unknown_column');
		const laneId = p.laneId === undefined ? card.laneId : p.laneId;
		if (laneId && !board.lanes.some((l) => l.id === laneId)) return refuse('unknown_lane');
		let clusterId = p.clusterId === undefined ? card.clusterId : p.clusterId;
		let columnId = p.columnId;
		if (clusterId) {
			const cl = repo.cluster(clusterId);
			if (!cl || cl.boardId !== board.id) return refuse('not_found');
			columnId = cl.columnId;
		}
		let position: number;
		if (p.beforeId) {
			const cards = repo.cardsOf(board.id).filter((c) => c.columnId === columnId && c.id !== card.id);
			const i = cards.findIndex((c) => c.id === p.beforeId);
			position = i < 0 ? positionBetween(cards.at(-1)?.position ?? null, null) : positionBetween(i > 0 ? cards[i - 1].position : null, cards[i].position);
		} else {
			position = card.columnId === columnId && card.clusterId === clusterId ? card.position : positionBetween(repo.lastPosition(board.id, columnId), null);
		}
		if (clusterId && !card.clusterId) clearVotes(ctx, board.id, card.id);
		repo.updateCard(card.id, { columnId, laneId, clusterId, position }, ctx.now);
		touchCard(ctx, card);
		ctx.events.push({ kind: 'board.card.moved', activityId: board.id, subjectId: card.id, ownerId: ownerOf(card), payload: { columnId, laneId, clusterId } });
		if (clusterId !== card.clusterId) ctx.dirty.tallies.add(board.id);
		return ok({ cardId: card.id });
	},

	'card:moderate'(ctx, p) {
		const found = cardOf(ctx, p.cardId);
		if (!found.ok) return found;
		const { card } = found.value;
		const status = p.action === 'hide' ? 'hidden' : 'visible';
		ctx.deps.repos.boards.updateCard(card.id, { status }, ctx.now);
		touchCard(ctx, card);
		const kind = p.action === 'hide' ? 'board.card.hidden_by_facilitator' : p.action === 'approve' ? 'board.card.approved_by_facilitator' : 'board.card.shown_by_facilitator';
		ctx.events.push({ kind, activityId: card.boardId, subjectId: card.id, ownerId: ownerOf(card) });
		return ok({ cardId: card.id });
	},

	'cluster:create'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const title = cleanTitle(p.title);
		if (!title.ok) return title;
		const columnId = p.columnId ?? b.columns[0].id;
		if (!b.columns.some((c) => c.id === columnId)) return refuse('unknown_column');
		const id = newId();
		const repo = ctx.deps.repos.boards;
		repo.insertCluster({ id, boardId: b.id, title: title.value, columnId, laneId: null, position: ctx.now, createdAt: ctx.now });
		ctx.dirty.clusters.add(id);
		let grouped = 0;
		for (const cardId of p.cardIds ?? []) {
			const card = repo.card(cardId);
			if (!card || card.boardId !== b.id) continue;
			grouped++;
			clearVotes(ctx, b.id, card.id);
			repo.updateCard(card.id, { clusterId: id, columnId }, ctx.now);
			touchCard(ctx, card);
		}
		ctx.dirty.boards.add(b.id);
		ctx.events.push({ kind: 'board.cluster.created', activityId: b.id, subjectId: id, payload: { cards: grouped } });
		return ok({ clusterId: id });
	},

	'cluster:update'(ctx, p) {
		const repo = ctx.deps.repos.boards;
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
		ctx.dirty.clusters.add(cl.id);
		ctx.events.push({ kind: 'board.cluster.edited', activityId: cl.boardId, subjectId: cl.id });
		return ok({ clusterId: cl.id });
	},

	'cluster:delete'(ctx, p) {
		const repo = ctx.deps.repos.boards;
		const cl = repo.cluster(p.clusterId);
		if (!cl) return refuse('not_found');
		const board = boardOf(ctx, cl.boardId);
		if (!board.ok) return board;
		const members = repo.cardsOf(cl.boardId).filter((c) => c.clusterId === cl.id);
		clearVotes(ctx, cl.boardId, cl.id);
		repo.deleteCluster(cl.id);
		for (const card of members) touchCard(ctx, card);
		if (board.value.discussItemId === cl.id) repo.saveBoard({ ...board.value, discussItemId: null });
		ctx.dirty.clusters.add(cl.id);
		ctx.dirty.boards.add(cl.boardId);
		ctx.dirty.tallies.add(cl.boardId);
		ctx.events.push({ kind: 'board.cluster.removed', activityId: cl.boardId, subjectId: cl.id, payload: { cards: members.length } });
		return ok({ clusterId: cl.id });
	},

	'vote:cast'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const b = board.value;
		const repo = ctx.deps.repos.boards;
		const mine = repo.myVotes(b.id, ctx.actor.id);
		let votable = false;
		if (p.delta === 1) {
			const card = repo.card(p.itemId);
			const cluster = card ? null : repo.cluster(p.itemId);
			votable = !!(card && card.boardId === b.id && !card.clusterId && isCardPublic(card, b)) || !!(cluster && cluster.boardId === b.id);
		}
		const r = castVote(b, mine, p.itemId, p.delta, votable);
		if (!r.ok) return r;
		repo.setVote(b.id, ctx.actor.id, p.itemId, r.value.count);
		ctx.dirty.tallies.add(b.id);
		ctx.dirty.touchMe(ctx.actor.id);
		ctx.events.push({ kind: p.delta === 1 ? 'board.vote.cast' : 'board.vote.withdrawn', activityId: b.id, subjectId: p.itemId, payload: { dots: r.value.count } });
		return ok({ boardId: b.id, itemId: p.itemId, ...r.value });
	},

	'board:create'(ctx, p) {
		const title = cleanTitle(p.title);
		if (!title.ok) return title;
		const b = defaultBoard(ctx.workshop.id, isLocale(ctx.workshop.locale) ? ctx.workshop.locale : 'en', title.value);
		ctx.deps.repos.boards.insertBoard(b, ctx.now);
		ctx.dirty.boards.add(b.id);
		ctx.events.push({ kind: 'board.created', activityId: b.id, subjectId: b.id });
		return ok({ boardId: b.id });
	},

	'board:activate'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		ctx.deps.repos.workshops.setActiveBoard(ctx.workshop.id, board.value.id);
		ctx.dirty.meta = true;
		ctx.events.push({ kind: 'board.activated', activityId: board.value.id, subjectId: board.value.id });
		return ok({ boardId: board.value.id });
	},

	'board:update'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const next = { ...board.value, settings: { ...board.value.settings, ...(p.settings ?? {}) } };
		if (p.title !== undefined) {
			const t = cleanTitle(p.title);
			if (!t.ok) return t;
			next.title = t.value;
		}
		ctx.deps.repos.boards.saveBoard(next);
		ctx.dirty.boards.add(next.id);
		ctx.dirty.fullBoards.add(next.id);
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
			ctx.deps.repos.boards.moveColumnCards(board.value.id, r.value.moveCardsTo.from, r.value.moveCardsTo.to);
			ctx.dirty.fullBoards.add(board.value.id);
		}
		ctx.deps.repos.boards.saveBoard({ ...board.value, columns: r.value.columns });
		ctx.dirty.boards.add(board.value.id);
		ctx.events.push({ kind: 'board.columns.changed', activityId: board.value.id, subjectId: board.value.id, payload: { op: p.op.type } });
		return ok({ boardId: board.value.id });
	},

	'board:lanes'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const r = applyLaneOp(board.value.lanes, p.op, newId());
		if (!r.ok) return r;
		if (r.value.clearLane) {
			ctx.deps.repos.boards.clearLane(board.value.id, r.value.clearLane);
			ctx.dirty.fullBoards.add(board.value.id);
		}
		ctx.deps.repos.boards.saveBoard({ ...board.value, lanes: r.value.lanes });
		ctx.dirty.boards.add(board.value.id);
		ctx.events.push({ kind: 'board.lanes.changed', activityId: board.value.id, subjectId: board.value.id, payload: { op: p.op.type } });
		return ok({ boardId: board.value.id });
	},

	'board:phase'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const { board: next, revealAll } = changePhase(board.value, p.phase);
		if (revealAll && ctx.deps.repos.boards.revealAll(next.id, ctx.now) > 0) ctx.dirty.fullBoards.add(next.id);
		ctx.deps.repos.boards.saveBoard(next);
		ctx.dirty.boards.add(next.id);
		ctx.dirty.tallies.add(next.id);
		ctx.events.push({ kind: 'board.phase.changed', activityId: next.id, subjectId: next.id, payload: { phase: next.phase, from: board.value.phase } });
		recordVotingChange(ctx, board.value, next);
		// "Time's up" belongs to the phase that just ended; a countdown still running carries on.
		const timer = parseTimer(ctx.workshop.timer);
		const after = timerAfterPhaseChange(timer, ctx.now);
		if (after !== timer) {
			ctx.deps.repos.workshops.setTimer(ctx.workshop.id, after);
			ctx.dirty.meta = true;
		}
		return ok({ boardId: next.id, phase: next.phase });
	},

	'board:voting'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		const next = { ...board.value, votingClosed: p.closed };
		ctx.deps.repos.boards.saveBoard(next);
		ctx.dirty.boards.add(board.value.id);
		recordVotingChange(ctx, board.value, next);
		ctx.dirty.tallies.add(board.value.id);
		return ok({ boardId: board.value.id });
	},

	'board:discuss'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		if (p.itemId) {
			const b = board.value;
			const repo = ctx.deps.repos.boards;
			const items = votableItemIds(b, repo.cardsOf(b.id), repo.clustersOf(b.id));
			if (!items.has(p.itemId)) return refuse('not_found');
		}
		ctx.deps.repos.boards.saveBoard({ ...board.value, discussItemId: p.itemId });
		ctx.dirty.boards.add(board.value.id);
		ctx.events.push(p.itemId ? { kind: 'board.discussion.opened', activityId: board.value.id, subjectId: p.itemId } : { kind: 'board.discussion.ended', activityId: board.value.id, subjectId: board.value.discussItemId });
		return ok({ boardId: board.value.id });
	},

	'timer:control'(ctx, p) {
		const current = parseTimer(ctx.workshop.timer);
		const ms = (p.seconds ?? 60) * 1000;
		const next: TimerState =
			p.action === 'start'
				? startTimer(ctx.now, ms)
				: p.action === 'pause'
					? pauseTimer(current, ctx.now)
					: p.action === 'resume'
						? resumeTimer(current, ctx.now)
						: p.action === 'extend'
							? extendTimer(current, ctx.now, ms)
							: idleTimer;
		ctx.deps.repos.workshops.setTimer(ctx.workshop.id, next);
		ctx.dirty.meta = true;
		ctx.events.push({ kind: 'workshop.timer.changed', activityId: null, subjectId: ctx.workshop.id, payload: { action: p.action } });
		return ok({ timer: next });
	},

	'workshop:close'(ctx) {
		ctx.deps.repos.workshops.close(ctx.workshop.id, ctx.now);
		ctx.dirty.meta = true;
		ctx.events.push({ kind: 'workshop.closed', activityId: null, subjectId: ctx.workshop.id });
		return ok({ workshopId: ctx.workshop.id });
	},

	'projector:rotate'(ctx) {
		const token = ctx.deps.repos.workshops.rotateProjectorToken(ctx.workshop.id);
		ctx.events.push({ kind: 'workshop.projector_link.rotated', activityId: null, subjectId: ctx.workshop.id });
		return ok({ projectorToken: token });
	}
};

/** Runs one command's rule and writes inside the caller's transaction. */
export function handleCommand<C extends Exclude<CommandName, SpecialCommand>>(name: C, ctx: CommandContext, payload: CommandPayload<C>): Result<CommandResults[C], ErrorCode> {
	return (handlers[name] as Handler<C>)(ctx, payload);
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
export function storedResult(name: CommandName, value: unknown): unknown {
	if ((name === 'card:create' || name === 'card:update') && value && typeof value === 'object' && 'card' in value) {
		return { cardRef: (value as CommandResults['card:create']).card.id } satisfies CardRef;
	}
	return value;
}

/** The answer to a replayed command from its stored result: the card as it is now, or `not_found` once it is gone. */
export function replayResult(deps: Deps, workshopId: string, stored: unknown): Result<unknown, ErrorCode> {
	if (!stored || typeof stored !== 'object') return ok(stored);
	// Rows carried from before the receipts (migration 0005) may say a subject was erased.
	if ((stored as { erased?: unknown }).erased === true) return refuse('not_found');
	if (typeof (stored as Partial<CardRef>).cardRef !== 'string') return ok(stored);
	const card = deps.repos.boards.card((stored as CardRef).cardRef);
	const board = card && deps.repos.boards.board(card.boardId);
	if (!card || !board || board.workshopId !== workshopId) return refuse('not_found');
	const name = deps.services.authorNames([card]).get(card.authorId) ?? '';
	return ok({ card: ownCardView(card, board, name) });
}
