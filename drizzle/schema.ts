import { sqliteTable, text, integer, real, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Facilitator accounts. `nameKey` is the lower-cased name, unique. */
export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	nameKey: text('name_key').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	createdAt: integer('created_at').notNull()
});

/** Facilitator sessions; only the SHA-256 of the cookie token is stored. */
export const sessions = sqliteTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

export const workshops = sqliteTable('workshops', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	locale: text('locale').notNull(),
	code: text('code').notNull().unique(),
	status: text('status', { enum: ['open', 'closed'] }).notNull(),
	ownerId: text('owner_id')
		.notNull()
		.references(() => users.id),
	projectorToken: text('projector_token').notNull().unique(),
	inviteToken: text('invite_token').notNull().unique(),
	/** The activity the room follows now (phones and the projector show it). */
	activeActivityId: text('active_activity_id'),
	timer: text('timer').notNull(),
	createdAt: integer('created_at').notNull(),
	closedAt: integer('closed_at')
});

export const workshopMembers = sqliteTable(
	'workshop_members',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['owner', 'cofacilitator'] }).notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.workshopId, t.userId] }), index('members_user').on(t.userId)]
);

/** A participant is a pseudonym in one workshop, bound to one device token (stored hashed). */
export const participants = sqliteTable(
	'participants',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		nickname: text('nickname').notNull(),
		/**
		 * The nickname as compared for uniqueness (`nicknameKey` in src/lib/domain/nickname.ts: trimmed, NFC, lower
		 * case): one per workshop by the unique index, so two phones joining at once with one name cannot both get it.
		 * Null for a removed person (their name is free again) and for rows from before this column.
		 */
		nicknameKey: text('nickname_key'),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: integer('created_at').notNull(),
		/** When the staff removed this person: their device cookie no longer lets them in (a ban), null otherwise. */
		removedAt: integer('removed_at')
	},
	(t) => [index('participants_workshop').on(t.workshopId), uniqueIndex('participants_nickname').on(t.workshopId, t.nicknameKey)]
);

/**
 * The activities of a workshop, in order: each of a type (a module: `board` today), with its title and its own phase
 * (one of the phases its module declares). A module keeps its own state in its own tables, keyed by the activity id
 * (for the board: server/features/board/schema.ts).
 */
export const activities = sqliteTable(
	'activities',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		type: text('type').notNull(),
		title: text('title').notNull(),
		phase: text('phase').notNull(),
		position: real('position').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('activities_workshop').on(t.workshopId, t.position)]
);

/**
 * The idempotency record of commands: a retried command with the same actor and key finds its receipt and gets the
 * same result back. Not the participation log. Results name things by id only (a card's text and its author's
 * nickname are read again on a replay, see `storedResult` in server/realtime/commands.ts); receipts older than
 * `RECEIPT_TTL_MS` (7 days) are pruned (server/db/receipts.ts).
 */
export const commandReceipts = sqliteTable(
	'command_receipts',
	{
		actorId: text('actor_id').notNull(),
		idemKey: text('idem_key').notNull(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** SHA-256 of the command's name and payload: a key reused for another command is refused, not replayed. */
		requestHash: text('request_hash'),
		result: text('result').notNull(),
		createdAt: integer('created_at').notNull()
	},
	// No index on workshop_id: only deleting a workshop looks receipts up by it (a scan of at most a week's rows).
	(t) => [primaryKey({ columns: [t.actorId, t.idemKey] }), index('receipts_created').on(t.createdAt)]
);

/**
 * The append-only participation log, the only input of the badge model: explicit, versioned kinds
 * (src/lib/domain/participation.ts, meanings in docs/ARCHITECTURE.md), no text a person typed.
 */
export const participationEvents = sqliteTable(
	'participation_events',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** The activity the event belongs to; null for workshop-wide events. */
		activityId: text('activity_id'),
		kind: text('kind').notNull(),
		version: integer('version').notNull(),
		subjectId: text('subject_id'),
		/** The participant whose thing the subject is (a card's author), when not only the actor; null once erased. */
		ownerId: text('owner_id'),
		actorRole: text('actor_role', { enum: ['facilitator', 'participant'] }).notNull(),
		actorId: text('actor_id').notNull(),
		/** Small JSON object: ids, counts and enums only. */
		payload: text('payload').notNull(),
		createdAt: integer('created_at').notNull()
	},
	// One index, so a command writes two b-trees here: pseudonyms belong to one workshop, so erasure and a
	// participant's export look them up within their workshop's rows.
	(t) => [index('participation_workshop').on(t.workshopId, t.seq)]
);

/** Small key-value settings of the installation (for example whether sign-up is open). */
export const appSettings = sqliteTable('app_settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/**
 * Co-edited text documents (`<workshopId>/text/<entity>`): one row per document that was ever written, with a
 * plain-text snapshot (debounced, for exports and the projector) and the size of its stored state. The Yjs
 * updates themselves are in `text_updates` (see server/realtime/text-docs.ts).
 */
export const textDocs = sqliteTable(
	'text_docs',
	{
		name: text('name').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		snapshot: text('snapshot').notNull(),
		/** Bytes of the document's encoded state (estimated between compactions). */
		bytes: integer('bytes').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('text_docs_workshop').on(t.workshopId)]
);

/**
 * The stored Yjs updates of a text document, applied in `seq` order to load it: batches merged with Y.mergeUpdates
 * every ~150 ms, replaced by one encoding of the whole document when there are more than 50 (compaction).
 */
export const textUpdates = sqliteTable(
	'text_updates',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		name: text('name')
			.notNull()
			.references(() => textDocs.name, { onDelete: 'cascade' }),
		update: blob('update', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('text_updates_name').on(t.name, t.seq)]
);

/**
 * Who wrote in a text document: each Yjs client id that created items in it, and the person whose connection sent
 * them first (a facilitator's account or a participant's pseudonym). Erasure deletes the items of that person's
 * client ids, then these rows (see "Co-edited text" in docs/ARCHITECTURE.md).
 */
export const textAuthors = sqliteTable(
	'text_authors',
	{
		name: text('name')
			.notNull()
			.references(() => textDocs.name, { onDelete: 'cascade' }),
		clientId: integer('client_id').notNull(),
		actorRole: text('actor_role', { enum: ['facilitator', 'participant'] }).notNull(),
		actorId: text('actor_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.name, t.clientId] }), index('text_authors_actor').on(t.actorId, t.actorRole)]
);
