import { sqliteTable, text, integer, real, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { activities, participants } from '../../../drizzle/schema';

/**
 * The BarCamp module's tables. A camp's row has the id of its activity (drizzle/schema.ts `activities`, which holds its
 * title and phase); every other table hangs off the camp and goes with it (ON DELETE CASCADE).
 */
export const camps = sqliteTable('barcamp_camps', {
	id: text('id')
		.primaryKey()
		.references(() => activities.id, { onDelete: 'cascade' }),
	workshopId: text('workshop_id').notNull(),
	settings: text('settings').notNull(),
	/** The proposal on the projector and when its pitch began. */
	pitchProposalId: text('pitch_proposal_id'),
	pitchStartedAt: integer('pitch_started_at'),
	publishedAt: integer('published_at'),
	/** The last plan: its score and the sessions it could not place, with the reason (JSON). */
	lastPlan: text('last_plan'),
	createdAt: integer('created_at').notNull()
});

export const rooms = sqliteTable(
	'barcamp_rooms',
	{
		id: text('id').primaryKey(),
		campId: text('camp_id')
			.notNull()
			.references(() => camps.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		capacity: integer('capacity').notNull(),
		features: text('features').notNull(),
		position: real('position').notNull()
	},
	(t) => [index('barcamp_rooms_camp').on(t.campId)]
);

export const slots = sqliteTable(
	'barcamp_slots',
	{
		id: text('id').primaryKey(),
		campId: text('camp_id')
			.notNull()
			.references(() => camps.id, { onDelete: 'cascade' }),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		kind: text('kind', { enum: ['sessions', 'break', 'common'] }).notNull(),
		label: text('label').notNull()
	},
	(t) => [index('barcamp_slots_camp').on(t.campId)]
);

export const proposals = sqliteTable(
	'barcamp_proposals',
	{
		id: text('id').primaryKey(),
		campId: text('camp_id')
			.notNull()
			.references(() => camps.id, { onDelete: 'cascade' }),
		workshopId: text('workshop_id').notNull(),
		authorId: text('author_id').notNull(),
		authorRole: text('author_role', { enum: ['facilitator', 'participant'] }).notNull(),
		title: text('title').notNull(),
		description: text('description').notNull(),
		format: text('format').notNull(),
		needs: text('needs').notNull(),
		/** Participant ids of the co-hosts (JSON array). */
		cohosts: text('cohosts').notNull(),
		anonymous: integer('anonymous', { mode: 'boolean' }).notNull(),
		status: text('status', { enum: ['open', 'rejected', 'withdrawn', 'merged'] }).notNull(),
		rejectReason: text('reject_reason'),
		mergedInto: text('merged_into'),
		/** Who the facilitator confirmed as having hosted it (JSON array of participant ids), null until confirmed. */
		hostedBy: text('hosted_by'),
		position: real('position').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('barcamp_proposals_camp').on(t.campId, t.position), index('barcamp_proposals_author').on(t.authorId)]
);

/** "I'd go": one row per participant and proposal. */
export const interest = sqliteTable(
	'barcamp_interest',
	{
		proposalId: text('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		campId: text('camp_id').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.participantId] }), index('barcamp_interest_camp').on(t.campId), index('barcamp_interest_participant').on(t.participantId)]
);

/** Where a session is in the grid (one row per placed proposal). */
export const placements = sqliteTable(
	'barcamp_placements',
	{
		proposalId: text('proposal_id')
			.primaryKey()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		campId: text('camp_id').notNull(),
		roomId: text('room_id').notNull(),
		slotId: text('slot_id').notNull(),
		pinned: integer('pinned', { mode: 'boolean' }).notNull(),
		movedAt: integer('moved_at'),
		fromRoomId: text('from_room_id'),
		fromSlotId: text('from_slot_id')
	},
	(t) => [index('barcamp_placements_camp').on(t.campId)]
);

/** Who is in which session during a slot: one per participant and slot (the primary key is the rule). */
export const checkins = sqliteTable(
	'barcamp_checkins',
	{
		campId: text('camp_id')
			.notNull()
			.references(() => camps.id, { onDelete: 'cascade' }),
		slotId: text('slot_id').notNull(),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		proposalId: text('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.slotId, t.participantId] }), index('barcamp_checkins_proposal').on(t.proposalId)]
);
