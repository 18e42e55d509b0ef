import { z } from 'zod';
import { defineActivity, type PayloadOf } from '../../activities/spec';
import { id, key, title } from '../../protocol/schemas';
import { STAFF } from '../../protocol/roles';
import { BULK_MAX_CARDS, CARD_MAX_LENGTH, MAX_CARDS_PER_PERSON_LIMIT, MAX_VOTE_SETTING, type Phase } from './domain';
import { BOARD_INFO, BOARD_MAPS } from './info';
import type { MyVotes } from './votes';
import type { CardView } from './views';

const text = z.string().max(CARD_MAX_LENGTH * 4);

export { BULK_MAX_CARDS };

/** The board's commands: cards, groups (clusters), dots, and the board's own settings, columns, lanes and steps. */
const commands = {
	'card:create': { schema: z.object({ key, boardId: id, text, columnId: id.optional(), laneId: id.nullable().optional() }).strict(), roles: [...STAFF, 'participant'], ackCarriesMe: true },
	'card:update': { schema: z.object({ key, cardId: id, text }).strict(), roles: [...STAFF, 'participant'], ackCarriesMe: true },
	'card:delete': { schema: z.object({ key, cardId: id }).strict(), roles: [...STAFF, 'participant'] },
	'card:move': {
		schema: z.object({ key, cardId: id, columnId: id, laneId: id.nullable().optional(), clusterId: id.nullable().optional(), beforeId: id.nullable().optional() }).strict(),
		roles: STAFF
	},
	'card:moderate': { schema: z.object({ key, cardId: id, action: z.enum(['hide', 'show', 'approve', 'acknowledge']) }).strict(), roles: STAFF },
	/**
	 * One step for many cards (spam cleanup, grouping a big room): hide, show, delete or move up to
	 * BULK_MAX_CARDS cards of one board, each checked by the rule of its single command; all or nothing.
	 */
	'card:bulk': {
		schema: z
			.object({
				key,
				boardId: id,
				cardIds: z.array(id).min(1).max(BULK_MAX_CARDS),
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('hide') }).strict(),
					z.object({ type: z.literal('show') }).strict(),
					z.object({ type: z.literal('delete') }).strict(),
					z.object({ type: z.literal('move'), columnId: id, laneId: id.nullable().optional(), clusterId: id.nullable().optional() }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	'cluster:create': { schema: z.object({ key, boardId: id, title, columnId: id.optional(), laneId: id.nullable().optional(), cardIds: z.array(id).max(BULK_MAX_CARDS).optional() }).strict(), roles: STAFF },
	'cluster:update': { schema: z.object({ key, clusterId: id, title: title.optional(), columnId: id.optional(), laneId: id.nullable().optional() }).strict(), roles: STAFF },
	'cluster:delete': { schema: z.object({ key, clusterId: id }).strict(), roles: STAFF },
	'vote:cast': { schema: z.object({ key, boardId: id, itemId: id, delta: z.union([z.literal(1), z.literal(-1)]) }).strict(), roles: ['participant'], ackCarriesMe: true },
	'board:update': {
		schema: z
			.object({
				key,
				boardId: id,
				title: title.optional(),
				settings: z
					.object({
						privateUntilReveal: z.boolean(),
						anonymous: z.boolean(),
						requireApproval: z.boolean(),
						voteBudget: z.number().int().min(1).max(MAX_VOTE_SETTING),
						maxPerItem: z.number().int().min(1).max(MAX_VOTE_SETTING),
						hideCountsUntilClosed: z.boolean(),
						maxCardsPerPerson: z.number().int().min(1).max(MAX_CARDS_PER_PERSON_LIMIT),
						showLimitsToRoom: z.boolean(),
						participantsWriteMinutes: z.boolean()
					})
					.partial()
					.strict()
					.optional()
			})
			.strict(),
		roles: STAFF
	},
	'board:columns': {
		schema: z
			.object({
				key,
				boardId: id,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('add'), title }).strict(),
					z.object({ type: z.literal('rename'), columnId: id, title }).strict(),
					z.object({ type: z.literal('move'), columnId: id, toIndex: z.number().int().min(0).max(100) }).strict(),
					z.object({ type: z.literal('remove'), columnId: id }).strict(),
					z.object({ type: z.literal('wip'), columnId: id, limit: z.number().int().min(1).max(999).nullable() }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	'board:lanes': {
		schema: z
			.object({
				key,
				boardId: id,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('add'), title }).strict(),
					z.object({ type: z.literal('rename'), laneId: id, title }).strict(),
					z.object({ type: z.literal('move'), laneId: id, toIndex: z.number().int().min(0).max(100) }).strict(),
					z.object({ type: z.literal('remove'), laneId: id }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	'board:voting': { schema: z.object({ key, boardId: id, closed: z.boolean() }).strict(), roles: STAFF },
	'board:discuss': { schema: z.object({ key, boardId: id, itemId: id.nullable() }).strict(), roles: STAFF }
} as const;

/**
 * The board's participation events (meanings in docs/ARCHITECTURE.md, "Participation log"). `board.created`,
 * `board.activated` and `board.phase.changed` were written before boards became activities (migration 0007); since
 * then the core writes `workshop.activity.added`, `.activated` and `.phase_changed` for every activity type.
 */
const eventKinds = {
	'board.created': 1,
	'board.activated': 1,
	'board.phase.changed': 1,
	'board.settings.changed': 1,
	'board.columns.changed': 1,
	'board.lanes.changed': 1,
	'board.card.posted': 1,
	'board.card.edited': 1,
	'board.card.moved': 1,
	'board.card.deleted': 1,
	'board.card.removed_by_facilitator': 1,
	'board.card.hidden_by_facilitator': 1,
	'board.card.shown_by_facilitator': 1,
	'board.card.approved_by_facilitator': 1,
	'board.card.edit_acknowledged_by_facilitator': 1,
	'board.cluster.created': 1,
	'board.cluster.edited': 1,
	'board.cluster.removed': 1,
	'board.vote.cast': 1,
	'board.vote.withdrawn': 1,
	'board.vote.closed': 1,
	'board.vote.reopened': 1,
	'board.vote.closed_outcome': 1,
	'board.discussion.opened': 1,
	'board.discussion.ended': 1,
	'board.minutes.written': 1
} as const;

export type BoardEventKind = keyof typeof eventKinds;

/** The board's refusals (each has a message `error_<code>`). */
const errorCodes = [
	'phase_closed',
	'not_author',
	'card_empty',
	'card_too_long',
	'unknown_column',
	'unknown_lane',
	'last_column',
	'too_many_columns',
	'too_many_lanes',
	'too_many_cards',
	'card_limit',
	'not_voting_phase',
	'voting_closed',
	'budget_exhausted',
	'item_max',
	'no_vote_to_remove',
	'not_votable'
] as const;

export { BOARD_MAPS };

export const boardSpec = defineActivity({
	...BOARD_INFO,
	commands,
	eventKinds,
	errorCodes
});

export type BoardCommands = typeof commands;
export type BoardErrorCode = (typeof errorCodes)[number];

/** What each board command's acknowledgement carries. */
export type BoardResults = {
	'card:create': { card: CardView };
	'card:update': { card: CardView };
	'card:delete': { cardId: string };
	'card:move': { cardId: string };
	'card:moderate': { cardId: string };
	/** The cards changed, in the order given, each once. */
	'card:bulk': { boardId: string; cardIds: string[] };
	'cluster:create': { clusterId: string };
	'cluster:update': { clusterId: string };
	'cluster:delete': { clusterId: string };
	'vote:cast': { boardId: string; itemId: string; count: number; remaining: number };
	'board:update': { boardId: string };
	'board:columns': { boardId: string };
	'board:lanes': { boardId: string };
	'board:voting': { boardId: string };
	'board:discuss': { boardId: string };
};

/** A participant's card that a facilitator removed: how its text began, so their phone can say which one. */
export interface RemovedCard {
	cardId: string;
	boardId: string;
	/** The start of the text (at most REMOVED_EXCERPT_LENGTH characters). */
	excerpt: string;
	removedAt: number;
}

/** How many characters of a removed card's text are kept to tell its author which card went. */
export const REMOVED_EXCERPT_LENGTH = 60;

/**
 * A participant's own board state: their cards (also hidden ones, with what a facilitator did to them), their dots
 * per board, and their cards a facilitator removed.
 */
export interface BoardMe {
	cards: CardView[];
	votes: Record<string, MyVotes>;
	removed: RemovedCard[];
}

export type { Phase };

type BoardCommandMap = { [C in keyof BoardCommands]: { payload: PayloadOf<BoardCommands[C]>; result: BoardResults[C] } };
type BoardErrorMap = { [E in BoardErrorCode]: true };

// The board's commands and refusals join the core's typed protocol (see src/lib/protocol/commands.ts).
declare module '../../protocol/commands' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface CommandMap extends BoardCommandMap {}
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface ErrorCodeMap extends BoardErrorMap {}
}
