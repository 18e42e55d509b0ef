import { and, asc, eq, sql } from 'drizzle-orm';
import { events } from '../../drizzle/schema';
import type { Db } from './client';

export type EventRow = typeof events.$inferSelect;

/** The append-only participation log, also the record of which command keys were already applied. */
export class EventRepo {
	// Hot path of every command: prepared once (drizzle would otherwise build and prepare the SQL on every call).
	private findQ;
	private appendQ;

	constructor(private db: Db) {
		this.findQ = db
			.select({ result: events.result, requestHash: events.requestHash })
			.from(events)
			.where(and(eq(events.actorId, sql.placeholder('actorId')), eq(events.idemKey, sql.placeholder('idemKey'))))
			.prepare();
		this.appendQ = db
			.insert(events)
			.values({
				workshopId: sql.placeholder('workshopId'),
				actorRole: sql.placeholder('actorRole'),
				actorId: sql.placeholder('actorId'),
				kind: sql.placeholder('kind'),
				subjectId: sql.placeholder('subjectId'),
				idemKey: sql.placeholder('idemKey'),
				requestHash: sql.placeholder('requestHash'),
				result: sql.placeholder('result'),
				createdAt: sql.placeholder('createdAt')
			})
			.prepare();
	}

	/** The stored result of a command this actor already sent with this key, and the hash of that command, if any. */
	findResult(actorId: string, idemKey: string): { result: unknown; requestHash: string | null } | undefined {
		const row = this.findQ.get({ actorId, idemKey });
		return row ? { result: JSON.parse(row.result), requestHash: row.requestHash } : undefined;
	}

	append(e: Omit<EventRow, 'seq' | 'requestHash'> & { requestHash?: string | null }) {
		this.appendQ.run({ ...e, requestHash: e.requestHash ?? null });
	}

	ofWorkshop(workshopId: string): EventRow[] {
		return this.db.select().from(events).where(eq(events.workshopId, workshopId)).orderBy(asc(events.seq)).all();
	}
}
