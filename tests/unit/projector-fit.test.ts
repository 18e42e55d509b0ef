import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_COLUMN_SHARE, columnShares, cycleAt, keptRows, laneShares, pageRanking, shares, tooTall } from '../../src/lib/features/board/components/projector/fit';

/** Rows of equal height `h` with gaps `g`, as measured from the top of the list. */
const rows = (n: number, h: number, g = 0) => Array.from({ length: n }, (_, i) => ({ top: i * (h + g), bottom: i * (h + g) + h }));

describe('pageRanking', () => {
	it('keeps a ranking that fits on one page', () => {
		expect(pageRanking(rows(5, 100), 500)).toEqual([0]);
		expect(pageRanking([], 500)).toEqual([0]);
	});

	it('splits into pages of consecutive places, each as full as the height allows', () => {
		// Nine rows of 100 with gaps of 10: three fit in 330, so pages start at places 1, 4 and 7.
		expect(pageRanking(rows(9, 100, 10), 330)).toEqual([0, 3, 6]);
		// Every place appears on exactly one page, in order.
		const starts = pageRanking(rows(9, 100, 10), 250);
		expect(starts).toEqual([0, 2, 4, 6, 8]);
	});

	it('gives a row taller than a page a page of its own rather than looping', () => {
		expect(pageRanking([{ top: 0, bottom: 50 }, { top: 60, bottom: 400 }, { top: 410, bottom: 460 }], 200)).toEqual([0, 1, 2]);
	});
});

describe('board layout on the projector', () => {
	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

	it('gives a crowded column most of the width and the near-empty ones room for their titles', () => {
		const [a, b, c] = columnShares([60, 10, 5]);
		expect(a).toBeGreaterThan(0.65);
		// Each at least half an equal third.
		expect(b).toBeCloseTo(0.5 / 3);
		expect(c).toBeCloseTo(0.5 / 3);
		expect(a + b + c).toBeCloseTo(1);
	});

	it('shares equally when nothing is there, and in proportion when every column is well filled', () => {
		expect(columnShares([0, 0, 0])).toEqual([1 / 3, 1 / 3, 1 / 3]);
		expect(columnShares([])).toEqual([]);
		expect(columnShares([7])).toEqual([1]);
		const s = columnShares([20, 20, 40]);
		expect(s[0]).toBeCloseTo(0.25);
		expect(s[2]).toBeCloseTo(0.5);
	});

	it('always sums to one, keeps the minimum and follows the order of the needs', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(200), { minLength: 1, maxLength: 12 }), (counts) => {
				const s = columnShares(counts);
				expect(s).toHaveLength(counts.length);
				expect(sum(s)).toBeCloseTo(1, 9);
				for (const x of s) expect(x).toBeGreaterThanOrEqual(MIN_COLUMN_SHARE / counts.length - 1e-12);
				for (let i = 0; i < counts.length; i++)
					for (let j = 0; j < counts.length; j++) if (counts[i] > counts[j]) expect(s[i]).toBeGreaterThanOrEqual(s[j] - 1e-12);
			})
		);
	});

	it('ignores needs that are not numbers above zero', () => {
		expect(shares([Number.NaN, -3, 4], 0.1)).toEqual([0.1, 0.1, expect.closeTo(0.8)]);
	});

	it('gives the lane rows height by the card rows their fullest cell needs at its width', () => {
		const cols = [0.5, 0.25, 0.25];
		// Lane 1: 10 cards in the wide column (20 per unit of width); lane 2: 10 in a narrow one (40); lane 3 empty.
		const [l1, l2, l3] = laneShares(
			[
				[10, 0, 0],
				[0, 10, 0],
				[0, 0, 0]
			],
			cols
		);
		expect(l2).toBeGreaterThan(l1);
		expect(l3).toBeCloseTo(0.4 / 3);
		expect(l1 + l2 + l3).toBeCloseTo(1);
	});

	it('cycles through the pages, then gives each card too tall for its cell a step of its own', () => {
		expect([0, 1, 2, 3, 4, 5].map((t) => cycleAt(t, 3, 2))).toEqual([
			{ page: 0, full: null },
			{ page: 1, full: null },
			{ page: 2, full: null },
			{ page: 2, full: 0 },
			{ page: 2, full: 1 },
			{ page: 0, full: null }
		]);
		// Nothing paged and no tall card: always the one page.
		expect(cycleAt(17, 1, 0)).toEqual({ page: 0, full: null });
		// One page and a tall card: the board, then the card, in turn.
		expect([0, 1, 2].map((t) => cycleAt(t, 1, 1).full)).toEqual([null, 0, null]);
	});

	it('finds the cards taller than their cell', () => {
		expect(tooTall([{ id: 'a', h: 100 }, { id: 'b', h: 400 }, { id: 'c', h: 300.5 }], 300)).toEqual(['b']);
	});
});

describe('keptRows: what a live change leaves of a counted cell', () => {
	/** A cell of `n` entries, its first `next` counted in rows (starts ascending from 0), and a change to it. */
	const cell = fc
		.record({ n: fc.integer({ min: 0, max: 40 }), cuts: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }), counted: fc.integer({ min: 0, max: 40 }), change: fc.constantFrom('none', 'insert', 'delete', 'edit'), at: fc.nat(45) })
		.map(({ n, cuts, counted, change, at }) => {
			const before = Array.from({ length: n }, (_, i) => `e${i}`);
			const next = Math.min(counted, n);
			const starts = next === 0 ? [] : [0, ...[...new Set(cuts.filter((c) => c < next))].sort((a, b) => a - b)];
			const after = [...before];
			const k = Math.min(at, n);
			if (change === 'insert') after.splice(k, 0, 'new');
			else if (change === 'delete' && k < n) after.splice(k, 1);
			else if (change === 'edit' && k < n) after[k] = `e${k} edited`;
			return { before, after, starts, next };
		});

	it('keeps the rows before the first changed entry only (not the one it could join), as many as there are, and counts on from an unchanged entry', () => {
		fc.assert(
			fc.property(cell, ({ before, after, starts, next }) => {
				const kept = keptRows(starts, next, before, after);
				let d = 0;
				while (d < before.length && d < after.length && before[d] === after[d]) d++;
				const end = (r: number) => starts[r + 1] ?? next;
				// A kept row ends before the first change, or where the cell now ends (nothing can join it).
				const whole = (r: number) => end(r) < d || (end(r) === d && d === after.length);
				for (let r = 0; r < kept.rows; r++) expect(whole(r)).toBe(true);
				if (kept.rows < starts.length) {
					expect(whole(kept.rows)).toBe(false);
					expect(kept.next).toBe(starts[kept.rows]);
				}
				expect(kept.next).toBeLessThanOrEqual(Math.min(d, next));
				expect(after.slice(0, kept.next)).toEqual(before.slice(0, kept.next));
			})
		);
	});

	it('keeps everything when nothing changed, and nothing when the first entry did', () => {
		const before = ['a', 'b', 'c', 'd', 'e'];
		expect(keptRows([0, 2, 4], 5, before, before)).toEqual({ rows: 3, next: 5 });
		expect(keptRows([0, 2, 4], 5, before, ['x', ...before.slice(1)])).toEqual({ rows: 0, next: 0 });
		// A card added at the end: the last row is measured again with it.
		expect(keptRows([0, 2, 4], 5, before, [...before, 'f'])).toEqual({ rows: 2, next: 4 });
		// Counted only in part: the rows so far stay, counting goes on where it stopped.
		expect(keptRows([0, 2], 4, before, [...before, 'f'])).toEqual({ rows: 2, next: 4 });
		// The last card removed: the rows before it are whole, the cell ends there.
		expect(keptRows([0, 2, 4], 5, before, before.slice(0, 4))).toEqual({ rows: 2, next: 4 });
		// A card changed that began a row: the row before it is measured again (the new card may join it).
		expect(keptRows([0, 2, 4], 5, before, ['a', 'b', 'c', 'd', 'E'])).toEqual({ rows: 1, next: 2 });
	});
});
