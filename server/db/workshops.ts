import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { participants, users, workshopMembers, workshops } from '../../drizzle/schema';
import type { TimerState } from '../../src/lib/domain/timer';
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
			.where(and(eq(participants.tokenHash, ph('tokenHash')), eq(participants.workshopId, ph('workshopId'))))
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
			.values({ id: ph('id'), workshopId: ph('workshopId'), nickname: ph('nickname'), tokenHash: ph('tokenHash'), createdAt: ph('createdAt') })
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

	/** Creates a participant bound to a fresh device token; returns the token for the cookie. */
	createParticipant(workshopId: string, nickname: string, now: number) {
		const token = newToken();
		const id = newId();
		this.insertParticipantQ.run({ id, workshopId, nickname, tokenHash: hashToken(token), createdAt: now });
		return { id, nickname, token };
	}

	participantByToken(workshopId: string, token: string | undefined) {
		if (!token || token.length > 100) return null;
		return this.participantByTokenQ.get({ tokenHash: hashToken(token), workshopId }) ?? null;
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
			.where(eq(participants.workshopId, workshopId))
			.orderBy(participants.nickname, participants.id)
			.limit(limit)
			.all();
	}

	countParticipants(workshopId: string): number {
		return this.db.select({ n: sql<number>`count(*)` }).from(participants).where(eq(participants.workshopId, workshopId)).get()?.n ?? 0;
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
