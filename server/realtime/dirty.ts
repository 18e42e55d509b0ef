/** What a committed command changed, so the projection re-renders only that into the room's documents. */
export class Dirty {
	meta = false;
	boards = new Set<string>();
	/** Boards whose every card and cluster must be re-projected (phase or visibility settings changed). */
	fullBoards = new Set<string>();
	cards = new Set<string>();
	clusters = new Set<string>();
	tallies = new Set<string>();
	/** Participants whose own state (cards, dots) changed. */
	me = new Set<string>();

	/** Folds another set of changes into this one. */
	merge(o: Dirty) {
		this.meta ||= o.meta;
		for (const k of ['boards', 'fullBoards', 'cards', 'clusters', 'tallies', 'me'] as const) for (const v of o[k]) this[k].add(v);
	}

	get empty() {
		return !this.meta && !this.boards.size && !this.fullBoards.size && !this.cards.size && !this.clusters.size && !this.tallies.size && !this.me.size;
	}
}
