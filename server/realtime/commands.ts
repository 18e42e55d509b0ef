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
} from '../../src/lib/domain/board';
import { castVote, votableItemIds } from '../../src/lib/domain/votes';
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
		for (const cardId of p.cardIds ?? []) {
			const card = repo.card(cardId);
			if (!card || card.boardId !== b.id) continue;
			clearVotes(ctx, b.id, card.id);
			repo.updateCard(card.id, { clusterId: id, columnId }, ctx.now);
			touchCard(ctx, card);
		}
		ctx.dirty.boards.add(b.id);
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
		return ok({ boardId: b.id, itemId: p.itemId, ...r.value });
	},

	'board:create'(ctx, p) {
		const title = cleanTitle(p.title);
		if (!title.ok) return title;
		const b = defaultBoard(ctx.workshop.id, isLocale(ctx.workshop.locale) ? ctx.workshop.locale : 'en', title.value);
		ctx.deps.repos.boards.insertBoard(b, ctx.now);
		ctx.dirty.boards.add(b.id);
		return ok({ boardId: b.id });
	},

	'board:activate'(ctx, p) {
		const board = boardOf(ctx, p.boardId);
		if (!board.ok) return board;
		ctx.deps.repos.workshops.setActiveBoard(ctx.workshop.id, board.value.id);
		ctx.dirty.meta = true;
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
		ctx.deps.repos.boards.saveBoard({ ...board.value, votingClosed: p.closed });
		ctx.dirty.boards.add(board.value.id);
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
		return ok({ timer: next });
	},

	'workshop:close'(ctx) {
		ctx.deps.repos.workshops.close(ctx.workshop.id, ctx.now);
		ctx.dirty.meta = true;
		return ok({ workshopId: ctx.workshop.id });
	},

	'projector:rotate'(ctx) {
		const token = ctx.deps.repos.workshops.rotateProjectorToken(ctx.workshop.id);
		return ok({ projectorToken: token });
	}
};

/** Runs one command's rule and writes inside the caller's transaction. */
export function handleCommand<C extends Exclude<CommandName, SpecialCommand>>(name: C, ctx: CommandContext, payload: CommandPayload<C>): Result<CommandResults[C], ErrorCode> {
	return (handlers[name] as Handler<C>)(ctx, payload);
}

/** The subject of a command's participation event (the card, item, board ... it is about). */
export function subjectOf(payload: Record<string, unknown>): string | null {
	for (const k of ['cardId', 'itemId', 'clusterId', 'boardId']) if (typeof payload[k] === 'string') return payload[k] as string;
	return null;
}
