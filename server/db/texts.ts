import { and, asc, eq, sql } from 'drizzle-orm';
import { textAuthors, textDocs, textUpdates } from '../../drizzle/schema';
import type { Db } from './client';

/** One document's share of a batch: the updates since the last write, merged, and its state now. */
export interface TextWrite {
	name: string;
	workshopId: string;
	/** The updates of this batch merged into one (Y.mergeUpdates), or null if only the snapshot changed. */
	update: Uint8Array | null;
	/** Set to replace every stored update by this one encoding of the whole document (compaction). */
	compacted?: Uint8Array;
	/** The plain text, when the snapshot is due. */
	snapshot?: string;
	bytes: number;
	/** Client ids seen for the first time in this document since the last write, with the person who sent them. */
	authors?: TextAuthor[];
	/** The document's row may not exist yet (its first write): create it. */
	ensure?: boolean;
}

/** A Yjs client id that created items in a text document, and whose it is. */
export interface TextAuthor {
	clientId: number;
	role: 'facilitator' | 'participant';
	id: string;
}

/**
 * Storage of co-edited text documents (server/realtime/text-docs.ts): their Yjs updates, in order, and a plain-text
 * snapshot for exports and the projector. Rows go with their workshop (foreign keys, ON DELETE CASCADE).
 */
export class TextRepo {
	private updatesQ;
	private countQ;
	private ensureQ;
	private insertQ;
	private deleteUpdatesQ;
	private snapshotQ;
	private bytesQ;
	private readSnapshotQ;
	private authorsQ;
	private insertAuthorQ;
	private authoredQ;
	private forgetAuthorQ;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.updatesQ = db.select({ update: textUpdates.update }).from(textUpdates).where(eq(textUpdates.name, ph('name'))).orderBy(asc(textUpdates.seq)).prepare();
		this.countQ = db.select({ n: sql<number>`count(*)` }).from(textUpdates).where(eq(textUpdates.name, ph('name'))).prepare();
		this.ensureQ = db
			.insert(textDocs)
			.values({ name: ph('name'), workshopId: ph('workshopId'), snapshot: '', bytes: 0, updatedAt: ph('now') })
			.onConflictDoNothing()
			.prepare();
		this.insertQ = db.insert(textUpdates).values({ name: ph('name'), update: ph('update'), createdAt: ph('now') }).prepare();
		this.deleteUpdatesQ = db.delete(textUpdates).where(eq(textUpdates.name, ph('name'))).prepare();
		this.snapshotQ = db
			.update(textDocs)
			.set({ snapshot: sql`${ph('snapshot')}`, bytes: sql`${ph('bytes')}`, updatedAt: sql`${ph('now')}` })
			.where(eq(textDocs.name, ph('name')))
			.prepare();
		this.bytesQ = db
			.update(textDocs)
			.set({ bytes: sql`${ph('bytes')}`, updatedAt: sql`${ph('now')}` })
			.where(eq(textDocs.name, ph('name')))
			.prepare();
		this.readSnapshotQ = db.select({ snapshot: textDocs.snapshot }).from(textDocs).where(eq(textDocs.name, ph('name'))).prepare();
		this.authorsQ = db.select({ clientId: textAuthors.clientId, role: textAuthors.actorRole, id: textAuthors.actorId }).from(textAuthors).where(eq(textAuthors.name, ph('name'))).prepare();
		this.insertAuthorQ = db
			.insert(textAuthors)
			.values({ name: ph('name'), clientId: ph('clientId'), actorRole: ph('role'), actorId: ph('id') })
			.onConflictDoNothing()
			.prepare();
		this.authoredQ = db
			.selectDistinct({ name: textAuthors.name })
			.from(textAuthors)
			.innerJoin(textDocs, eq(textDocs.name, textAuthors.name))
			.where(and(eq(textAuthors.actorId, ph('id')), eq(textAuthors.actorRole, ph('role')), eq(textDocs.workshopId, ph('workshopId'))))
			.prepare();
		this.forgetAuthorQ = db
			.delete(textAuthors)
			.where(and(eq(textAuthors.name, ph('name')), eq(textAuthors.actorId, ph('id')), eq(textAuthors.actorRole, ph('role'))))
			.prepare();
	}

	/** The stored updates of a document, oldest first (none for a document never written). */
	updates(name: string): Uint8Array[] {
		return this.updatesQ.all({ name }).map((r) => new Uint8Array(r.update.buffer, r.update.byteOffset, r.update.byteLength));
	}

	/** How many updates are stored for a document. */
	updateCount(name: string): number {
		return this.countQ.get({ name })?.n ?? 0;
	}

	/**
	 * Writes one document's batch: creates its row if needed, appends the merged update (or, compacting, replaces every
	 * stored update by the document's encoding), and the snapshot when due. Call inside a transaction; throws if the
	 * workshop is gone (the caller drops that batch).
	 */
	write(w: TextWrite, now: number) {
		// Two statements at most for a batch of keystrokes: the row is created once, and the size and time are written
		// with the snapshot (debounced to a second) or a compaction, not with every batch.
		if (w.ensure) this.ensureQ.run({ name: w.name, workshopId: w.workshopId, now });
		if (w.compacted) {
			this.deleteUpdatesQ.run({ name: w.name });
			this.insertQ.run({ name: w.name, update: Buffer.from(w.compacted), now });
		} else if (w.update) this.insertQ.run({ name: w.name, update: Buffer.from(w.update), now });
		if (w.snapshot !== undefined) this.snapshotQ.run({ name: w.name, snapshot: w.snapshot, bytes: w.bytes, now });
		else if (w.compacted || w.ensure) this.bytesQ.run({ name: w.name, bytes: w.bytes, now });
		for (const a of w.authors ?? []) this.insertAuthorQ.run({ name: w.name, clientId: a.clientId, role: a.role, id: a.id });
	}

	/** Who wrote in a document: its client ids and their people. */
	authors(name: string): TextAuthor[] {
		return this.authorsQ.all({ name });
	}

	/** The documents of a workshop in which a person has client ids. */
	authoredBy(workshopId: string, actor: { role: 'facilitator' | 'participant'; id: string }): string[] {
		return this.authoredQ.all({ workshopId, role: actor.role, id: actor.id }).map((r) => r.name);
	}

	/** Deletes a person's client ids of one document (after their text in it was erased). */
	forgetAuthor(name: string, actor: { role: 'facilitator' | 'participant'; id: string }): number {
		return this.forgetAuthorQ.run({ name, role: actor.role, id: actor.id }).changes;
	}

	/** The plain text of a document as last snapshotted ('' if it was never written). */
	snapshot(name: string): string {
		return this.readSnapshotQ.get({ name })?.snapshot ?? '';
	}

	/** Snapshots of a workshop's documents whose entity starts with `entityPrefix`, by entity. */
	snapshotsOf(workshopId: string, entityPrefix = ''): Map<string, { text: string; updatedAt: number }> {
		const prefix = `${workshopId}/text/${entityPrefix}`;
		const rows = this.db
			.select({ name: textDocs.name, snapshot: textDocs.snapshot, updatedAt: textDocs.updatedAt })
			.from(textDocs)
			.where(and(eq(textDocs.workshopId, workshopId), sql`substr(${textDocs.name}, 1, ${prefix.length}) = ${prefix}`))
			.all();
		const base = `${workshopId}/text/`.length;
		return new Map(rows.map((r) => [r.name.slice(base), { text: r.snapshot, updatedAt: r.updatedAt }]));
	}

	/** Deletes a workshop's documents whose entity starts with `entityPrefix` (their updates go by cascade); returns how many. */
	forget(workshopId: string, entityPrefix = ''): number {
		const prefix = `${workshopId}/text/${entityPrefix}`;
		return this.db
			.delete(textDocs)
			.where(and(eq(textDocs.workshopId, workshopId), sql`substr(${textDocs.name}, 1, ${prefix.length}) = ${prefix}`))
			.run().changes;
	}
}
