import { and, eq, lt, sql } from 'drizzle-orm';
import { commandReceipts } from '../../drizzle/schema';
import type { Db } from './client';

/** How long a command's receipt is kept: far longer than any phone's outbox retries a command (minutes to hours). */
export const RECEIPT_TTL_MS = 7 * 24 * 3600 * 1000;
/** How often the server prunes receipts past their time to live (also once at start, see createDeps). */
export const RECEIPT_PRUNE_EVERY_MS = 3600 * 1000;

/** The idempotency record: which command keys each actor already had applied, and what they were answered. */
export class ReceiptRepo {
	// Hot path of every command: prepared once (drizzle would otherwise build and prepare the SQL on every call).
	private findQ;
	private insertQ;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.findQ = db
			.select({ result: commandReceipts.result, requestHash: commandReceipts.requestHash })
			.from(commandReceipts)
			.where(and(eq(commandReceipts.actorId, ph('actorId')), eq(commandReceipts.idemKey, ph('idemKey'))))
			.prepare();
		this.insertQ = db
			.insert(commandReceipts)
			.values({
				actorId: ph('actorId'),
				idemKey: ph('idemKey'),
				workshopId: ph('workshopId'),
				requestHash: ph('requestHash'),
				result: ph('result'),
				createdAt: ph('createdAt')
			})
			.prepare();
	}

	/** The stored result of a command this actor already sent with this key, and the hash of that command, if any. */
	find(actorId: string, idemKey: string): { result: unknown; requestHash: string | null } | undefined {
		const row = this.findQ.get({ actorId, idemKey });
		return row ? { result: JSON.parse(row.result), requestHash: row.requestHash } : undefined;
	}

	/** Records that a command was applied (inside the command's transaction). */
	insert(r: { actorId: string; idemKey: string; workshopId: string; requestHash: string; result: unknown; createdAt: number }) {
		this.insertQ.run({ ...r, result: JSON.stringify(r.result) });
	}

	/** Deletes the receipts older than the time to live; returns how many went. */
	prune(now: number, ttlMs = RECEIPT_TTL_MS): number {
		return this.db.delete(commandReceipts).where(lt(commandReceipts.createdAt, now - ttlMs)).run().changes;
	}

	/** Deletes every receipt of one actor (erasure). */
	forgetActor(actorId: string) {
		this.db.delete(commandReceipts).where(eq(commandReceipts.actorId, actorId)).run();
	}
}
