/** Where a session goes: a cell, or out of the grid (both null). */
export type Target = { roomId: string | null; slotId: string | null };

/**
 * The grid's shared state while arranging: the session being dragged (HTML5 drag and drop carries only strings), and
 * the session just moved from its menu, whose card drawn at the new place takes the keyboard focus back (moving
 * re-creates the card in another cell, which drops the focus to the page).
 */
export class GridState {
	dragging = $state<string | null>(null);
	moved = $state<({ id: string } & Target) | null>(null);

	/** Whether the card of `id`, drawn at `at`, should take the focus after a move from its menu (and marks it done). */
	claimFocus(id: string, at: Target): boolean {
		const m = this.moved;
		if (!m || m.id !== id || m.roomId !== at.roomId || m.slotId !== at.slotId) return false;
		this.moved = null;
		return true;
	}
}
