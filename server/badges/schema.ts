import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users, workshops, participants } from '../../drizzle/schema';

/**
 * The badge and CV model's tables (docs/ARCHITECTURE.md, "Badges and the CV"). Organisations issue; achievements are
 * theirs; awards are computed from the participation log and confirmed by a facilitator; a learner (a backpack) is a
 * pseudonym that exists only when a young person takes their badges home; credentials are signed on delivery.
 * Private keys are never here: they are files under the data folder (server/badges/keys.ts).
 */

/** An organisation that runs workshops and issues their credentials. */
export const organisations = sqliteTable('organisations', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** Its web address (https://...), shown on credentials and the verification page; empty when it has none. */
	url: text('url').notNull(),
	description: text('description').notNull(),
	/** Its logo as a data: URL (PNG, JPEG or SVG, small), or null. Embedded so a LAN without internet shows it. */
	logo: text('logo'),
	createdAt: integer('created_at').notNull()
});

/** Which facilitator accounts belong to which organisations. */
export const organisationMembers = sqliteTable(
	'organisation_members',
	{
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['owner', 'member'] }).notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('organisation_members_user').on(t.userId)]
);

/** The workshop is run for this organisation (its issuer); a workshop without one awards nothing. */
export const workshopOrganisations = sqliteTable('workshop_organisations', {
	workshopId: text('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	organisationId: text('organisation_id')
		.notNull()
		.references(() => organisations.id)
});

/**
 * An organisation's signing keys: the public half only (multibase Ed25519, as in a Multikey). The active key is the
 * one with no `retiredAt`; a retired key stays here (and in the did:web document), so what it signed still verifies.
 */
export const issuerKeys = sqliteTable(
	'issuer_keys',
	{
		id: text('id').primaryKey(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		publicKeyMultibase: text('public_key_multibase').notNull(),
		createdAt: integer('created_at').notNull(),
		retiredAt: integer('retired_at')
	},
	(t) => [index('issuer_keys_org').on(t.organisationId)]
);

/**
 * What an organisation awards. `key` names a starter achievement (`took-part`, `idea-giver` ...) or is a random id
 * for one the organisation wrote; `rule` is `{ type, params }` (the rule's function is in src/lib/badges/ or a
 * module's badges.ts, its parameters are data); a `degree` lists the achievement keys it needs in `requires`.
 * Texts are JSON objects by language ({ "de": ..., "en": ..., "fr": ... }).
 */
export const achievements = sqliteTable(
	'achievements',
	{
		id: text('id').primaryKey(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		kind: text('kind', { enum: ['badge', 'degree'] }).notNull(),
		name: text('name').notNull(),
		description: text('description').notNull(),
		criteria: text('criteria').notNull(),
		/** JSON string array. */
		tags: text('tags').notNull(),
		/** The skill area the CV groups it under (a tag-like word, e.g. `collaboration`). */
		skillArea: text('skill_area').notNull(),
		/** JSON array of { targetName, targetUrl, targetFramework } (ESCO skills), possibly empty. */
		alignment: text('alignment').notNull(),
		/** JSON { type, params } or null for an achievement that is only awarded by hand. */
		rule: text('rule'),
		/** JSON string array of achievement keys (a degree's path). */
		requires: text('requires').notNull(),
		/** `confirm`: a higher tier, which the pending list leaves unticked until a facilitator ticks it. */
		tier: text('tier', { enum: ['standard', 'confirm'] }).notNull(),
		/** An own image (data: URL); null: the generated default. */
		image: text('image'),
		createdAt: integer('created_at').notNull(),
		archivedAt: integer('archived_at')
	},
	(t) => [uniqueIndex('achievements_org_key').on(t.organisationId, t.key)]
);

/**
 * A backpack: a pseudonymous learner record. Reached through a recovery code (only its SHA-256 is kept; the code
 * has 100 bits of randomness, so a fast hash is enough) or a device token (hashed too). Optional: an e-mail address,
 * stored only as a salted SHA-256 (the credentials' recipient identity hash), or a wallet DID.
 */
export const learners = sqliteTable('learners', {
	id: text('id').primaryKey(),
	recoveryHash: text('recovery_hash').notNull().unique(),
	emailHash: text('email_hash'),
	emailSalt: text('email_salt'),
	walletDid: text('wallet_did'),
	createdAt: integer('created_at').notNull()
});

/** Devices that hold a backpack (cookie `plenum_backpack`; SHA-256 of its token here). */
export const learnerDevices = sqliteTable(
	'learner_devices',
	{
		tokenHash: text('token_hash').primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('learner_devices_learner').on(t.learnerId)]
);

/** A workshop pseudonym that the young person linked to their backpack (took badges home, or brought it when joining). */
export const learnerLinks = sqliteTable(
	'learner_links',
	{
		participantId: text('participant_id')
			.primaryKey()
			.references(() => participants.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		workshopId: text('workshop_id').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('learner_links_learner').on(t.learnerId)]
);

/**
 * An award: one achievement for one person. Proposed by the rules (or added by a facilitator) as `pending`; a
 * facilitator `confirmed` or `removed` it; `revoked` after issuing. `participantId` is the workshop pseudonym for
 * awards of a workshop; cross-workshop awards and degrees name the learner. `why` is JSON { key, count } (the
 * pending list's one line). The learner is set when the badges are taken home.
 */
export const awards = sqliteTable(
	'awards',
	{
		id: text('id').primaryKey(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		achievementId: text('achievement_id')
			.notNull()
			.references(() => achievements.id, { onDelete: 'cascade' }),
		workshopId: text('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
		participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
		learnerId: text('learner_id').references(() => learners.id, { onDelete: 'cascade' }),
		status: text('status', { enum: ['pending', 'confirmed', 'removed', 'revoked'] }).notNull(),
		source: text('source', { enum: ['rule', 'manual'] }).notNull(),
		why: text('why').notNull(),
		createdAt: integer('created_at').notNull(),
		decidedBy: text('decided_by'),
		decidedAt: integer('decided_at')
	},
	(t) => [index('awards_workshop').on(t.workshopId, t.status), index('awards_participant').on(t.participantId), index('awards_learner').on(t.learnerId), index('awards_org').on(t.organisationId, t.status)]
);

/**
 * A signed credential as delivered (`json`, exactly the bytes `GET /credentials/<id>.json` answers). `statusIndex`
 * is its bit in the issuer's status list. `shown`: the learner shows it on their CV.
 */
export const credentials = sqliteTable(
	'credentials',
	{
		id: text('id').primaryKey(),
		awardId: text('award_id').references(() => awards.id, { onDelete: 'set null' }),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id').references(() => learners.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: ['achievement', 'clr'] }).notNull(),
		json: text('json').notNull(),
		statusList: text('status_list').notNull(),
		statusIndex: integer('status_index').notNull(),
		issuedAt: integer('issued_at').notNull(),
		revokedAt: integer('revoked_at'),
		revokeReason: text('revoke_reason'),
		shown: integer('shown', { mode: 'boolean' }).notNull()
	},
	(t) => [index('credentials_learner').on(t.learnerId), index('credentials_org').on(t.organisationId)]
);

/**
 * An issuer's Bitstring Status List: 131,072 bits (16 KiB), one bit per credential, set when it is revoked. Signed
 * with the key that was active when it was opened (`keyId`): a credential and its list name the same issuer even
 * with did:key, whose identifier changes with the key; a new key opens a new list.
 */
export const statusLists = sqliteTable(
	'status_lists',
	{
		id: text('id').primaryKey(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		keyId: text('key_id').notNull(),
		purpose: text('purpose', { enum: ['revocation'] }).notNull(),
		bits: blob('bits', { mode: 'buffer' }).notNull(),
		nextIndex: integer('next_index').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('status_lists_org').on(t.organisationId)]
);

/**
 * A CV share link (`/cv/<id>`): unlisted, scoped to chosen credentials, expiring and revocable. The id is the link's
 * 128-bit random token, kept readable so the learner can copy their link again; it opens only what was chosen.
 */
export const shareLinks = sqliteTable(
	'share_links',
	{
		id: text('id').primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		/** JSON string array of credential ids. */
		credentialIds: text('credential_ids').notNull(),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		revokedAt: integer('revoked_at')
	},
	(t) => [index('share_links_learner').on(t.learnerId)]
);
