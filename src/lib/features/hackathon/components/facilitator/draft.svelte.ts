import { untrack } from 'svelte';

/**
 * A local copy of a list the facilitator edits as a whole and saves in one command (the stages, the rubric): it
 * follows the document while it has no unsaved edits, and keeps the edits when the document changes under it.
 * Create it while a component initialises (it sets up an effect).
 */
export class ListDraft<T> {
	items = $state<T[]>([]);
	#base = $state('');

	constructor(
		source: () => T[],
		private readonly copy: (list: T[]) => T[],
		private readonly comparable: (list: T[]) => unknown
	) {
		$effect.pre(() => {
			const list = source();
			untrack(() => {
				const next = JSON.stringify(this.comparable(list));
				if (!this.#base || !this.dirty) this.items = this.copy(list);
				this.#base = next;
			});
		});
	}

	/** The copy differs from the document. */
	get dirty(): boolean {
		return JSON.stringify(this.comparable(this.items)) !== this.#base;
	}

	/** Moves item `i` by `by` places. */
	move(i: number, by: number) {
		const j = i + by;
		if (j < 0 || j >= this.items.length) return;
		const list = [...this.items];
		[list[i], list[j]] = [list[j], list[i]];
		this.items = list;
	}
}
