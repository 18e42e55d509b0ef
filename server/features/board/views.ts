import { isCardPublic, type Board, type Card, type Cluster } from '../../../src/lib/features/board/domain';
import type { DocAudience } from '../../../src/lib/protocol/events';
import type { BoardView, CardView, ClusterView, UnseenCounts } from '../../../src/lib/features/board/views';

/** The board's buckets of changed things (see Dirty.mark): board rows, cards, clusters by id. */
export const BUCKET = { boards: 'board.boards', cards: 'board.cards', clusters: 'board.clusters' } as const;

/** The board as the room's documents show it. */
export function boardView(b: Board, unseen: UnseenCounts): BoardView {
	return {
		id: b.id,
		title: b.title,
		phase: b.phase,
		columns: b.columns,
		lanes: b.lanes,
		settings: b.settings,
		votingClosed: b.votingClosed,
		discussItemId: b.discussItemId,
		hiddenCount: unseen.private + unseen.pending + unseen.hidden,
		unseen
	};
}

/**
 * A card as an audience sees it, or null when that audience may not see it at all. `own` is the view on its
 * author's devices: like the staff's (status, the author's name, whether the room sees it), with the board's
 * anonymity for the name the room would see.
 */
export function cardView(card: Card, b: Board, authorName: string, audience: DocAudience | 'own'): CardView | null {
	const pub = isCardPublic(card, b);
	if (audience === 'public' && !pub) return null;
	const v: CardView = {
		id: card.id,
		boardId: card.boardId,
		text: card.text,
		columnId: card.columnId,
		laneId: card.laneId,
		clusterId: card.clusterId,
		position: card.position,
		createdAt: card.createdAt,
		author: b.settings.anonymous ? null : authorName
	};
	if (audience !== 'public') {
		v.status = card.status;
		v.authorName = authorName;
		v.hidden = !pub;
		if (card.authorEditedAt != null && audience !== 'own') v.authorEditedAt = card.authorEditedAt;
		if (card.staffEditedAt != null && audience === 'own') v.editedByFacilitator = true;
	}
	if (audience === 'staff' && card.authorRole === 'participant') v.authorId = card.authorId;
	// Removed by its author (erasure): its place stays, its words and name do not (the text is already empty).
	if (card.erasedAt) {
		v.text = '';
		v.author = null;
		if (audience !== 'public') v.authorName = '';
		delete v.authorId;
		v.removed = true;
	}
	return v;
}

/** The card as its author sees it on their own device (also while the room does not). */
export function ownCardView(card: Card, board: Board, authorName: string): CardView {
	return cardView(card, board, authorName, 'own')!;
}

export function clusterView(cl: Cluster): ClusterView {
	return { id: cl.id, boardId: cl.boardId, title: cl.title, columnId: cl.columnId, laneId: cl.laneId, position: cl.position, createdAt: cl.createdAt };
}
