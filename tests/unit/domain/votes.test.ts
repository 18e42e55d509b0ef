import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { castVote, countsVisible, rankItems, votableItemIds, votesUsed, type MyVotes } from '$lib/features/board/votes';
import { expectOk, expectRefused, makeBoard, makeCard, makeCluster } from '../../helpers/domain';

const voting = makeBoard({ phase: 'vote', votingClosed: false, settings: { voteBudget: 3, maxPerItem: 2 } });

/** Places dots one by one as a person would, applying each accepted vote. */
function tap(mine: MyVotes, itemId: string, delta: 1 | -1, board = voting) {
	const r = castVote(board, mine, itemId, delta, true);
	if (r.ok) mine[itemId] = r.value.count;
	return r;
}

describe('castVote', () => {
	it('places a dot and reports the count and the dots left', () => {
		expect(expectOk(castVote(voting, {}, 'k1', 1, true))).toEqual({ count: 1, remaining: 2 });
	});

	it('holds the budget across items', () => {
		const mine: MyVotes = {};
		expectOk(tap(mine, 'a', 1));
		expectOk(tap(mine, 'b', 1));
		expect(expectOk(tap(mine, 'c', 1)).remaining).toBe(0);
		expectRefused(tap(mine, 'd', 1), 'budget_exhausted');
		expect(votesUsed(mine)).toBe(3);
	});

	it('holds the per-item maximum', () => {
		const mine: MyVotes = {};
		expectOk(tap(mine, 'a', 1));
		expectOk(tap(mine, 'a', 1));
		expectRefused(tap(mine, 'a', 1), 'item_max');
		expect(mine).toEqual({ a: 2 });
	});

	it('checks against the stored dots, so a replayed +1 cannot exceed the budget', () => {
		// Two tabs both read {a:1, b:1} then each submit +1: the second submission sees the first one's result.
		const stored: MyVotes = { a: 1, b: 1 };
		expectOk(tap(stored, 'c', 1));
		expectRefused(castVote(voting, stored, 'c', 1, true), 'budget_exhausted');
	});

	it('takes a dot back and gives it back to the budget', () => {
		const mine: MyVotes = { a: 2, b: 1 };
		expect(expectOk(tap(mine, 'a', -1))).toEqual({ count: 1, remaining: 1 });
		expectOk(tap(mine, 'c', 1));
	});

	it('refuses to take back a dot that is not there', () => {
		expectRefused(castVote(voting, { a: 1 }, 'b', -1, true), 'no_vote_to_remove');
		expectRefused(castVote(voting, { a: 0 }, 'a', -1, true), 'no_vote_to_remove');
	});

	it('lets a dot be taken back from an item that is no longer votable', () => {
		expect(expectOk(castVote(voting, { gone: 1 }, 'gone', -1, false))).toEqual({ count: 0, remaining: 3 });
	});

	it('refuses a dot on an item that is not votable', () => {
		expectRefused(castVote(voting, {}, 'k1', 1, false), 'not_votable');
	});

	it.each(['collect', 'reveal', 'group', 'discuss'] as const)('refuses placing or taking back during %s', (phase) => {
		const board = makeBoard({ phase });
		expectRefused(castVote(board, {}, 'k1', 1, true), 'not_voting_phase');
		expectRefused(castVote(board, { k1: 1 }, 'k1', -1, true), 'not_voting_phase');
	});

	it('refuses placing or taking back once voting is closed', () => {
		const closed = makeBoard({ phase: 'vote', votingClosed: true });
		expectRefused(castVote(closed, {}, 'k1', 1, true), 'voting_closed');
		expectRefused(castVote(closed, { k1: 1 }, 'k1', -1, true), 'voting_closed');
	});

	it('follows the board’s own budget and maximum', () => {
		const board = makeBoard({ phase: 'vote', settings: { voteBudget: 5, maxPerItem: 5 } });
		const mine: MyVotes = {};
		for (let i = 0; i < 5; i++) expectOk(tap(mine, 'a', 1, board));
		expectRefused(tap(mine, 'a', 1, board), 'budget_exhausted');
		expect(mine).toEqual({ a: 5 });
	});
});

describe('countsVisible', () => {
	it('hides counts until voting is closed when the setting is on', () => {
		expect(countsVisible(makeBoard({ phase: 'vote', votingClosed: false, settings: { hideCountsUntilClosed: true } }))).toBe(false);
		expect(countsVisible(makeBoard({ phase: 'vote', votingClosed: true, settings: { hideCountsUntilClosed: true } }))).toBe(true);
	});

	it('shows counts live when the setting is off', () => {
		expect(countsVisible(makeBoard({ phase: 'vote', votingClosed: false, settings: { hideCountsUntilClosed: false } }))).toBe(true);
	});
});

describe('votableItemIds', () => {
	const board = makeBoard({ phase: 'vote' });

	it('offers every cluster and every public loose card', () => {
		const ids = votableItemIds(
			board,
			[makeCard({ id: 'loose' }), makeCard({ id: 'inCluster', clusterId: 'g1' })],
			[makeCluster({ id: 'g1' }), makeCluster({ id: 'g2' })]
		);
		expect([...ids].sort()).toEqual(['g1', 'g2', 'loose']);
	});

	it('leaves out a card inside a cluster (it is voted through its cluster)', () => {
		const ids = votableItemIds(board, [makeCard({ id: 'k', clusterId: 'g1' })], [makeCluster({ id: 'g1' })]);
		expect(ids.has('k')).toBe(false);
	});

	it('leaves out hidden, pending and unrevealed private cards', () => {
		const ids = votableItemIds(
			board,
			[
				makeCard({ id: 'hidden', status: 'hidden' }),
				makeCard({ id: 'pending', status: 'pending' }),
				makeCard({ id: 'private', revealed: false })
			],
			[]
		);
		expect(ids.size).toBe(0);
	});

	it('leaves out cards and clusters of other boards', () => {
		const ids = votableItemIds(board, [makeCard({ id: 'k', boardId: 'other' })], [makeCluster({ id: 'g', boardId: 'other' })]);
		expect(ids.size).toBe(0);
	});
});

describe('rankItems', () => {
	const items = [
		{ id: 'a', kind: 'card' as const, title: 'A', createdAt: 3 },
		{ id: 'b', kind: 'cluster' as const, title: 'B', createdAt: 2 },
		{ id: 'c', kind: 'card' as const, title: 'C', createdAt: 1 },
		{ id: 'd', kind: 'card' as const, title: 'D', createdAt: 4 }
	];

	it('puts the most dots first and counts missing tallies as zero', () => {
		const r = rankItems(items, { a: 5, b: 1, d: 2 });
		expect(r.map((i) => [i.id, i.votes])).toEqual([
			['a', 5],
			['d', 2],
			['b', 1],
			['c', 0]
		]);
	});

	it('breaks ties by the older item first', () => {
		const r = rankItems(items, { a: 2, b: 2, c: 2, d: 2 });
		expect(r.map((i) => i.id)).toEqual(['c', 'b', 'a', 'd']);
	});

	it('breaks full ties by id, so every replica shows the same order', () => {
		const same = [
			{ id: 'y', kind: 'card' as const, title: 'Y', createdAt: 1 },
			{ id: 'x', kind: 'card' as const, title: 'X', createdAt: 1 }
		];
		expect(rankItems(same, {}).map((i) => i.id)).toEqual(['x', 'y']);
		expect(rankItems([...same].reverse(), {}).map((i) => i.id)).toEqual(['x', 'y']);
	});

	it('keeps kind and title and does not reorder its input', () => {
		const input = items.slice();
		const r = rankItems(input, { b: 9 });
		expect(r[0]).toEqual({ id: 'b', kind: 'cluster', title: 'B', createdAt: 2, votes: 9, place: 1 });
		expect(input).toEqual(items);
	});

	it('gives equal votes one shared place (1, 1, 1, 4), in the order they were made', () => {
		const five = [...items, { id: 'e', kind: 'card' as const, title: 'E', createdAt: 5 }];
		const r = rankItems(five, { a: 7, b: 7, c: 7, d: 3, e: 3 });
		expect(r.map((i) => [i.id, i.place])).toEqual([
			['c', 1],
			['b', 1],
			['a', 1],
			['d', 4],
			['e', 4]
		]);
	});

	it('places every item by competition ranking: one more than the number of items with more votes', () => {
		const item = fc.record({ kind: fc.constantFrom('card' as const, 'cluster' as const), createdAt: fc.integer({ min: 0, max: 20 }) });
		const room = fc.array(fc.tuple(item, fc.integer({ min: 0, max: 6 })), { maxLength: 25 });
		fc.assert(
			fc.property(room, (rows) => {
				const input = rows.map(([i], n) => ({ ...i, id: `i${n}`, title: `T${n}` }));
				const tally = Object.fromEntries(rows.map(([, v], n) => [`i${n}`, v]));
				const r = rankItems(input, tally);
				// Independently: count the items with strictly more votes, for each item, straight from the input.
				for (const x of r) expect(x.place).toBe(1 + rows.filter(([, v]) => v > tally[x.id]).length);
				// Places never go down along the list, and equal votes are ordered oldest first.
				for (let n = 1; n < r.length; n++) {
					expect(r[n].place).toBeGreaterThanOrEqual(r[n - 1].place);
					if (r[n].votes === r[n - 1].votes) expect(r[n].createdAt).toBeGreaterThanOrEqual(r[n - 1].createdAt);
				}
				expect(r.length).toBe(input.length);
			})
		);
	});
});
