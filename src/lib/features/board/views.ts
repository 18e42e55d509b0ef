import type { BoardSettings, CardStatus, Column, Lane, Phase } from './domain';

/** A card as the room's replica holds it. Staff replicas also carry status and author. */
export interface CardView {
	id: string;
	boardId: string;
	text: string;
	columnId: string;
	laneId: string | null;
	clusterId: string | null;
	position: number;
	createdAt: number;
	/** Nickname shown to the room; null when the board is anonymous. */
	author: string | null;
	/** Staff only. */
	status?: CardStatus;
	/** Staff only: the author's nickname even on anonymous boards. */
	authorName?: string;
	/** Staff only: not yet revealed to the room. */
	hidden?: boolean;
	/** Staff only: when the participant author changed the text since a facilitator last acted on the card. */
	authorEditedAt?: number;
	/** The author's own view only: a facilitator changed the text (since the author last did). */
	editedByFacilitator?: boolean;
	/**
	 * Staff document only: the author's participant id (absent for a facilitator's card), so the board can select
	 * all of one person's cards. Never in the public document nor on the author's own device.
	 */
	authorId?: string;
	/** Its author erased their data: no text, no author; the browser shows "removed by its author" in its place. */
	removed?: true;
}

export interface ClusterView {
	id: string;
	boardId: string;
	title: string;
	columnId: string;
	laneId: string | null;
	position: number;
	createdAt: number;
}

export interface BoardView {
	id: string;
	title: string;
	phase: Phase;
	columns: Column[];
	lanes: Lane[];
	settings: BoardSettings;
	votingClosed: boolean;
	discussItemId: string | null;
	/** Cards written but not yet visible to the room (private until reveal, awaiting approval, or hidden). */
	hiddenCount: number;
	/** The same cards by why the room does not see them (they add up to `hiddenCount`). */
	unseen: UnseenCounts;
}

/**
 * Why cards of a board are not on the room's screens: still private until the reveal, waiting for the facilitator's
 * approval, or hidden by the facilitator (those never appear at the reveal). A card counts once: as hidden if it is,
 * else as waiting if it is, else as private.
 */
export interface UnseenCounts {
	private: number;
	pending: number;
	hidden: number;
}

/**
 * The "not revealed yet" badge of a card on the facilitator's board: only for a card the room would see but for the
 * reveal (never while the board shows cards live, nor for a card waiting for approval or hidden, which have their
 * own badges).
 */
export function notRevealedYet(card: Pick<CardView, 'status' | 'hidden'>, settings: Pick<BoardSettings, 'privateUntilReveal'>): boolean {
	return settings.privateUntilReveal && card.status === 'visible' && !!card.hidden;
}

/**
 * A card as the document stores it: a CardView without the fields at their usual value (no lane, no cluster, not
 * hidden), which is 27 bytes less per card, about a tenth of a 2,000-card document.
 */
export type StoredCardView = Omit<CardView, 'laneId' | 'clusterId'> & { laneId?: string | null; clusterId?: string | null };

/** The document's form of a card view. */
export function storeCardView(v: CardView): StoredCardView {
	const { laneId, clusterId, hidden, ...rest } = v;
	const out: StoredCardView = rest;
	if (laneId !== null) out.laneId = laneId;
	if (clusterId !== null) out.clusterId = clusterId;
	if (hidden) out.hidden = true;
	return out;
}

/** A card view from its document form (every reader of a room document goes through this). */
export function cardViewFromDoc(v: StoredCardView): CardView {
	return { ...v, laneId: v.laneId ?? null, clusterId: v.clusterId ?? null };
}
