/**
 * What a committed command changed, so the projection re-renders only that into the room's documents. The core
 * knows the workshop (`meta`), the activity list, whole activities, tallies and personal state; a module records
 * its own things in named buckets (`<type>.<what>`, for example `board.cards`), which only it reads.
 */
export class Dirty {
	meta = false;
	/** Activities whose entry in the `activities` map changed (added, renamed, moved, phase, removed). */
	activities = new Set<string>();
	/** Activities whose every projected thing must be rendered again (phase or visibility changed, removed, built). */
	full = new Set<string>();
	/** Activities whose shared texts may have changed who may write or read them (settings, phase, the item under discussion). */
	texts = new Set<string>();
	/** Shared texts (entities `<activityId>.<key>`) whose subject is gone: their documents are deleted. */
	textsGone = new Set<string>();
	/** Activities whose tally changed. */
	tallies = new Set<string>();
	/**
	 * Participants whose own state changed, each with the connections that already have every one of those changes
	 * (the connection whose acknowledgement carried it). Only the others get a `me` push.
	 */
	me = new Map<string, Set<string>>();
	private buckets = new Map<string, Set<string>>();

	/** A module's thing changed (bucket `<type>.<what>`, id of the thing). */
	mark(bucket: string, id: string) {
		let b = this.buckets.get(bucket);
		if (!b) this.buckets.set(bucket, (b = new Set()));
		b.add(id);
	}

	/** The ids marked in a module's bucket. */
	get(bucket: string): ReadonlySet<string> {
		return this.buckets.get(bucket) ?? EMPTY;
	}

	/** A participant's own state changed; none of their connections knows yet. */
	touchMe(participantId: string) {
		this.me.set(participantId, new Set());
	}

	/** The acknowledgement to this connection carries this command's whole change of its participant's own state. */
	ackCarriesMe(participantId: string, connectionId: string) {
		if (this.me.has(participantId)) this.me.set(participantId, new Set([connectionId]));
	}

	/** Folds another set of changes into this one. */
	merge(o: Dirty) {
		this.meta ||= o.meta;
		for (const k of ['activities', 'full', 'texts', 'textsGone', 'tallies'] as const) for (const v of o[k]) this[k].add(v);
		for (const [bucket, ids] of o.buckets) for (const id of ids) this.mark(bucket, id);
		// A connection knows the merged change only if it knows both parts.
		for (const [pid, known] of o.me) {
			const mine = this.me.get(pid);
			this.me.set(pid, mine ? new Set([...mine].filter((c) => known.has(c))) : new Set(known));
		}
	}

	get empty() {
		return !this.meta && !this.activities.size && !this.full.size && !this.texts.size && !this.textsGone.size && !this.tallies.size && !this.me.size && ![...this.buckets.values()].some((b) => b.size);
	}
}

const EMPTY: ReadonlySet<string> = new Set();
