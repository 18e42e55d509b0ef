import { untrack } from 'svelte';

/**
 * A local copy of a list the facilitator edits as a whole and saves in one command (the stages, the rubric): it
 * follows the document while it has no unsaved edits, keeps the edits when the document changes under it, and takes
 * the document's version (with the ids the server gave new rows) once a save went through.
 * Create it while a component initialises (it sets up an effect).
 */
export class ListDraft<T> {
	items = $state<T[]>([]);
	#base = $state('');
	#adoptNext = false;
	readonly #source: () => T[];

	constructor(
		source: () => T[],
		private readonly copy: (list: T[]) => T[],
		private readonly comparable: (list: T[]) => unknown
	) {
		this.#source = source;
		$effect.pre(() => {
			const list = source();
			untrack(() => {
				const next = JSON.stringify(this.comparable(list));
				if (!this.#base || !this.dirty || this.#adoptNext) this.items = this.copy(list);
				this.#adoptNext = false;
				this.#base = next;
			});
		});
	}

	/** The copy differs from the document. */
	get dirty(): boolean {
		return JSON.stringify(this.comparable(this.items)) !== this.#base;
	}

	/** Sends the copy (`send` resolves to null when refused); once it went through, the copy follows the document again. */
	async save(send: (items: T[]) => Promise<unknown>): Promise<boolean> {
		const before = this.#base;
		if (!(await send(this.items))) return false;
		// The document's update may come before the acknowledgement or after it.
		if (this.#base !== before) this.items = this.copy(untrack(this.#source));
		else this.#adoptNext = true;
		return true;
	}

	/** Drops the unsaved edits. */
	reset() {
		this.items = this.copy(untrack(this.#source));
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
