/** How long the projector holds each page of a crowded column, ranking or stage by default. */
export const DEFAULT_PAGE_MS = 8000;

/**
 * How long the projector holds each page, in milliseconds: 8 s, or what the projector link asks for with
 * `?page=<seconds>` (2 to 60; a hall that reads slowly, or a quick check). Set once by the projector page before its
 * views start their cycles; every paged view reads it when it starts one.
 */
export const pageCycle = { ms: DEFAULT_PAGE_MS };

/** Sets the cycle from the link's `page` parameter (seconds); anything else keeps the default. */
export function setPageCycle(seconds: string | null) {
	const s = Number(seconds);
	pageCycle.ms = seconds !== null && Number.isFinite(s) && s >= 2 && s <= 60 ? Math.round(s * 1000) : DEFAULT_PAGE_MS;
}

const turners = new Set<() => void>();

/**
 * A paged view's cycle: `turn` runs every `pageCycle.ms`, and at once when someone at the projector asks for the next
 * page (`turnPage`), after which the full period starts again, so a page turned by hand is held as long as any other.
 * Returns the stop function (an `$effect`'s cleanup).
 */
export function pageTicker(turn: () => void): () => void {
	let timer = setInterval(turn, pageCycle.ms);
	const now = () => {
		clearInterval(timer);
		turn();
		timer = setInterval(turn, pageCycle.ms);
	};
	turners.add(now);
	return () => {
		clearInterval(timer);
		turners.delete(now);
	};
}

/** Turns every paged view on screen to its next page now (the projector's next-page key, or a presenter's clicker). */
export function turnPage() {
	for (const now of [...turners]) now();
}

/**
 * Whether a key asks the projector for the next page: Page Down, the right arrow or the space bar, without modifiers,
 * as presenter clickers send them. Typing in a field never turns a page.
 */
export function isNextPageKey(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target'>): boolean {
	if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
	const t = e.target as { tagName?: string; isContentEditable?: boolean } | null;
	if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(t.tagName ?? ''))) return false;
	return e.key === 'PageDown' || e.key === 'ArrowRight' || e.key === ' ';
}
