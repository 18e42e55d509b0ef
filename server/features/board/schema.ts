import { sqliteTable, text, integer, real, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { participants, workshops } from '../../../drizzle/schema';

/**
 * The board module's tables. A board's row has the id of its activity (drizzle/schema.ts `activities`, which holds
 * its title and phase); removing the activity removes the board through the module (server/features/board/index.ts).
 */
export const boards = sqliteTable(
	'boards',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		columns: text('columns').notNull(),
		lanes: text('lanes').notNull(),
		settings: text('settings').notNull(),
		votingClosed: integer('voting_closed', { mode: 'boolean' }).notNull(),
		discussItemId: text('discuss_item_id'),
		/** Cards on the board, kept by SQLite triggers on `cards` (migration 0002), for the per-board cap. */
		cardCount: integer('card_count').notNull().default(0),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('boards_workshop').on(t.workshopId)]
);

export const cards = sqliteTable(
	'cards',
	{
		id: text('id').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		authorId: text('author_id').notNull(),
		authorRole: text('author_role', { enum: ['facilitator', 'participant'] }).notNull(),
		text: text('text').notNull(),
		columnId: text('column_id').notNull(),
		laneId: text('lane_id'),
		clusterId: text('cluster_id'),
		position: real('position').notNull(),
		status: text('status', { enum: ['visible', 'hidden', 'pending'] }).notNull(),
		revealed: integer('revealed', { mode: 'boolean' }).notNull(),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull(),
		/** When its participant author last changed the text, until a facilitator acts on the card (the "edited" mark). */
		authorEditedAt: integer('author_edited_at'),
		/** When a facilitator last changed a participant's text, until the author edits it again (told on their phone). */
		staffEditedAt: integer('staff_edited_at'),
		/**
		 * When its author erased their data while the room could see the card: it stays in its place (column, lane,
		 * group, dots) as "removed by its author", with no text and no author (docs/SECURITY.md, "Erasure").
		 */
		erasedAt: integer('erased_at')
	},
	(t) => [index('cards_board_column').on(t.boardId, t.columnId, t.position), index('cards_author').on(t.authorId)]
);

export const clusters = sqliteTable(
	'clusters',
	{
		id: text('id').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		columnId: text('column_id').notNull(),
		laneId: text('lane_id'),
		position: real('position').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('clusters_board').on(t.boardId)]
);

/** One row per participant and item: how many dots they placed on it. */
export const votes = sqliteTable(
	'votes',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.participantId, t.itemId] }), index('votes_board').on(t.boardId)]
);

/**
 * A participant's card that a facilitator removed: the start of its text, so that the author's phone can say so
 * ("The facilitator removed your card “…”") also after a reload. Goes with the board, the participant, or their
 * erasure.
 */
export const removedCards = sqliteTable(
	'board_removed_cards',
	{
		cardId: text('card_id').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		excerpt: text('excerpt').notNull(),
		removedAt: integer('removed_at').notNull()
	},
	(t) => [index('board_removed_cards_participant').on(t.participantId)]
);

/**
 * Dots whose giver erased their data: anonymous counts per item, kept so the ranking does not change under the
 * room (docs/SECURITY.md, "Erasure"). They name no one; they go with their item or board like any dot.
 */
export const keptVotes = sqliteTable(
	'kept_votes',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.itemId] })]
);
