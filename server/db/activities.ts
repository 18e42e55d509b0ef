import { and, asc, eq, sql } from 'drizzle-orm';
import { activities } from '../../drizzle/schema';
import type { Db } from './client';

export type ActivityRow = typeof activities.$inferSelect;

/** A workshop's activities in order. Every method is synchronous and joins the caller's transaction. */
export class ActivityRepo {
	private getQ;
	private ofQ;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.getQ = db.select().from(activities).where(eq(activities.id, ph('id'))).prepare();
		this.ofQ = db.select().from(activities).where(eq(activities.workshopId, ph('workshopId'))).orderBy(asc(activities.position), asc(activities.id)).prepare();
	}

	get(id: string): ActivityRow | null {
		return this.getQ.get({ id }) ?? null;
	}

	/** A workshop's activities in their order. */
	of(workshopId: string): ActivityRow[] {
		return this.ofQ.all({ workshopId });
	}

	insert(row: ActivityRow) {
		this.db.insert(activities).values(row).run();
	}

	rename(id: string, title: string) {
		this.db.update(activities).set({ title }).where(eq(activities.id, id)).run();
	}

	setPhase(id: string, phase: string) {
		this.db.update(activities).set({ phase }).where(eq(activities.id, id)).run();
	}

	/** Writes the order given (ids of one workshop) as positions 0, 1, 2 ... */
	reorder(workshopId: string, ids: string[]) {
		ids.forEach((id, i) => this.db.update(activities).set({ position: i }).where(and(eq(activities.id, id), eq(activities.workshopId, workshopId))).run());
	}

	remove(id: string) {
		this.db.delete(activities).where(eq(activities.id, id)).run();
	}
}
