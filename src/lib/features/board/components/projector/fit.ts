// The board's type sizes and paging for the projector (the sizing every projector view shares is in
// $lib/components/projector/fit.ts). From the back of a room (10 m) on a 1080p image, text below about 32 px is hard
// to read, so 3.1vh (33.5 px at 1080p) is the floor for card text, and paging takes over below it. Card text is never
// clamped: a card that does not fit is paged, not cut.

import type { Level } from '$lib/components/projector/fit';

/** Board card sizes, roomy to the readable minimum. */
export const BOARD_LEVELS: readonly Level[] = [
	{ vh: 4.6, lines: 6 },
	{ vh: 4.2, lines: 6 },
	{ vh: 3.8, lines: 5 },
	{ vh: 3.4, lines: 5 },
	{ vh: 3.1, lines: 4 }
];

/** The size a board that does not fit even at the smallest level pages at: the readable minimum. */
export const PAGED_LEVEL: Level = { vh: 3.1, lines: 4 };

/** Ranking title sizes; at the last one the ranking shows the top items that fit and "and N more". */
export const RANK_LEVELS: readonly Level[] = [
	{ vh: 5.4, lines: 2 },
	{ vh: 4.8, lines: 2 },
	{ vh: 4.3, lines: 2 },
	{ vh: 3.8, lines: 2 },
	{ vh: 3.4, lines: 2 }
];

/**
 * Splits a ranking's rows (boxes measured from the top of the list, in order) into pages no taller than `height`:
 * returns the index of the first row of each page, so every page is a run of consecutive places. A row taller than
 * a page gets a page of its own.
 */
export function pageRanking(rows: readonly { top: number; bottom: number }[], height: number): number[] {
	const starts = [0];
	let origin = rows[0]?.top ?? 0;
	for (let i = 1; i < rows.length; i++) {
		if (rows[i].bottom - origin > height + 1) {
			starts.push(i);
			origin = rows[i].top;
		}
	}
	return starts;
}


/** A row of a column as laid out: a lane heading, loose cards side by side, or a cluster with rows of members. */
export type Row =
	| { kind: 'lane'; id: string; h: number }
	| { kind: 'cards'; ids: string[]; h: number }
	| { kind: 'cluster'; id: string; h: number; head: number; tail: number; gap: number; members: { ids: string[]; h: number }[] };

/** First and last page (0-based) on which an entry shows: a card one page, a heading or a split cluster several. */
export type Span = readonly [number, number];

export interface ColumnPages {
	count: number;
	spans: Map<string, Span>;
}

/**
 * Splits a column's rows into pages of height `height` (rows separated by `gap`). Pages break between rows, so
 * the grid reflows identically; a lane heading never ends a page and repeats on the pages its lane continues on;
 * a cluster moves whole to the next page when it fits there and this page is already well filled; otherwise it
 * is split between rows of its cards, its heading repeated.
 */
export function paginate(rows: readonly Row[], height: number, gap: number): ColumnPages {
	const spans = new Map<string, [number, number]>();
	const mark = (id: string, p: number) => {
		const s = spans.get(id);
		if (s) s[1] = p;
		else spans.set(id, [p, p]);
	};
	const room = height + 1;
	// A page filled less than this when a cluster does not fit takes the cluster's first rows.
	const SPLIT_BELOW = 0.6;
	let page = 0;
	let used = 0;
	// Whether the page holds anything besides a repeated lane heading.
	let content = false;
	let lane: { id: string; h: number } | null = null;
	const sep = () => (used > 0 ? gap : 0);
	const fits = (h: number) => used + sep() + h <= room;
	const add = (h: number) => {
		used += sep() + h;
		content = true;
	};
	const newPage = () => {
		page++;
		used = 0;
		content = false;
		if (lane) {
			used = lane.h;
			mark(lane.id, page);
		}
	};
	/** Height of the least of a row that may start a page. */
	const lead = (r: Row | undefined) => (!r ? 0 : r.kind === 'cluster' && r.h > height ? r.head + (r.members[0]?.h ?? 0) + r.tail : r.h);

	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		if (r.kind === 'lane') {
			lane = null;
			const next = rows[i + 1];
			if (content && !fits(r.h + (next && next.kind !== 'lane' ? gap + lead(next) : 0))) newPage();
			add(r.h);
			content = false;
			lane = { id: r.id, h: r.h };
			mark(r.id, page);
			continue;
		}
		// A cluster stays whole when it fits here, or on the next page unless that would leave this one mostly empty.
		const whole =
			r.kind === 'cards' || r.members.length < 2 || fits(r.h) || (r.h <= height - (lane ? lane.h + gap : 0) && used >= height * SPLIT_BELOW);
		if (whole) {
			if (content && !fits(r.h)) newPage();
			add(r.h);
			for (const id of r.kind === 'cards' ? r.ids : [r.id, ...r.members.flatMap((m) => m.ids)]) mark(id, page);
			continue;
		}
		// Otherwise: its heading, as many rows of cards as fit, its bottom edge; then again on the next page.
		if (content && !fits(r.head + r.members[0].h + r.tail)) newPage();
		add(r.head);
		mark(r.id, page);
		let rowsHere = 0;
		for (const m of r.members) {
			if (rowsHere > 0 && used + r.gap + m.h + r.tail > room) {
				used += r.tail;
				newPage();
				add(r.head);
				mark(r.id, page);
				rowsHere = 0;
			}
			used += (rowsHere > 0 ? r.gap : 0) + m.h;
			rowsHere++;
			for (const id of m.ids) mark(id, page);
		}
		used += r.tail;
	}
	return { count: page + 1, spans };
}

/** Groups elements laid out in a grid into rows by their top edge. */
function gridRows(els: HTMLElement[]): { els: HTMLElement[]; top: number; bottom: number }[] {
	const rows: { els: HTMLElement[]; top: number; bottom: number }[] = [];
	for (const el of els) {
		const r = el.getBoundingClientRect();
		const last = rows.at(-1);
		if (last && Math.abs(r.top - last.top) < 1) {
			last.els.push(el);
			last.bottom = Math.max(last.bottom, r.bottom);
		} else rows.push({ els: [el], top: r.top, bottom: r.bottom });
	}
	return rows;
}

const rowGap = (el: Element) => parseFloat(getComputedStyle(el).rowGap) || 0;

/**
 * Reads a column's rows from the DOM, everything shown: top-level entries carry `data-e` ("lane", "card",
 * "cluster") and `data-id`; a cluster's member cards carry `data-m` and `data-id` inside its `[data-members]`.
 * Entries must have no margins (the rows' heights are their boxes').
 */
export function readRows(items: HTMLElement): { rows: Row[]; gap: number } {
	const rows: Row[] = [];
	const entries = [...items.children].filter((el): el is HTMLElement => el instanceof HTMLElement && !!el.dataset.e);
	let cards: HTMLElement[] = [];
	const flush = () => {
		for (const r of gridRows(cards)) rows.push({ kind: 'cards', ids: r.els.map((el) => el.dataset.id ?? ''), h: r.bottom - r.top });
		cards = [];
	};
	for (const el of entries) {
		if (el.dataset.e === 'card') {
			cards.push(el);
			continue;
		}
		flush();
		const box = el.getBoundingClientRect();
		if (el.dataset.e === 'lane') {
			rows.push({ kind: 'lane', id: el.dataset.id ?? '', h: box.height });
			continue;
		}
		const grid = el.querySelector<HTMLElement>('[data-members]');
		const members = grid ? gridRows([...grid.querySelectorAll<HTMLElement>('[data-m]')]) : [];
		const g = grid?.getBoundingClientRect();
		rows.push({
			kind: 'cluster',
			id: el.dataset.id ?? '',
			h: box.height,
			head: g && members.length ? members[0].top - box.top : box.height,
			tail: g && members.length ? box.bottom - members.at(-1)!.bottom : 0,
			gap: grid ? rowGap(grid) : 0,
			members: members.map((r) => ({ ids: r.els.map((m) => m.dataset.id ?? ''), h: r.bottom - r.top }))
		});
	}
	flush();
	return { rows, gap: rowGap(items) };
}

/** Whether a column's entry shows on a page: always while the column is not paged; once it is, only on its span. */
export function onPage(pages: ColumnPages | undefined, id: string, page: number): boolean {
	if (!pages) return true;
	const span = pages.spans.get(id);
	// An entry that arrived since the last measurement waits for the next one (the measurer's next run).
	return !!span && span[0] <= page && page <= span[1];
}

/**
 * Splits a length among tracks by how much each needs (`needs`, any unit), never giving a track less than `min`
 * (a fraction of the whole): the tracks under the minimum get it, the rest share what is left in proportion to
 * their needs. Returns fractions that sum to 1; with nothing needed anywhere the tracks share equally.
 */
export function shares(needs: readonly number[], min: number): number[] {
	const n = needs.length;
	if (n === 0) return [];
	const floor = Math.min(Math.max(0, min), 1 / n);
	const w = needs.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
	const out = new Array<number>(n).fill(floor);
	const free = new Set(w.map((_, i) => i).filter((i) => w[i] > 0));
	for (;;) {
		const left = 1 - floor * (n - free.size);
		const sum = [...free].reduce((a, i) => a + w[i], 0);
		if (sum === 0) return needs.map(() => 1 / n);
		const low = [...free].filter((i) => (left * w[i]) / sum < floor);
		if (low.length === 0) {
			for (const i of free) out[i] = (left * w[i]) / sum;
			return out;
		}
		for (const i of low) free.delete(i);
	}
}

/** The least share of the width (of an equal share) a column gets however few cards it holds: room for its title. */
export const MIN_COLUMN_SHARE = 0.5;
/** The same for a lane's row of the height. */
export const MIN_LANE_SHARE = 0.4;

/**
 * The width of each column: in proportion to its cards, at least MIN_COLUMN_SHARE of an equal share. So after a
 * Reveal with 60 of 75 cards in one column, that column flows its cards across most of the screen instead of the
 * two near-empty columns keeping two thirds of it.
 */
export function columnShares(counts: readonly number[]): number[] {
	return shares(counts, MIN_COLUMN_SHARE / Math.max(1, counts.length));
}

/**
 * The height of each lane's row on a board with lanes, from its cards per column (`cells[lane][column]`) and the
 * columns' width shares: a lane needs about as many card rows as its fullest cell for that cell's width, so rows
 * share the height by that, at least MIN_LANE_SHARE of an equal share.
 */
export function laneShares(cells: readonly (readonly number[])[], columns: readonly number[]): number[] {
	const needs = cells.map((row) => Math.max(0, ...row.map((n, c) => (columns[c] > 0 ? n / columns[c] : 0))));
	return shares(needs, MIN_LANE_SHARE / Math.max(1, cells.length));
}

/**
 * Where the board's cycle is at `tick` (one step per page cycle, `pageCycle.ms`): the paged cells turn through `pages` steps (the
 * most pages any cell has; each cell shows `page % its count`), then each of the `full` cards too tall for their
 * cell gets a step of its own, shown whole over the board. `full` is the index of that card, or null.
 */
export function cycleAt(tick: number, pages: number, full: number): { page: number; full: number | null } {
	const p = Math.max(1, Math.floor(pages));
	const f = Math.max(0, Math.floor(full));
	const t = ((Math.floor(tick) % (p + f)) + (p + f)) % (p + f);
	return t < p ? { page: t, full: null } : { page: p - 1, full: t - p };
}

/** The cards that cannot show whole in their cell even on a page of their own (taller than `room`), in order. */
export function tooTall(cards: readonly { id: string; h: number }[], room: number): string[] {
	return cards.filter((c) => c.h > room + 1).map((c) => c.id);
}

/**
 * What is still true of a cell's count after its entries changed: `starts` are the entries its counted rows start
 * with (ascending), `next` the first entry not counted, `before` and `after` the entries' signatures. A grid row's
 * layout depends only on the entries before it, its own, and the one after it (which started the next row, or the
 * cell ended there), so a row is kept while those are unchanged: it ends before the first changed entry, or the cell
 * now ends where it ends. Returns how many rows are kept and the entry to count on from.
 */
export function keptRows(starts: readonly number[], next: number, before: readonly string[], after: readonly string[]): { rows: number; next: number } {
	let d = 0;
	while (d < before.length && d < after.length && before[d] === after[d]) d++;
	let rows = 0;
	const whole = (end: number) => end < d || (end === d && d === after.length);
	while (rows < starts.length && whole(starts[rows + 1] ?? next)) rows++;
	return { rows, next: rows < starts.length ? starts[rows] : Math.min(next, d) };
}
