import { wipStatus, type Board, type Card, type Cluster, type Column, type Lane, type WipState } from './domain';
import { rankItems, votableItemIds, type RankedItem } from './votes';
import type { BoardView, CardView, ClusterView } from './views';

/** One thing on the board as a list shows it: a loose card, or a cluster with its cards. */
export type BoardItem = { kind: 'card'; id: string; card: CardView } | { kind: 'cluster'; id: string; cluster: ClusterView; cards: CardView[] };

export interface LaneSection {
	lane: Lane | null;
	/** Groups first, then loose cards, each by position (the same order on every screen). */
	items: BoardItem[];
}

export interface ColumnSection {
	column: Column;
	/** One section per lane (plus cards without a lane); a board without lanes has one section with lane null. */
	lanes: LaneSection[];
	/** Cards in the column, clustered or not (an empty group adds nothing). */
	cardCount: number;
	wip: WipState;
}

/** The domain's Board from the replica's view of it (the rules only read the fields both share). */
export function boardFromView(view: BoardView, workshopId: string): Board {
	return { ...view, workshopId };
}

/**
 * The domain's Card from a replica's CardView. Public replicas hold only public cards; staff replicas say which
 * are hidden, so `revealed` and `status` are reconstructed to give the same answer to isCardPublic.
 */
export function cardFromView(c: CardView): Card {
	return { ...c, authorId: '', authorRole: 'participant', status: c.status ?? 'visible', revealed: !c.hidden };
}

const byPosition = <T extends { position: number; createdAt: number; id: string }>(a: T, b: T) =>
	a.position - b.position || a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** Sorts replica entries the way every view shows them: by position, then age, then id. */
export function sortByPosition<T extends { position: number; createdAt: number; id: string }>(xs: T[]): T[] {
	return xs.slice().sort(byPosition);
}

/**
 * Lays a board out as columns, lanes and items (clusters hold their cards): the same on the laptop, phones and
 * projector. Columns and lanes in the board's order, the "no lane" row last (on a board with lanes, only when
 * something is in it); in each, groups first and then loose cards, each by position. The WIP count leaves out cards
 * a facilitator hid (staff replicas carry them; the room's never do).
 */
export function layoutBoard(board: BoardView, cards: CardView[], clusters: ClusterView[]): ColumnSection[] {
	const columnIds = new Set(board.columns.map((c) => c.id));
	const laneIds = new Set(board.lanes.map((l) => l.id));
	const firstColumn = board.columns[0]?.id ?? '';
	const colOf = (id: string) => (columnIds.has(id) ? id : firstColumn);
	const laneOf = (id: string | null) => (id && laneIds.has(id) ? id : null);

	const clusterCards = new Map<string, CardView[]>();
	for (const cl of clusters) clusterCards.set(cl.id, []);
	const loose: CardView[] = [];
	for (const c of cards) {
		const inCluster = c.clusterId ? clusterCards.get(c.clusterId) : undefined;
		if (inCluster) inCluster.push(c);
		else loose.push(c);
	}

	const items = new Map<string, (BoardItem & { position: number; createdAt: number })[]>();
	const push = (col: string, lane: string | null, item: BoardItem & { position: number; createdAt: number }) => {
		const k = `${col}\u0000${lane ?? ''}`;
		const list = items.get(k);
		if (list) list.push(item);
		else items.set(k, [item]);
	};
	for (const c of loose) push(colOf(c.columnId), laneOf(c.laneId), { kind: 'card', id: c.id, card: c, position: c.position, createdAt: c.createdAt });
	for (const cl of clusters) {
		const members = sortByPosition(clusterCards.get(cl.id) ?? []);
		push(colOf(cl.columnId), laneOf(cl.laneId), { kind: 'cluster', id: cl.id, cluster: cl, cards: members, position: cl.position, createdAt: cl.createdAt });
	}

	const wip = wipStatus(
		board.columns,
		cards.filter((c) => c.status !== 'hidden').map((c) => ({ columnId: colOf(c.columnId), clusterId: c.clusterId && clusterCards.has(c.clusterId) ? c.clusterId : null })),
		clusters.map((cl) => ({ id: cl.id, columnId: colOf(cl.columnId) }))
	);
	const lanes: (Lane | null)[] = board.lanes.length ? [...board.lanes, null] : [null];
	return board.columns.map((column, i) => {
		const sections: LaneSection[] = [];
		let cardCount = 0;
		for (const lane of lanes) {
			const all = items.get(`${column.id}\u0000${lane?.id ?? ''}`) ?? [];
			const list = [...sortByPosition(all.filter((it) => it.kind === 'cluster')), ...sortByPosition(all.filter((it) => it.kind === 'card'))];
			for (const it of list) cardCount += it.kind === 'card' ? 1 : it.cards.length;
			// The "no lane" section of a board with lanes only appears when something is in it.
			if (lane === null && board.lanes.length && list.length === 0) continue;
			sections.push({ lane, items: list.map(({ position: _p, createdAt: _c, ...it }) => it as BoardItem) });
		}
		return { column, lanes: sections, cardCount, wip: wip[i] };
	});
}

/** The ids the room may vote on now (clusters and loose public cards), by the same rule the server applies. */
export function votableIds(board: BoardView, workshopId: string, cards: CardView[], clusters: ClusterView[]): Set<string> {
	return votableItemIds(boardFromView(board, workshopId), cards.map(cardFromView), clusters as Cluster[]);
}

/** Short text naming an item in accessible labels and rankings. */
export function itemLabel(text: string, max = 60): string {
	const one = text.replace(/\s+/g, ' ').trim();
	return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The votable items ranked by the tally (most votes first), each with its text and, for clusters, its cards. */
export function rankBoard(
	board: BoardView,
	workshopId: string,
	cards: CardView[],
	clusters: ClusterView[],
	tally: Record<string, number>
): (RankedItem & { cards: CardView[] })[] {
	const ids = votableIds(board, workshopId, cards, clusters);
	const members = new Map<string, CardView[]>();
	for (const c of cards) if (c.clusterId) members.set(c.clusterId, [...(members.get(c.clusterId) ?? []), c]);
	const items = [
		...clusters.filter((cl) => ids.has(cl.id)).map((cl) => ({ id: cl.id, kind: 'cluster' as const, title: cl.title, createdAt: cl.createdAt })),
		...cards.filter((c) => ids.has(c.id)).map((c) => ({ id: c.id, kind: 'card' as const, title: c.text, createdAt: c.createdAt }))
	];
	return rankItems(items, tally).map((r) => ({ ...r, cards: r.kind === 'cluster' ? sortByPosition(members.get(r.id) ?? []) : [] }));
}
