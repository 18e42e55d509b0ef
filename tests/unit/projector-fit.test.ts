import { describe, expect, it } from 'vitest';
import { pageRanking } from '../../src/lib/features/board/components/projector/fit';

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
