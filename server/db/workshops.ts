import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { participants, users, workshopMembers, workshops } from '../../drizzle/schema';
import type { TimerState } from '../../src/lib/domain/timer';
import { nicknameKey } from '../../src/lib/domain/nickname';
import { hashToken, newId, newToken } from '../ids';
import type { Db } from './client';

export type WorkshopRow = typeof workshops.$inferSelect;

/** The stored timer, or an idle one if the row is damaged. */
export function parseTimer(raw: string): TimerState {
	try {
		const t = JSON.parse(raw);
		if (t && (t.status === 'idle' || t.status === 'running' || t.status === 'paused')) return t;
	} catch {
		/* fall through */
	}
	return { status: 'idle' };
}
export type MemberRole = 'owner' | 'cofacilitator';

/** Workshops, their facilitators and their participants. */
export class WorkshopRepo {
	// Prepared once: these run on every connection and every command.
	private getQ;
	private memberQ;
	private participantByTokenQ;
	private participantQ;
	private byCodeQ;
	private byProjectorTokenQ;
	private insertParticipantQ;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.getQ = db.select().from(workshops).where(eq(workshops.id, ph('id'))).prepare();
		this.memberQ = db
			.select({ role: workshopMembers.role })
			.from(workshopMembers)
			.where(and(eq(workshopMembers.workshopId, ph('workshopId')), eq(workshopMembers.userId, ph('userId'))))
			.prepare();
		this.participantByTokenQ = db
			.select({ id: participants.id, nickname: participants.nickname, workshopId: participants.workshopId })
			.from(participants)
			.where(and(eq(participants.tokenHash, ph('tokenHash')), eq(participants.workshopId, ph('workshopId')), isNull(participants.removedAt)))
			.prepare();
		this.participantQ = db
			.select({ id: participants.id, nickname: participants.nickname, workshopId: participants.workshopId })
			.from(participants)
			.where(eq(participants.id, ph('id')))
			.prepare();
		// The join path: the code's look-up and the new participant, 200 times a second in a join storm.
		this.byCodeQ = db.select().from(workshops).where(eq(workshops.code, ph('code'))).prepare();
		this.byProjectorTokenQ = db.select().from(workshops).where(eq(workshops.projectorToken, ph('token'))).prepare();
		this.insertParticipantQ = db
			.insert(participants)
			.values({ id: ph('id'), workshopId: ph('workshopId'), nickname: ph('nickname'), nicknameKey: ph('nicknameKey'), tokenHash: ph('tokenHash'), createdAt: ph('createdAt') })
			.prepare();
	}

	create(input: { title: string; locale: string; code: string; ownerId: string; now: number }): WorkshopRow {
		const row: WorkshopRow = {
			id: newId(),
			title: input.title,
			locale: input.locale,
			code: input.code,
			status: 'open',
			ownerId: input.ownerId,
			projectorToken: newToken(),
			inviteToken: newToken(),
			activeActivityId: null,
			timer: JSON.stringify({ status: 'idle' }),
			createdAt: input.now,
			closedAt: null
		};
		this.db.insert(workshops).values(row).run();
		this.db.insert(workshopMembers).values({ workshopId: row.id, userId: input.ownerId, role: 'owner', createdAt: input.now }).run();
		return row;
	}

	codeExists(code: string): boolean {
		return !!this.db.select({ id: workshops.id }).from(workshops).where(eq(workshops.code, code)).get();
	}

	get(id: string): WorkshopRow | undefined {
		return this.getQ.get({ id });
	}

	byCode(code: string): WorkshopRow | undefined {
		return this.byCodeQ.get({ code });
	}

	byProjectorToken(token: string): WorkshopRow | undefined {
		return this.byProjectorTokenQ.get({ token });
	}

	byInviteToken(token: string): WorkshopRow | undefined {
		return this.db.select().from(workshops).where(eq(workshops.inviteToken, token)).get();
	}

	/** The workshops a facilitator belongs to, newest first, with card and participant counts. */
	listForUser(userId: string) {
		const rows = this.db
			.select({ w: workshops, role: workshopMembers.role })
			.from(workshopMembers)
			.innerJoin(workshops, eq(workshops.id, workshopMembers.workshopId))
			.where(eq(workshopMembers.userId, userId))
			.orderBy(desc(workshops.createdAt))
			.all();
		return rows.map((r) => ({ ...r.w, role: r.role }));
	}

	memberRole(workshopId: string, userId: string): MemberRole | null {
		return this.memberQ.get({ workshopId, userId })?.role ?? null;
	}

	addMember(workshopId: string, userId: string, role: MemberRole, now: number) {
		this.db.insert(workshopMembers).values({ workshopId, userId, role, createdAt: now }).onConflictDoNothing().run();
	}

	setActiveActivity(id: string, activityId: string | null) {
		this.db.update(workshops).set({ activeActivityId: activityId }).where(eq(workshops.id, id)).run();
	}

	setTimer(id: string, timer: TimerState) {
		this.db.update(workshops).set({ timer: JSON.stringify(timer) }).where(eq(workshops.id, id)).run();
	}

	close(id: string, now: number) {
		this.db.update(workshops).set({ status: 'closed', closedAt: now }).where(eq(workshops.id, id)).run();
	}

	rotateProjectorToken(id: string): string {
		const token = newToken();
		this.db.update(workshops).set({ projectorToken: token }).where(eq(workshops.id, id)).run();
		return token;
	}

	rotateInviteToken(id: string): string {
		const token = newToken();
		this.db.update(workshops).set({ inviteToken: token }).where(eq(workshops.id, id)).run();
		return token;
	}

	/** The workshop's co-facilitators (account id, name, since when), oldest first. */
	cofacilitators(workshopId: string): { userId: string; name: string; since: number }[] {
		return this.db
			.select({ userId: workshopMembers.userId, name: users.name, since: workshopMembers.createdAt })
			.from(workshopMembers)
			.innerJoin(users, eq(users.id, workshopMembers.userId))
			.where(and(eq(workshopMembers.workshopId, workshopId), eq(workshopMembers.role, 'cofacilitator')))
			.orderBy(workshopMembers.createdAt, workshopMembers.userId)
			.all();
	}

	/** Removes a co-facilitator's membership; false when they are none (the owner never goes this way). */
	removeCofacilitator(workshopId: string, userId: string): boolean {
		const r = this.db
			.delete(workshopMembers)
			.where(and(eq(workshopMembers.workshopId, workshopId), eq(workshopMembers.userId, userId), eq(workshopMembers.role, 'cofacilitator')))
			.run();
		return r.changes > 0;
	}

	/**
	 * Creates a participant bound to a fresh device token; returns the token for the cookie, or null when someone in
	 * the workshop has this nickname already (the unique index decides, so of two joins at once exactly one wins).
	 */
	createParticipant(workshopId: string, nickname: string, now: number): { id: string; nickname: string; token: string } | null {
		const token = newToken();
		const id = newId();
		try {
			this.insertParticipantQ.run({ id, workshopId, nickname, nicknameKey: nicknameKey(nickname), tokenHash: hashToken(token), createdAt: now });
		} catch (e) {
			if (isNicknameConflict(e)) return null;
			throw e;
		}
		return { id, nickname, token };
	}

	/** The participant of this device cookie, unless they were removed (then null, as for an unknown cookie). */
	participantByToken(workshopId: string, token: string | undefined) {
		if (!token || token.length > 100) return null;
		return this.participantByTokenQ.get({ tokenHash: hashToken(token), workshopId }) ?? null;
	}

	/** Whether this device cookie belongs to someone the staff removed from the workshop (the device may not join again). */
	removedByToken(workshopId: string, token: string | undefined): boolean {
		if (!token || token.length > 100) return false;
		const r = this.db
			.select({ removedAt: participants.removedAt })
			.from(participants)
			.where(and(eq(participants.tokenHash, hashToken(token)), eq(participants.workshopId, workshopId)))
			.get();
		return r?.removedAt != null;
	}

	/** A participant row as the staff's people commands need it (null when unknown, in any workshop). */
	participantRow(id: string) {
		return this.db.select().from(participants).where(eq(participants.id, id)).get() ?? null;
	}

	/** Gives a participant another nickname; false when someone else in the workshop has that name. */
	renameParticipant(id: string, nickname: string): boolean {
		try {
			this.db.update(participants).set({ nickname, nicknameKey: nicknameKey(nickname) }).where(eq(participants.id, id)).run();
		} catch (e) {
			if (isNicknameConflict(e)) return false;
			throw e;
		}
		return true;
	}

	/**
	 * Removes a participant whose content stays: their nickname becomes `shownAs` (the workshop's word for a removed
	 * person, so their cards read as anonymous), the name is free again, and their device cookie no longer lets them in.
	 */
	markRemoved(id: string, shownAs: string, now: number) {
		this.db.update(participants).set({ nickname: shownAs, nicknameKey: null, removedAt: now }).where(eq(participants.id, id)).run();
	}

	/**
	 * After a removed person's data was erased (their row is gone): a row with no name that only keeps their device
	 * cookie's hash, so that device cannot join again.
	 */
	banDevice(workshopId: string, tokenHash: string, now: number) {
		this.db.insert(participants).values({ id: newId(), workshopId, nickname: '', nicknameKey: null, tokenHash, createdAt: now, removedAt: now }).run();
	}

	/** The workshop's people (not removed), for the staff's people panel: id, nickname, when they joined. */
	people(workshopId: string): { id: string; nickname: string; joinedAt: number }[] {
		return this.db
			.select({ id: participants.id, nickname: participants.nickname, joinedAt: participants.createdAt })
			.from(participants)
			.where(and(eq(participants.workshopId, workshopId), isNull(participants.removedAt)))
			.orderBy(participants.nickname, participants.id)
			.all();
	}

	participant(id: string) {
		return this.participantQ.get({ id }) ?? null;
	}

	/** Nicknames by participant id, for the given ids. */
	nicknames(ids: string[]): Map<string, string> {
		if (ids.length === 0) return new Map();
		const out = new Map<string, string>();
		for (let i = 0; i < ids.length; i += 500) {
			const rows = this.db.select({ id: participants.id, nickname: participants.nickname }).from(participants).where(inArray(participants.id, ids.slice(i, i + 500))).all();
			for (const r of rows) out.set(r.id, r.nickname);
		}
		return out;
	}

	/** The workshop's participants (id and nickname), by nickname, at most `limit`. */
	participantsOf(workshopId: string, limit: number): { id: string; nickname: string }[] {
		return this.db
			.select({ id: participants.id, nickname: participants.nickname })
			.from(participants)
			.where(and(eq(participants.workshopId, workshopId), isNull(participants.removedAt)))
			.orderBy(participants.nickname, participants.id)
			.limit(limit)
			.all();
	}

	countParticipants(workshopId: string): number {
		return this.db.select({ n: sql<number>`count(*)` }).from(participants).where(and(eq(participants.workshopId, workshopId), isNull(participants.removedAt))).get()?.n ?? 0;
	}

	/** The pseudonym of a participant and when they joined (each module adds what it keeps, see Gateway.privacy). */
	participantData(participantId: string) {
		const p = this.db.select().from(participants).where(eq(participants.id, participantId)).get();
		return p ? { nickname: p.nickname, joinedAt: p.createdAt, workshopId: p.workshopId } : null;
	}

	/** Deletes the pseudonym itself (the modules erase their data first, in the same transaction). */
	forgetParticipant(participantId: string) {
		this.db.delete(participants).where(eq(participants.id, participantId)).run();
	}

	/** Deletes a workshop with everything in it (its activities and every module's rows, participants, receipts, participation log, members: all by cascade). */
	deleteWorkshop(id: string) {
		this.db.delete(workshops).where(eq(workshops.id, id)).run();
	}
}

/** Whether an insert or update failed on the one-nickname-per-workshop index. */
function isNicknameConflict(e: unknown): boolean {
	return e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('nickname_key');
}
