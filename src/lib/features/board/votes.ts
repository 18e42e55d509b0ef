import type { Board, Card, Cluster } from './domain';
import { isCardPublic } from './domain';
import { ok, refuse, type Result } from '../../domain/result';

export type VoteReason =
	| 'not_voting_phase'
	| 'voting_closed'
	| 'budget_exhausted'
	| 'item_max'
	| 'no_vote_to_remove'
	| 'not_votable';

/** A person's dots on one board: item id -> number of dots. */
export type MyVotes = Record<string, number>;

/** How many dots a person has placed in all. */
export function votesUsed(mine: MyVotes): number {
	let n = 0;
	for (const v of Object.values(mine)) n += v;
	return n;
}

/**
 * The items the room votes on: every cluster, and every public card that is not in a cluster.
 * (A card inside a cluster is voted through its cluster.)
 */
export function votableItemIds(board: Board, cards: Card[], clusters: Cluster[]): Set<string> {
	const ids = new Set<string>();
	for (const cl of clusters) if (isVotable(board, { cluster: cl })) ids.add(cl.id);
	for (const c of cards) if (isVotable(board, { card: c })) ids.add(c.id);
	return ids;
}

/** Whether one item is voted on: a cluster of the board, or a public card of the board outside any cluster. */
export function isVotable(board: Board, item: { card: Card } | { cluster: Cluster }): boolean {
	if ('cluster' in item) return item.cluster.boardId === board.id;
	const c = item.card;
	return c.boardId === board.id && !c.clusterId && isCardPublic(c, board);
}

/**
 * Places (+1) or takes back (-1) one dot. The budget and the per-item maximum are checked against the person's
 * current dots as stored, so a double tap or a second tab cannot exceed them.
 */
export function castVote(
	board: Board,
	mine: MyVotes,
	itemId: string,
	delta: 1 | -1,
	votable: boolean
): Result<{ count: number; remaining: number }, VoteReason> {
	if (board.phase !== 'vote') return refuse('not_voting_phase');
	if (board.votingClosed) return refuse('voting_closed');
	const current = mine[itemId] ?? 0;
	const used = votesUsed(mine);
	if (delta === 1) {
		if (!votable) return refuse('not_votable');
		if (used >= board.settings.voteBudget) return refuse('budget_exhausted');
		if (current >= board.settings.maxPerItem) return refuse('item_max');
		return ok({ count: current + 1, remaining: board.settings.voteBudget - used - 1 });
	}
	if (current <= 0) return refuse('no_vote_to_remove');
	return ok({ count: current - 1, remaining: board.settings.voteBudget - used + 1 });
}

/** Whether the room may see vote counts now. */
export function countsVisible(board: Board): boolean {
	return !board.settings.hideCountsUntilClosed || board.votingClosed;
}

export interface RankedItem {
	id: string;
	kind: 'card' | 'cluster';
	title: string;
	votes: number;
	createdAt: number;
	/** Place in the ranking, shared by equal votes (standard competition ranking: 1, 1, 1, 4). */
	place: number;
}

/**
 * Orders the voted items: most dots first, then the older item first (stable for equal counts), and gives each its
 * place: equal votes share a place and the next place skips the shared ones (1, 1, 1, 4), the rule of `rankOutcome`.
 * Every screen and export takes its places from here.
 */
export function rankItems(
	items: { id: string; kind: 'card' | 'cluster'; title: string; createdAt: number }[],
	tally: Record<string, number>
): RankedItem[] {
	const sorted = items
		.map((i) => ({ ...i, votes: tally[i.id] ?? 0 }))
		.sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	let place = 0;
	return sorted.map((i, n) => {
		if (n === 0 || sorted[n - 1].votes !== i.votes) place = n + 1;
		return { ...i, place };
	});
}
