import { and, asc, eq } from 'drizzle-orm';
import { events } from '../../drizzle/schema';
import type { Db } from './client';

export type EventRow = typeof events.$inferSelect;

/** The append-only participation log, also the record of which command keys were already applied. */
export class EventRepo {
	constructor(private db: Db) {}

	/** The stored result of a command this actor already sent with this key, if any. */
	findResult(actorId: string, idemKey: string): unknown | undefined {
		const row = this.db.select({ result: events.result }).from(events).where(and(eq(events.actorId, actorId), eq(events.idemKey, idemKey))).get();
		return row ? JSON.parse(row.result) : undefined;
	}

	append(e: Omit<EventRow, 'seq'>) {
		this.db.insert(events).values(e).run();
	}

	ofWorkshop(workshopId: string): EventRow[] {
		return this.db.select().from(events).where(eq(events.workshopId, workshopId)).orderBy(asc(events.seq)).all();
	}
}
