/**
 * Who has unsent text in a card composer, per workshop: one entry per connection (a phone that drops simply
 * disappears), counted per board as distinct participants, so two tabs of one person count once. Kept in memory:
 * it is a hint for the facilitator, not a fact of the workshop.
 */
export class DraftCounter {
	private byWorkshop = new Map<string, Map<string, { participantId: string; boardId: string }>>();

	/** Records what one connection says (a board it drafts on, or null); true when the workshop's counts may have changed. */
	set(workshopId: string, connectionId: string, participantId: string, boardId: string | null): boolean {
		let m = this.byWorkshop.get(workshopId);
		const before = m?.get(connectionId);
		if (boardId === null) {
			if (!before) return false;
			m!.delete(connectionId);
			if (m!.size === 0) this.byWorkshop.delete(workshopId);
			return true;
		}
		if (before?.boardId === boardId) return false;
		if (!m) this.byWorkshop.set(workshopId, (m = new Map()));
		m.set(connectionId, { participantId, boardId });
		return true;
	}

	/** Per board, the number of distinct participants with unsent text. */
	counts(workshopId: string): Record<string, number> {
		const people = new Map<string, Set<string>>();
		for (const { participantId, boardId } of this.byWorkshop.get(workshopId)?.values() ?? []) {
			let s = people.get(boardId);
			if (!s) people.set(boardId, (s = new Set()));
			s.add(participantId);
		}
		return Object.fromEntries([...people].map(([b, s]) => [b, s.size]));
	}

	/** Forgets a workshop (deleted). */
	forget(workshopId: string) {
		this.byWorkshop.delete(workshopId);
	}
}
