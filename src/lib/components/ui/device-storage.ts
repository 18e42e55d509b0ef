/**
 * This device's localStorage for what a phone remembers by itself (notices it dismissed): null where the browser
 * refuses it (private mode, storage off), so callers fall back to remembering for the page only.
 */
export function deviceStorage(): Storage | null {
	try {
		return window.localStorage;
	} catch {
		return null;
	}
}

/** Calls `changed` when another tab of this device writes `key`; answers the function that stops listening. */
export function onStorageKey(key: string, changed: () => void): () => void {
	const listener = (e: StorageEvent) => {
		if (e.key === key) changed();
	};
	window.addEventListener('storage', listener);
	return () => window.removeEventListener('storage', listener);
}
