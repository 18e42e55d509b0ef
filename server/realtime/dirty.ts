/** What a committed command changed, so the projection re-renders only that into the room's documents. */
export class Dirty {
	meta = false;
	boards = new Set<string>();
	/** Boards whose every card and cluster must be re-projected (phase or visibility settings changed). */
	fullBoards = new Set<string>();
	cards = new Set<string>();
	clusters = new Set<string>();
	tallies = new Set<string>();
	/**
	 * Participants whose own state (cards, dots) changed, each with the connections that already have every one of
	 * those changes (the connection whose acknowledgement carried it). Only the others get a `me` push.
	 */
	me = new Map<string, Set<string>>();

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
		for (const k of ['boards', 'fullBoards', 'cards', 'clusters', 'tallies'] as const) for (const v of o[k]) this[k].add(v);
		// A connection knows the merged change only if it knows both parts.
		for (const [pid, known] of o.me) {
			const mine = this.me.get(pid);
			this.me.set(pid, mine ? new Set([...mine].filter((c) => known.has(c))) : new Set(known));
		}
	}

	get empty() {
		return !this.meta && !this.boards.size && !this.fullBoards.size && !this.cards.size && !this.clusters.size && !this.tallies.size && !this.me.size;
	}
}
