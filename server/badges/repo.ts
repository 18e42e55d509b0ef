import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { participants, participationEvents, workshops } from '../../drizzle/schema';
import { hashToken } from '../ids';
import type { Db } from '../db/client';
import {
	achievements,
	awards,
	credentials,
	issuerKeys,
	learnerDevices,
	learnerLinks,
	learners,
	organisationMembers,
	organisations,
	shareLinks,
	statusLists,
	workshopOrganisations
} from './schema';

export type OrganisationRow = typeof organisations.$inferSelect;
export type AchievementRow = typeof achievements.$inferSelect;
export type AwardRow = typeof awards.$inferSelect;
export type CredentialRow = typeof credentials.$inferSelect;
export type LearnerRow = typeof learners.$inferSelect;
export type IssuerKeyRow = typeof issuerKeys.$inferSelect;
export type StatusListRow = typeof statusLists.$inferSelect;
export type ShareLinkRow = typeof shareLinks.$inferSelect;

/** The badge model's queries (server/badges/schema.ts). Services compose them inside their own transactions. */
export class BadgeRepo {
	constructor(readonly db: Db) {}

	// Organisations

	organisation(id: string): OrganisationRow | undefined {
		return this.db.select().from(organisations).where(eq(organisations.id, id)).get();
	}

	organisationsOf(userId: string): (OrganisationRow & { role: 'owner' | 'member' })[] {
		return this.db
			.select({ o: organisations, role: organisationMembers.role })
			.from(organisationMembers)
			.innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
			.where(eq(organisationMembers.userId, userId))
			.orderBy(asc(organisations.name))
			.all()
			.map((r) => ({ ...r.o, role: r.role }));
	}

	memberRole(organisationId: string, userId: string): 'owner' | 'member' | null {
		return (
			this.db
				.select({ role: organisationMembers.role })
				.from(organisationMembers)
				.where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
				.get()?.role ?? null
		);
	}

	members(organisationId: string) {
		return this.db
			.select({ userId: organisationMembers.userId, role: organisationMembers.role, name: sql<string>`(select name from users where users.id = ${organisationMembers.userId})` })
			.from(organisationMembers)
			.where(eq(organisationMembers.organisationId, organisationId))
			.all();
	}

	insertOrganisation(row: OrganisationRow, ownerId: string) {
		this.db.insert(organisations).values(row).run();
		this.db.insert(organisationMembers).values({ organisationId: row.id, userId: ownerId, role: 'owner', createdAt: row.createdAt }).run();
	}

	updateOrganisation(id: string, patch: Partial<Pick<OrganisationRow, 'name' | 'url' | 'description' | 'logo'>>) {
		this.db.update(organisations).set(patch).where(eq(organisations.id, id)).run();
	}

	addMember(organisationId: string, userId: string, now: number) {
		this.db.insert(organisationMembers).values({ organisationId, userId, role: 'member', createdAt: now }).onConflictDoNothing().run();
	}

	workshopOrganisation(workshopId: string): OrganisationRow | undefined {
		return this.db
			.select({ o: organisations })
			.from(workshopOrganisations)
			.innerJoin(organisations, eq(organisations.id, workshopOrganisations.organisationId))
			.where(eq(workshopOrganisations.workshopId, workshopId))
			.get()?.o;
	}

	setWorkshopOrganisation(workshopId: string, organisationId: string) {
		this.db.insert(workshopOrganisations).values({ workshopId, organisationId }).onConflictDoUpdate({ target: workshopOrganisations.workshopId, set: { organisationId } }).run();
	}

	// Keys

	keys(organisationId: string): IssuerKeyRow[] {
		return this.db.select().from(issuerKeys).where(eq(issuerKeys.organisationId, organisationId)).orderBy(asc(issuerKeys.createdAt), asc(issuerKeys.id)).all();
	}

	activeKey(organisationId: string): IssuerKeyRow | undefined {
		return this.db
			.select()
			.from(issuerKeys)
			.where(and(eq(issuerKeys.organisationId, organisationId), isNull(issuerKeys.retiredAt)))
			.get();
	}

	addKey(row: IssuerKeyRow) {
		this.db.update(issuerKeys).set({ retiredAt: row.createdAt }).where(and(eq(issuerKeys.organisationId, row.organisationId), isNull(issuerKeys.retiredAt))).run();
		this.db.insert(issuerKeys).values(row).run();
	}

	// Achievements

	achievementsOf(organisationId: string, includeArchived = false): AchievementRow[] {
		const where = includeArchived ? eq(achievements.organisationId, organisationId) : and(eq(achievements.organisationId, organisationId), isNull(achievements.archivedAt));
		return this.db.select().from(achievements).where(where).orderBy(asc(achievements.createdAt), asc(achievements.key)).all();
	}

	achievement(id: string): AchievementRow | undefined {
		return this.db.select().from(achievements).where(eq(achievements.id, id)).get();
	}

	insertAchievement(row: AchievementRow) {
		this.db.insert(achievements).values(row).onConflictDoNothing().run();
	}

	updateAchievement(id: string, patch: Partial<AchievementRow>) {
		this.db.update(achievements).set(patch).where(eq(achievements.id, id)).run();
	}

	// Awards

	awardsOfWorkshop(workshopId: string): AwardRow[] {
		return this.db.select().from(awards).where(eq(awards.workshopId, workshopId)).orderBy(asc(awards.createdAt), asc(awards.id)).all();
	}

	/** One pseudonym's awards (the phone asks while the facilitator decides: an indexed look-up, not the workshop's list). */
	awardsOfParticipant(participantId: string): AwardRow[] {
		return this.db.select().from(awards).where(eq(awards.participantId, participantId)).all();
	}

	/** Whether any award of the workshop is still waiting for the facilitator, and whether any was decided. */
	workshopDecision(workshopId: string): { pending: boolean; decided: boolean } {
		const anyWith = (pending: boolean) =>
			!!this.db
				.select({ id: awards.id })
				.from(awards)
				.where(and(eq(awards.workshopId, workshopId), pending ? eq(awards.status, 'pending') : inArray(awards.status, ['confirmed', 'removed', 'revoked'])))
				.limit(1)
				.get();
		return { pending: anyWith(true), decided: anyWith(false) };
	}

	award(id: string): AwardRow | undefined {
		return this.db.select().from(awards).where(eq(awards.id, id)).get();
	}

	insertAward(row: AwardRow) {
		this.db.insert(awards).values(row).run();
	}

	setAward(id: string, patch: Partial<AwardRow>) {
		this.db.update(awards).set(patch).where(eq(awards.id, id)).run();
	}

	/**
	 * Deletes awards nobody can receive any more: proposed or decided for a pseudonym that was erased (or whose
	 * workshop was deleted) and never delivered to a backpack.
	 */
	pruneOrphans(organisationId: string) {
		this.db
			.delete(awards)
			.where(and(eq(awards.organisationId, organisationId), isNull(awards.participantId), isNull(awards.learnerId), inArray(awards.status, ['pending', 'removed', 'confirmed'])))
			.run();
	}

	awardsOfLearner(learnerId: string): AwardRow[] {
		return this.db.select().from(awards).where(eq(awards.learnerId, learnerId)).all();
	}

	awardsOfOrganisation(organisationId: string): AwardRow[] {
		return this.db.select().from(awards).where(eq(awards.organisationId, organisationId)).orderBy(desc(awards.createdAt)).all();
	}

	// Learners

	insertLearner(row: LearnerRow) {
		this.db.insert(learners).values(row).run();
	}

	learner(id: string): LearnerRow | undefined {
		return this.db.select().from(learners).where(eq(learners.id, id)).get();
	}

	learnerByRecovery(hash: string): LearnerRow | undefined {
		return this.db.select().from(learners).where(eq(learners.recoveryHash, hash)).get();
	}

	learnerByDevice(token: string | undefined): LearnerRow | undefined {
		if (!token || token.length > 200) return undefined;
		return this.db
			.select({ l: learners })
			.from(learnerDevices)
			.innerJoin(learners, eq(learners.id, learnerDevices.learnerId))
			.where(eq(learnerDevices.tokenHash, hashToken(token)))
			.get()?.l;
	}

	addDevice(learnerId: string, token: string, now: number) {
		this.db.insert(learnerDevices).values({ tokenHash: hashToken(token), learnerId, createdAt: now }).run();
	}

	removeDevice(token: string) {
		this.db.delete(learnerDevices).where(eq(learnerDevices.tokenHash, hashToken(token))).run();
	}

	updateLearner(id: string, patch: Partial<LearnerRow>) {
		this.db.update(learners).set(patch).where(eq(learners.id, id)).run();
	}

	link(participantId: string, learnerId: string, workshopId: string, now: number) {
		this.db.insert(learnerLinks).values({ participantId, learnerId, workshopId, createdAt: now }).onConflictDoNothing().run();
	}

	linkOf(participantId: string) {
		return this.db.select().from(learnerLinks).where(eq(learnerLinks.participantId, participantId)).get();
	}

	linksOfLearner(learnerId: string) {
		return this.db.select().from(learnerLinks).where(eq(learnerLinks.learnerId, learnerId)).all();
	}

	linksOfWorkshop(workshopId: string) {
		return this.db.select().from(learnerLinks).where(eq(learnerLinks.workshopId, workshopId)).all();
	}

	// Credentials

	insertCredential(row: CredentialRow) {
		this.db.insert(credentials).values(row).run();
	}

	credential(id: string): CredentialRow | undefined {
		return this.db.select().from(credentials).where(eq(credentials.id, id)).get();
	}

	credentialsOfLearner(learnerId: string): CredentialRow[] {
		return this.db.select().from(credentials).where(eq(credentials.learnerId, learnerId)).orderBy(asc(credentials.issuedAt)).all();
	}

	credentialsOfOrganisation(organisationId: string): CredentialRow[] {
		return this.db.select().from(credentials).where(eq(credentials.organisationId, organisationId)).orderBy(desc(credentials.issuedAt)).all();
	}

	deleteCredential(id: string) {
		this.db.delete(credentials).where(eq(credentials.id, id)).run();
	}

	credentialOfAward(awardId: string): CredentialRow | undefined {
		return this.db.select().from(credentials).where(eq(credentials.awardId, awardId)).get();
	}

	setCredential(id: string, patch: Partial<CredentialRow>) {
		this.db.update(credentials).set(patch).where(eq(credentials.id, id)).run();
	}

	// Status lists

	statusList(id: string): StatusListRow | undefined {
		return this.db.select().from(statusLists).where(eq(statusLists.id, id)).get();
	}

	/** The list of this key with room for one more credential (none: open a new one). */
	openStatusList(organisationId: string, keyId: string): StatusListRow | undefined {
		return this.db
			.select()
			.from(statusLists)
			.where(and(eq(statusLists.organisationId, organisationId), eq(statusLists.keyId, keyId), sql`${statusLists.nextIndex} < length(${statusLists.bits}) * 8`))
			.orderBy(asc(statusLists.updatedAt))
			.get();
	}

	insertStatusList(row: StatusListRow) {
		this.db.insert(statusLists).values(row).run();
	}

	setStatusList(id: string, patch: Partial<StatusListRow>) {
		this.db.update(statusLists).set(patch).where(eq(statusLists.id, id)).run();
	}

	// Share links

	insertShare(row: ShareLinkRow) {
		this.db.insert(shareLinks).values(row).run();
	}

	share(id: string): ShareLinkRow | undefined {
		return this.db.select().from(shareLinks).where(eq(shareLinks.id, id)).get();
	}

	sharesOf(learnerId: string): ShareLinkRow[] {
		return this.db.select().from(shareLinks).where(eq(shareLinks.learnerId, learnerId)).orderBy(desc(shareLinks.createdAt)).all();
	}

	setShare(id: string, patch: Partial<ShareLinkRow>) {
		this.db.update(shareLinks).set(patch).where(eq(shareLinks.id, id)).run();
	}

	// The log, across workshops

	/** The participation events of some workshops in order, with what the rules read. */
	eventsOfWorkshops(workshopIds: string[]) {
		if (workshopIds.length === 0) return [];
		return this.db.select().from(participationEvents).where(inArray(participationEvents.workshopId, workshopIds)).orderBy(asc(participationEvents.seq)).all();
	}

	participantsOf(workshopId: string) {
		return this.db.select({ id: participants.id, nickname: participants.nickname, removedAt: participants.removedAt }).from(participants).where(eq(participants.workshopId, workshopId)).all();
	}

	workshopTitle(workshopId: string): string | null {
		return this.db.select({ title: workshops.title }).from(workshops).where(eq(workshops.id, workshopId)).get()?.title ?? null;
	}

	/** Erases a learner: their links, devices, share links and awards go with them (ON DELETE CASCADE). */
	deleteLearner(id: string) {
		this.db.delete(learners).where(eq(learners.id, id)).run();
	}
}
