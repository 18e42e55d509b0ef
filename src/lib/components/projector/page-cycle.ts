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
