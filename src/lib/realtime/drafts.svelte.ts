/** The storage key of a composer's unsent text: one per workshop and board, on this device only. */
export const draftKey = (workshopId: string, activityId: string) => `plenum:draft:${workshopId}:${activityId}`;

/**
 * Unsent card texts on this device, per board of one workshop, kept in localStorage so a phase change, a reload or
 * a closed tab does not lose what someone was typing. The text never leaves the device until it is posted.
 */
export class Drafts {
	#texts = $state<Record<string, string>>({});
	readonly #workshopId: string;
	readonly #storage: Storage | null;

	constructor(workshopId: string, storage: Storage | null = browserStorage()) {
		this.#workshopId = workshopId;
		this.#storage = storage;
	}

	/** The unsent text for a board ('' when there is none). */
	get(activityId: string): string {
		const known = this.#texts[activityId];
		if (known !== undefined) return known;
		// Not read yet on this page: storage holds it (reading does not write state, so templates may call this).
		try {
			return this.#storage?.getItem(draftKey(this.#workshopId, activityId)) ?? '';
		} catch {
			return '';
		}
	}

	/** Keeps a board's unsent text (an empty or blank text removes it). */
	set(activityId: string, text: string) {
		const value = text.trim() ? text : '';
		if (this.#texts[activityId] === value) return;
		this.#texts[activityId] = value;
		try {
			if (value) this.#storage?.setItem(draftKey(this.#workshopId, activityId), value);
			else this.#storage?.removeItem(draftKey(this.#workshopId, activityId));
		} catch {
			// Storage full or refused (private mode): the text still lives on this page.
		}
	}
}

/** Removes every kept draft of a workshop from this device (the person erased their data, or the workshop is gone). */
export function forgetDrafts(workshopId: string, storage: Storage | null = browserStorage()) {
	if (!storage) return;
	try {
		const prefix = `plenum:draft:${workshopId}:`;
		const keys: string[] = [];
		for (let i = 0; i < storage.length; i++) {
			const k = storage.key(i);
			if (k?.startsWith(prefix)) keys.push(k);
		}
		for (const k of keys) storage.removeItem(k);
	} catch {
		// Storage refused: nothing was kept there either.
	}
}

function browserStorage(): Storage | null {
	try {
		return typeof window === 'undefined' ? null : window.localStorage;
	} catch {
		return null;
	}
}
