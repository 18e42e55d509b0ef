import { sqliteTable, text, integer, real, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { activities, participants } from '../../../drizzle/schema';

/**
 * The hackathon module's tables. A hackathon's row has the id of its activity (drizzle/schema.ts `activities`, which
 * holds its title and phase); every other table hangs off it and goes with it (ON DELETE CASCADE).
 */
export const hacks = sqliteTable('hackathon_hacks', {
	id: text('id')
		.primaryKey()
		.references(() => activities.id, { onDelete: 'cascade' }),
	workshopId: text('workshop_id').notNull(),
	settings: text('settings').notNull(),
	/** The stages with their checklists (JSON `Stage[]`), and the rubric (JSON `Criterion[]`). */
	stages: text('stages').notNull(),
	criteria: text('criteria').notNull(),
	pitchTeamId: text('pitch_team_id'),
	pitchStartedAt: integer('pitch_started_at'),
	judgingClosedAt: integer('judging_closed_at'),
	votingOpen: integer('voting_open', { mode: 'boolean' }).notNull().default(false),
	votingRevealed: integer('voting_revealed', { mode: 'boolean' }).notNull().default(false),
	/** The ceremony: null until started; its steps fixed when it starts (JSON `CeremonyPlan`), and how far it got. */
	ceremony: text('ceremony'),
	ceremonyStep: integer('ceremony_step'),
	/** The showcase's unlisted link while it is published. */
	showcaseToken: text('showcase_token'),
	lastMatch: text('last_match'),
	createdAt: integer('created_at').notNull()
});

export const challenges = sqliteTable(
	'hackathon_challenges',
	{
		id: text('id').primaryKey(),
		hackId: text('hack_id')
			.notNull()
			.references(() => hacks.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull(),
		partner: text('partner').notNull(),
		image: blob('image', { mode: 'buffer' }),
		imageType: text('image_type'),
		position: real('position').notNull()
	},
	(t) => [index('hackathon_challenges_hack').on(t.hackId)]
);

export const teams = sqliteTable(
	'hackathon_teams',
	{
		id: text('id').primaryKey(),
		hackId: text('hack_id')
			.notNull()
			.references(() => hacks.id, { onDelete: 'cascade' }),
		workshopId: text('workshop_id').notNull(),
		name: text('name').notNull(),
		/** The name compared (trimmed, one space, lower case): unique per hackathon. */
		nameKey: text('name_key').notNull(),
		challengeId: text('challenge_id'),
		stageId: text('stage_id').notNull(),
		/** Checklist items done (JSON array of `<stageId>:<index>`). */
		checked: text('checked').notNull(),
		title: text('title').notNull(),
		codeUrl: text('code_url').notNull(),
		videoUrl: text('video_url').notNull(),
		submittedAt: integer('submitted_at'),
		/** The project as the facilitator approved it for the showcase (JSON), and when; hidden: taken out by the staff. */
		approved: text('approved'),
		approvedAt: integer('approved_at'),
		/** The team changed its project (fields or text) after the approval: the showcase keeps the approved version. */
		changedAt: integer('changed_at'),
		createdBy: text('created_by'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('hackathon_teams_hack').on(t.hackId), uniqueIndex('hackathon_teams_name').on(t.hackId, t.nameKey)]
);

/** Who is in which team, with their showcase consent. */
export const members = sqliteTable(
	'hackathon_members',
	{
		teamId: text('team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		hackId: text('hack_id').notNull(),
		showcase: integer('showcase', { mode: 'boolean' }).notNull().default(false),
		showName: integer('show_name', { mode: 'boolean' }).notNull().default(false),
		joinedAt: integer('joined_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.teamId, t.participantId] }), index('hackathon_members_person').on(t.hackId, t.participantId)]
);

export const profiles = sqliteTable(
	'hackathon_profiles',
	{
		hackId: text('hack_id')
			.notNull()
			.references(() => hacks.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		skills: text('skills').notNull(),
		interests: text('interests').notNull(),
		tags: text('tags').notNull(),
		challenges: text('challenges').notNull(),
		matchMe: integer('match_me', { mode: 'boolean' }).notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.hackId, t.participantId] })]
);

/** A juror: a name and a revocable link (no account), for every team (`team_ids` null) or a group of teams. */
export const jurors = sqliteTable(
	'hackathon_jurors',
	{
		id: text('id').primaryKey(),
		hackId: text('hack_id')
			.notNull()
			.references(() => hacks.id, { onDelete: 'cascade' }),
		workshopId: text('workshop_id').notNull(),
		name: text('name').notNull(),
		token: text('token').notNull(),
		teamIds: text('team_ids'),
		doneAt: integer('done_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('hackathon_jurors_hack').on(t.hackId), uniqueIndex('hackathon_jurors_token').on(t.token)]
);

export const scores = sqliteTable(
	'hackathon_scores',
	{
		jurorId: text('juror_id')
			.notNull()
			.references(() => jurors.id, { onDelete: 'cascade' }),
		teamId: text('team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		hackId: text('hack_id').notNull(),
		criterionId: text('criterion_id').notNull(),
		value: integer('value').notNull()
	},
	(t) => [primaryKey({ columns: [t.jurorId, t.teamId, t.criterionId] }), index('hackathon_scores_hack').on(t.hackId)]
);

export const comments = sqliteTable(
	'hackathon_comments',
	{
		jurorId: text('juror_id')
			.notNull()
			.references(() => jurors.id, { onDelete: 'cascade' }),
		teamId: text('team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		hackId: text('hack_id').notNull(),
		comment: text('comment').notNull()
	},
	(t) => [primaryKey({ columns: [t.jurorId, t.teamId] })]
);

/** The audience vote: one per participant per hackathon (the primary key is the rule). */
export const votes = sqliteTable(
	'hackathon_votes',
	{
		hackId: text('hack_id')
			.notNull()
			.references(() => hacks.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		teamId: text('team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.hackId, t.participantId] }), index('hackathon_votes_team').on(t.teamId)]
);

/** Awards given in the ceremony (recorded once, when revealed). */
export const awards = sqliteTable(
	'hackathon_awards',
	{
		hackId: text('hack_id')
			.notNull()
			.references(() => hacks.id, { onDelete: 'cascade' }),
		teamId: text('team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['jury', 'audience'] }).notNull(),
		place: integer('place'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.hackId, t.teamId, t.kind] })]
);
