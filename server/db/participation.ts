import { and, asc, eq, sql } from 'drizzle-orm';
import { participationEvents } from '../../drizzle/schema';
import { CORE_EVENT_KINDS, type EventActor, type ParticipationEvent } from '../../src/lib/domain/participation';
import type { Db } from './client';

export type ParticipationRow = typeof participationEvents.$inferSelect;

/** The append-only participation log (the core's kinds in src/lib/domain/participation.ts, each module's in its spec): the badge model's only input. */
export class ParticipationRepo {
	// Written by every command inside its transaction: prepared once.
	private appendQ;

	constructor(
		private db: Db,
		/** The version of a module's event kind (the registry's); undefined for a kind nobody declared. */
		private moduleKindVersion: (kind: string) => number | undefined = () => undefined
	) {
		const ph = sql.placeholder;
		this.appendQ = db
			.insert(participationEvents)
			.values({
				workshopId: ph('workshopId'),
				activityId: ph('activityId'),
				kind: ph('kind'),
				version: ph('version'),
				subjectId: ph('subjectId'),
				ownerId: ph('ownerId'),
				actorRole: ph('actorRole'),
				actorId: ph('actorId'),
				payload: ph('payload'),
				createdAt: ph('createdAt')
			})
			.prepare();
	}

	/** Appends events that one actor caused at one time, in the caller's transaction. */
	append(workshopId: string, actor: EventActor, at: number, list: readonly ParticipationEvent[]) {
		for (const e of list) {
			const version = Object.hasOwn(CORE_EVENT_KINDS, e.kind) ? CORE_EVENT_KINDS[e.kind as keyof typeof CORE_EVENT_KINDS] : this.moduleKindVersion(e.kind);
			// A kind nobody declared is a programming error: the command fails and its transaction rolls back.
			if (version === undefined) throw new Error(`undeclared participation event kind ${e.kind}`);
			this.appendQ.run({
				workshopId,
				activityId: e.activityId,
				kind: e.kind,
				version,
				subjectId: e.subjectId,
				ownerId: e.ownerId ?? null,
				actorRole: actor.role,
				actorId: actor.id,
				payload: JSON.stringify(e.payload ?? {}),
				createdAt: at
			});
		}
	}

	/** A workshop's log in order. */
	ofWorkshop(workshopId: string): ParticipationRow[] {
		return this.db.select().from(participationEvents).where(eq(participationEvents.workshopId, workshopId)).orderBy(asc(participationEvents.seq)).all();
	}

	/** The kinds and times of what a participant did in their workshop (their privacy export). */
	ofActor(workshopId: string, actorId: string): { kind: string; at: number }[] {
		return this.db
			.select({ kind: participationEvents.kind, at: participationEvents.createdAt })
			.from(participationEvents)
			.where(and(eq(participationEvents.workshopId, workshopId), eq(participationEvents.actorId, actorId)))
			.orderBy(asc(participationEvents.seq))
			.all();
	}

	/** When a person last did something of one kind to each subject (their votes per item, for "Your data"). */
	lastBySubject(workshopId: string, actorId: string, kind: string): Map<string, number> {
		const rows = this.db
			.select({ subjectId: participationEvents.subjectId, at: sql<number>`max(${participationEvents.createdAt})` })
			.from(participationEvents)
			.where(and(eq(participationEvents.workshopId, workshopId), eq(participationEvents.actorId, actorId), eq(participationEvents.kind, kind)))
			.groupBy(participationEvents.subjectId)
			.all();
		return new Map(rows.filter((r) => r.subjectId !== null).map((r) => [r.subjectId!, r.at]));
	}

	/**
	 * Erasure: the participant's own events go, and other people's events about the participant's things lose the
	 * link to them (the owner), so nothing in the log points at the erased pseudonym any more.
	 */
	forgetParticipant(workshopId: string, participantId: string) {
		// A pseudonym belongs to one workshop: the workshop's index bounds both statements (no index on actor or owner,
		// so every command writes one index less).
		const inWorkshop = eq(participationEvents.workshopId, workshopId);
		this.db.delete(participationEvents).where(and(inWorkshop, eq(participationEvents.actorId, participantId))).run();
		this.db.update(participationEvents).set({ ownerId: null }).where(and(inWorkshop, eq(participationEvents.ownerId, participantId))).run();
	}
}
