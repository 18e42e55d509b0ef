import { getContext, setContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import type { ControlRoom } from '../../../../components/facilitator/context.svelte';

/**
 * The facilitator's selected cards on the board (for moving, grouping, hiding or deleting many at once). `order`
 * is the order the board shows its cards in now (columns left to right, then top to bottom), which a range
 * (Shift+click, Shift+arrows) follows.
 */
export class CardSelection {
	readonly ids = new SvelteSet<string>();
	/** Where the last range started: the last card clicked or toggled without Shift. */
	anchor = $state<string | null>(null);
	order = $state<string[]>([]);
	/** What the live region says while nothing is selected ("Done: 5 cards", "Nothing selected"). */
	note = $state('');
	/** For each card, the other cards of the board with a similar text (see similar.ts). */
	similar = $state<Map<string, string[]>>(new Map());

	has(id: string): boolean {
		return this.ids.has(id);
	}

	get size(): number {
		return this.ids.size;
	}

	/** The selected ids in board order. */
	get list(): string[] {
		return this.order.filter((id) => this.ids.has(id));
	}

	toggle(id: string) {
		this.note = '';
		if (this.ids.has(id)) this.ids.delete(id);
		else this.ids.add(id);
		this.anchor = id;
	}

	only(id: string) {
		this.note = '';
		this.ids.clear();
		this.ids.add(id);
		this.anchor = id;
	}

	/** Adds the cards from the anchor to `id` (in board order); without an anchor, just `id`. */
	range(id: string) {
		this.note = '';
		const from = this.anchor ? this.order.indexOf(this.anchor) : -1;
		const to = this.order.indexOf(id);
		if (from < 0 || to < 0) {
			this.toggle(id);
			return;
		}
		const [a, b] = from <= to ? [from, to] : [to, from];
		for (const x of this.order.slice(a, b + 1)) this.ids.add(x);
	}

	set(ids: Iterable<string>) {
		this.note = '';
		this.ids.clear();
		for (const id of ids) this.ids.add(id);
		this.anchor = null;
	}

	clear(note = '') {
		this.note = note;
		this.ids.clear();
		this.anchor = null;
	}

	/** Forgets cards that are gone (deleted on another screen, or no longer shown). */
	keepOnly(present: Set<string>) {
		for (const id of [...this.ids]) if (!present.has(id)) this.ids.delete(id);
	}
}

/**
 * Where a dropped card goes: with it, every other selected card when the dragged one is part of a selection of
 * several (one `card:bulk` step), else just the card.
 */
export function dropCard(
	control: ControlRoom,
	selection: CardSelection | undefined,
	cardId: string,
	boardId: string,
	target: { columnId: string; laneId: string | null; clusterId: string | null; beforeId?: string }
) {
	if (selection && selection.size > 1 && selection.has(cardId)) {
		const { beforeId: _b, ...to } = target;
		return control.send('card:bulk', { boardId, cardIds: selection.list, op: { type: 'move', ...to } });
	}
	return control.send('card:move', { cardId, ...target });
}

const KEY = Symbol('plenum.board.selection');

export function setCardSelection(s: CardSelection): CardSelection {
	return setContext(KEY, s);
}

/** The board's selection, or undefined outside a board grid. */
export function getCardSelection(): CardSelection | undefined {
	return getContext<CardSelection | undefined>(KEY);
}
