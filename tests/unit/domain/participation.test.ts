import { describe, expect, it } from 'vitest';
import { rankOutcome } from '$lib/domain/participation';
import { EVENT_KINDS } from '$lib/features/index';

describe('rankOutcome', () => {
	it('ranks only items with dots, most first; equal dots share a place and the next place skips (1, 2, 2, 4)', () => {
		const items = [
			{ id: 'a', createdAt: 1 },
			{ id: 'b', createdAt: 2 },
			{ id: 'c', createdAt: 3 },
			{ id: 'd', createdAt: 4 },
			{ id: 'none', createdAt: 5 }
		];
		expect(rankOutcome(items, { a: 5, b: 3, c: 3, d: 1 })).toEqual([
			{ itemId: 'a', rank: 1, dots: 5 },
			{ itemId: 'b', rank: 2, dots: 3 },
			{ itemId: 'c', rank: 2, dots: 3 },
			{ itemId: 'd', rank: 4, dots: 1 }
		]);
	});

	it('orders equal items by age, the older first, and ranks nothing when nobody voted', () => {
		expect(rankOutcome([{ id: 'new', createdAt: 9 }, { id: 'old', createdAt: 1 }], { new: 2, old: 2 }).map((r) => r.itemId)).toEqual(['old', 'new']);
		expect(rankOutcome([{ id: 'a', createdAt: 1 }], {})).toEqual([]);
	});
});

describe('EVENT_KINDS', () => {
	it('names every kind <activity type or workshop>.<thing>.<what happened> with a version', () => {
		for (const [kind, version] of Object.entries(EVENT_KINDS)) {
			expect(kind).toMatch(/^(workshop|board|barcamp|hackathon)(\.[a-z_]+){1,2}$/);
			expect(version).toBeGreaterThanOrEqual(1);
		}
	});
});
