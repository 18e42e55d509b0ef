import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { participants, workshopMembers, workshops } from '../../drizzle/schema';
import type { TimerState } from '../../src/lib/domain/timer';
import { hashToken, newId, newToken } from '../ids';
import type { Db } from './client';

export type WorkshopRow = typeof workshops.$inferSelect;
export type MemberRole = 'owner' | 'cofacilitator';

/** Workshops, their facilitators and their participants. */
export class WorkshopRepo {
	constructor(private db: Db) {}

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
			activeBoardId: null,
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
		return this.db.select().from(workshops).where(eq(workshops.id, id)).get();
	}

	byCode(code: string): WorkshopRow | undefined {
		return this.db.select().from(workshops).where(eq(workshops.code, code)).get();
	}

	byProjectorToken(token: string): WorkshopRow | undefined {
		return this.db.select().from(workshops).where(eq(workshops.projectorToken, token)).get();
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
		const row = this.db
			.select({ role: workshopMembers.role })
			.from(workshopMembers)
			.where(and(eq(workshopMembers.workshopId, workshopId), eq(workshopMembers.userId, userId)))
			.get();
		return row?.role ?? null;
	}

	addMember(workshopId: string, userId: string, role: MemberRole, now: number) {
		this.db.insert(workshopMembers).values({ workshopId, userId, role, createdAt: now }).onConflictDoNothing().run();
	}

	setActiveBoard(id: string, boardId: string) {
		this.db.update(workshops).set({ activeBoardId: boardId }).where(eq(workshops.id, id)).run();
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

	/** Creates a participant bound to a fresh device token; returns the token for the cookie. */
	createParticipant(workshopId: string, nickname: string, now: number) {
		const token = newToken();
		const id = newId();
		this.db.insert(participants).values({ id, workshopId, nickname, tokenHash: hashToken(token), createdAt: now }).run();
		return { id, nickname, token };
	}

	participantByToken(workshopId: string, token: string | undefined) {
		if (!token || token.length > 100) return null;
		const row = this.db
			.select({ id: participants.id, nickname: participants.nickname, workshopId: participants.workshopId })
			.from(participants)
			.where(and(eq(participants.tokenHash, hashToken(token)), eq(participants.workshopId, workshopId)))
			.get();
		return row ?? null;
	}

	participant(id: string) {
		return this.db.select({ id: participants.id, nickname: participants.nickname, workshopId: participants.workshopId }).from(participants).where(eq(participants.id, id)).get() ?? null;
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

	countParticipants(workshopId: string): number {
		return this.db.select({ n: sql<number>`count(*)` }).from(participants).where(eq(participants.workshopId, workshopId)).get()?.n ?? 0;
	}
}
