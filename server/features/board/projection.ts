import type { Board } from '../../../src/lib/features/board/domain';
import { BOARD_MAPS } from '../../../src/lib/features/board/spec';
import { storeCardView, type StoredCardView } from '../../../src/lib/features/board/views';
import type { ProjectContext } from '../../realtime/modules';
import { boardRepo } from './repo';
import { BUCKET, boardView, cardView, clusterView } from './views';

/**
 * Writes the board's maps of one room document (`board.boards`, `board.cards`, `board.clusters`) for what changed:
 * whole boards (`dirty.full`: built, phase or visibility changed, removed), board rows, single cards and clusters.
 * The public document never receives a card the room may not see.
 */
export function projectBoards(ctx: ProjectContext) {
	const repo = boardRepo(ctx.deps);
	const boardsMap = ctx.map(BOARD_MAPS.boards);
	const cardsMap = ctx.map(BOARD_MAPS.cards);
	const clustersMap = ctx.map(BOARD_MAPS.clusters);
	const w = ctx.workshop;
	const cache = new Map<string, Board | null>();
	const board = (id: string) => {
		if (!cache.has(id)) {
			const b = repo.board(id);
			cache.set(id, b && b.workshopId === w.id ? b : null);
		}
		return cache.get(id)!;
	};
	const full = [...ctx.dirty.full].filter((id) => board(id) || boardsMap.get(id) !== undefined);
	for (const id of new Set([...ctx.dirty.get(BUCKET.boards), ...full])) {
		const b = board(id);
		if (!b) boardsMap.delete(id);
		else boardsMap.set(id, boardView(b, repo.unseen(b.id, b.settings.privateUntilReveal)));
	}
	const fullSet = new Set(full);
	for (const id of full) {
		const b = board(id);
		const keep = new Set<string>();
		if (b) {
			const cards = repo.cardsOf(id);
			const names = ctx.names(cards);
			for (const card of cards) {
				const v = cardView(card, b, names.get(card.authorId) ?? '', ctx.audience);
				if (v) {
					keep.add(card.id);
					cardsMap.set(card.id, storeCardView(v));
				}
			}
		}
		for (const key of cardsMap.keys()) if (!keep.has(key) && (cardsMap.get(key) as StoredCardView).boardId === id) cardsMap.delete(key);
		const clusters = b ? repo.clustersOf(id) : [];
		const keepCl = new Set(clusters.map((cl) => cl.id));
		for (const cl of clusters) clustersMap.set(cl.id, clusterView(cl));
		for (const key of clustersMap.keys()) if (!keepCl.has(key) && (clustersMap.get(key) as { boardId: string }).boardId === id) clustersMap.delete(key);
	}
	for (const id of ctx.dirty.get(BUCKET.cards)) {
		const card = repo.card(id);
		if (card && fullSet.has(card.boardId)) continue;
		const b = card ? board(card.boardId) : null;
		const v = card && b ? cardView(card, b, ctx.names([card]).get(card.authorId) ?? '', ctx.audience) : null;
		if (v) cardsMap.set(id, storeCardView(v));
		else cardsMap.delete(id);
	}
	for (const id of ctx.dirty.get(BUCKET.clusters)) {
		const cl = repo.cluster(id);
		if (cl && board(cl.boardId)) clustersMap.set(id, clusterView(cl));
		else clustersMap.delete(id);
	}
}
