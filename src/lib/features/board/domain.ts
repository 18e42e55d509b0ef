import { ok, refuse, type Result } from '../../domain/result';
import { cleanTitle } from '../../domain/title';
export { cleanTitle, TITLE_MAX_LENGTH } from '../../domain/title';
import { hasVisible, stripInvisible } from '../../domain/visible-text';

/** The phases a board goes through, in the order a facilitator usually drives them. */
export const PHASES = ['collect', 'reveal', 'group', 'vote', 'discuss'] as const;
export type Phase = (typeof PHASES)[number];

export const CARD_MAX_LENGTH = 280;
/**
 * The most cards one `card:bulk` command may name (a select-all of a spammer's 40 cards fits many times). Here, not
 * in spec.ts, so that the control room's selection can split by it without bundling zod into the page.
 */
export const BULK_MAX_CARDS = 200;
export const MAX_COLUMNS = 12;
export const MAX_LANES = 8;
export const MAX_CARDS_PER_BOARD = 5000;
/** Cards one participant may write on one board unless the facilitator sets another maximum. */
export const DEFAULT_MAX_CARDS_PER_PERSON = 100;
/** The largest per-person maximum a facilitator can set. */
export const MAX_CARDS_PER_PERSON_LIMIT = 500;
/** The largest vote budget, and per-item maximum, a facilitator can set. */
export const MAX_VOTE_SETTING = 20;

export interface Column {
	id: string;
	title: string;
	wipLimit: number | null;
}

export interface Lane {
	id: string;
	title: string;
}

export interface BoardSettings {
	/** During Collect, cards are seen only by their authors (and facilitators) until Reveal. */
	privateUntilReveal: boolean;
	/** The room sees cards without their authors' nicknames; facilitators always see them. */
	anonymous: boolean;
	/** Participants' cards wait for a facilitator's approval before anyone else sees them. */
	requireApproval: boolean;
	voteBudget: number;
	maxPerItem: number;
	/** Vote counts stay hidden from the room until voting is closed. */
	hideCountsUntilClosed: boolean;
	/** Cards one participant may write on this board (over all their devices); facilitators are not limited. */
	maxCardsPerPerson: number;
	/** Phones and the projector show column limits (and when one is exceeded); otherwise only facilitators see them. */
	showLimitsToRoom: boolean;
	/** In Discuss, participants may write the shared minutes of the item under discussion (facilitators always may). */
	participantsWriteMinutes: boolean;
}

export const DEFAULT_SETTINGS: BoardSettings = {
	privateUntilReveal: true,
	anonymous: true,
	requireApproval: false,
	voteBudget: 3,
	maxPerItem: 2,
	hideCountsUntilClosed: true,
	maxCardsPerPerson: DEFAULT_MAX_CARDS_PER_PERSON,
	showLimitsToRoom: false,
	participantsWriteMinutes: false
};

export interface Board {
	id: string;
	workshopId: string;
	title: string;
	phase: Phase;
	columns: Column[];
	lanes: Lane[];
	settings: BoardSettings;
	votingClosed: boolean;
	discussItemId: string | null;
}

export type CardStatus = 'visible' | 'hidden' | 'pending';
export type ActorRole = 'facilitator' | 'participant';

export interface Card {
	id: string;
	boardId: string;
	authorId: string;
	authorRole: ActorRole;
	text: string;
	columnId: string;
	laneId: string | null;
	clusterId: string | null;
	position: number;
	status: CardStatus;
	revealed: boolean;
	createdAt: number;
	/** When its participant author last changed the text, until a facilitator acts on it (null or absent: no mark). */
	authorEditedAt?: number | null;
	/** When a facilitator last changed a participant's text, until the author changes it again. */
	staffEditedAt?: number | null;
	/** Set when its author erased their data: the card stays as "removed by its author", with no text or author. */
	erasedAt?: number | null;
}

export interface Cluster {
	id: string;
	boardId: string;
	title: string;
	columnId: string;
	laneId: string | null;
	position: number;
	createdAt: number;
}

/** Who is asking: the session's identity, never a payload's. */
export interface Actor {
	role: ActorRole;
	id: string;
}

/** Cleans card text (trim, no control characters but newlines) and checks its length. */
export function cleanCardText(input: string): Result<string, 'card_empty' | 'card_too_long'> {
	// eslint-disable-next-line no-control-regex
	const text = stripInvisible(input)
		.replace(/\r\n?/g, '\n')
		.replace(/\t/g, ' ')
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
		.trim();
	if (!hasVisible(text)) return refuse('card_empty');
	if ([...text].length > CARD_MAX_LENGTH) return refuse('card_too_long');
	return ok(text);
}


/** May this actor add a card to the board now? Participants write only during Collect. */
export function canCreateCard(board: Board, actor: Actor): Result<true, 'phase_closed'> {
	if (actor.role === 'facilitator') return ok(true);
	return board.phase === 'collect' ? ok(true) : refuse('phase_closed');
}

/**
 * Is there room for one more card by this actor? The board holds at most MAX_CARDS_PER_BOARD, and one participant
 * (however many devices they use) at most the board's per-person maximum, so that nobody can fill the board alone.
 */
export function hasRoomForCard(board: Board, actor: Actor, counts: { onBoard: number; byActor: number }): Result<true, 'too_many_cards' | 'card_limit'> {
	if (counts.onBoard >= MAX_CARDS_PER_BOARD) return refuse('too_many_cards');
	if (actor.role === 'participant' && counts.byActor >= Math.min(board.settings.maxCardsPerPerson, MAX_CARDS_PER_PERSON_LIMIT)) return refuse('card_limit');
	return ok(true);
}

/** May this actor change or delete the card? Authors during Collect; facilitators always. */
export function canChangeCard(board: Board, card: Card, actor: Actor): Result<true, 'not_author' | 'phase_closed'> {
	if (actor.role === 'facilitator') return ok(true);
	if (card.authorRole !== 'participant' || card.authorId !== actor.id) return refuse('not_author');
	return board.phase === 'collect' ? ok(true) : refuse('phase_closed');
}

/** The flags a new card starts with, from the board's phase and settings. */
export function newCardFlags(board: Board, actor: Actor): { status: CardStatus; revealed: boolean } {
	const revealed = !(board.settings.privateUntilReveal && board.phase === 'collect');
	const status: CardStatus = board.settings.requireApproval && actor.role === 'participant' ? 'pending' : 'visible';
	return { status, revealed };
}

/**
 * What a change of a card's text does to its moderation, by who changes it. A participant's edit of a card the
 * facilitator had let through goes back to waiting for approval when the board asks for approval; a hidden card
 * stays hidden; either way the facilitator's tile marks the edit (not the first edits of a card still waiting, which
 * nobody approved yet). A facilitator's edit clears that mark, and tells a participant author that the facilitator
 * changed their card; the author's next edit takes that back.
 */
export function afterTextChange(board: Board, card: Pick<Card, 'status' | 'authorRole' | 'authorEditedAt'>, actor: Actor, now: number): Pick<Card, 'status' | 'authorEditedAt' | 'staffEditedAt'> {
	if (actor.role === 'facilitator') return { status: card.status, authorEditedAt: null, staffEditedAt: card.authorRole === 'participant' ? now : null };
	const status: CardStatus = card.status === 'visible' && board.settings.requireApproval ? 'pending' : card.status;
	return { status, authorEditedAt: card.status === 'pending' ? (card.authorEditedAt ?? null) : now, staffEditedAt: null };
}

/** The moderation actions of a facilitator on one card; each one also clears the "edited by its author" mark. */
export type ModerateAction = 'hide' | 'show' | 'approve' | 'acknowledge';

/** A card's status after a facilitator's moderation action. */
export function moderatedStatus(card: Pick<Card, 'status'>, action: ModerateAction): CardStatus {
	return action === 'hide' ? 'hidden' : action === 'acknowledge' ? card.status : 'visible';
}

/** Whether the whole room (phones and projector) may see the card. */
export function isCardPublic(card: Pick<Card, 'status' | 'revealed'>, board: Board): boolean {
	return card.status === 'visible' && (card.revealed || !board.settings.privateUntilReveal);
}

/** What changing phase does to the board: leaving Collect reveals every card, Vote opens voting, Discuss closes it. */
export function changePhase(board: Board, to: Phase): { board: Board; revealAll: boolean } {
	let votingClosed = board.votingClosed;
	if (to === 'vote') votingClosed = false;
	if (to === 'discuss') votingClosed = true;
	return {
		board: { ...board, phase: to, votingClosed, discussItemId: to === 'discuss' ? board.discussItemId : null },
		revealAll: to !== 'collect'
	};
}

/** The phase after the current one, or null at the end. */
export function nextPhase(phase: Phase): Phase | null {
	const i = PHASES.indexOf(phase);
	return i < PHASES.length - 1 ? PHASES[i + 1] : null;
}

export type ColumnOp =
	| { type: 'add'; title: string }
	| { type: 'rename'; columnId: string; title: string }
	| { type: 'move'; columnId: string; toIndex: number }
	| { type: 'remove'; columnId: string }
	| { type: 'wip'; columnId: string; limit: number | null };

export type ColumnOpReason = 'title_empty' | 'title_too_long' | 'unknown_column' | 'last_column' | 'too_many_columns';

/**
 * Applies one edit to the column list. Removing a column moves its cards and clusters to the first remaining
 * column (nothing a participant wrote is lost), which the caller applies as `moveCardsTo`.
 */
export function applyColumnOp(
	columns: Column[],
	op: ColumnOp,
	newId: string
): Result<{ columns: Column[]; moveCardsTo?: { from: string; to: string } }, ColumnOpReason> {
	const index = 'columnId' in op ? columns.findIndex((c) => c.id === op.columnId) : -1;
	if ('columnId' in op && index < 0) return refuse('unknown_column');
	switch (op.type) {
		case 'add': {
			if (columns.length >= MAX_COLUMNS) return refuse('too_many_columns');
			const t = cleanTitle(op.title);
			if (!t.ok) return t;
			return ok({ columns: [...columns, { id: newId, title: t.value, wipLimit: null }] });
		}
		case 'rename': {
			const t = cleanTitle(op.title);
			if (!t.ok) return t;
			return ok({ columns: columns.map((c, i) => (i === index ? { ...c, title: t.value } : c)) });
		}
		case 'move': {
			const next = columns.slice();
			const [col] = next.splice(index, 1);
			next.splice(Math.max(0, Math.min(next.length, op.toIndex)), 0, col);
			return ok({ columns: next });
		}
		case 'remove': {
			if (columns.length <= 1) return refuse('last_column');
			const next = columns.filter((c) => c.id !== op.columnId);
			return ok({ columns: next, moveCardsTo: { from: op.columnId, to: next[0].id } });
		}
		case 'wip': {
			const limit = op.limit === null ? null : Math.max(1, Math.min(999, Math.floor(op.limit)));
			return ok({ columns: columns.map((c, i) => (i === index ? { ...c, wipLimit: limit } : c)) });
		}
	}
}

export type LaneOp =
	| { type: 'add'; title: string }
	| { type: 'rename'; laneId: string; title: string }
	| { type: 'move'; laneId: string; toIndex: number }
	| { type: 'remove'; laneId: string };

/** Applies one edit to the swimlanes; cards of a removed lane go back to "no lane". */
export function applyLaneOp(
	lanes: Lane[],
	op: LaneOp,
	newId: string
): Result<{ lanes: Lane[]; clearLane?: string }, 'title_empty' | 'title_too_long' | 'unknown_lane' | 'too_many_lanes'> {
	const index = 'laneId' in op ? lanes.findIndex((l) => l.id === op.laneId) : -1;
	if ('laneId' in op && index < 0) return refuse('unknown_lane');
	switch (op.type) {
		case 'add': {
			if (lanes.length >= MAX_LANES) return refuse('too_many_lanes');
			const t = cleanTitle(op.title);
			if (!t.ok) return t;
			return ok({ lanes: [...lanes, { id: newId, title: t.value }] });
		}
		case 'rename': {
			const t = cleanTitle(op.title);
			if (!t.ok) return t;
			return ok({ lanes: lanes.map((l, i) => (i === index ? { ...l, title: t.value } : l)) });
		}
		case 'move': {
			const next = lanes.slice();
			const [lane] = next.splice(index, 1);
			next.splice(Math.max(0, Math.min(next.length, op.toIndex)), 0, lane);
			return ok({ lanes: next });
		}
		case 'remove':
			return ok({ lanes: lanes.filter((l) => l.id !== op.laneId), clearLane: op.laneId });
	}
}

export interface WipState {
	columnId: string;
	count: number;
	limit: number | null;
	exceeded: boolean;
}

/**
 * Counts the cards (and clusters, each as one item) per column against its WIP limit. An empty cluster (no card
 * among `cards` in it) is no item: every screen counts what it shows.
 */
export function wipStatus(
	columns: Column[],
	cards: Pick<Card, 'columnId' | 'clusterId'>[],
	clusters: Pick<Cluster, 'id' | 'columnId'>[] = []
): WipState[] {
	const counts = new Map<string, number>();
	const filled = new Set<string>();
	for (const card of cards) {
		if (card.clusterId) filled.add(card.clusterId);
		else counts.set(card.columnId, (counts.get(card.columnId) ?? 0) + 1);
	}
	for (const cl of clusters) if (filled.has(cl.id)) counts.set(cl.columnId, (counts.get(cl.columnId) ?? 0) + 1);
	return columns.map((c) => {
		const count = counts.get(c.id) ?? 0;
		return { columnId: c.id, count, limit: c.wipLimit, exceeded: c.wipLimit !== null && count > c.wipLimit };
	});
}

/** A position strictly between two neighbours (either may be missing), for ordering without renumbering. */
/**
 * Where a moved card lands in its target column: just before `beforeId` (at the end of the column when that card is
 * not there), else where it was when it stays in its column and group, else at the end of the column. `column` gives
 * the target column's other cards by position and `lastInColumn` its largest position (asked only when needed).
 */
export function landingPosition(
	card: Pick<Card, 'columnId' | 'clusterId' | 'position'>,
	to: { columnId: string; clusterId: string | null; beforeId?: string | null },
	column: () => Pick<Card, 'id' | 'position'>[],
	lastInColumn: () => number | null
): number {
	if (to.beforeId) {
		const cards = column();
		const i = cards.findIndex((c) => c.id === to.beforeId);
		return i < 0 ? positionBetween(cards.at(-1)?.position ?? null, null) : positionBetween(i > 0 ? cards[i - 1].position : null, cards[i].position);
	}
	if (card.columnId === to.columnId && card.clusterId === to.clusterId) return card.position;
	return positionBetween(lastInColumn(), null);
}

export function positionBetween(before: number | null, after: number | null): number {
	if (before === null && after === null) return 1;
	if (before === null) return (after as number) - 1;
	if (after === null) return before + 1;
	return (before + after) / 2;
}

/** What a person may do with a co-edited text: write in it, only read it, or nothing at all. */
export type TextLevel = 'write' | 'read';

/**
 * Who may write or read the shared minutes of an item of the board now. Facilitators write them while the workshop
 * is open (and read them after); the projector reads them; a participant reads the minutes of the board the room
 * follows and writes those of the item under discussion, in Discuss, when the board allows it. Nobody but the staff
 * sees the minutes of a card the room may not see. `item` is null when the id is not an item of this board.
 */
export function minutesAccess(
	board: Board,
	item: { card: Pick<Card, 'status' | 'revealed'> } | { cluster: unknown } | null,
	who: 'facilitator' | 'participant' | 'projector',
	room: { active: boolean; open: boolean; itemId: string }
): TextLevel | null {
	if (!item) return null;
	if (who === 'facilitator') return room.open ? 'write' : 'read';
	if ('card' in item && !isCardPublic(item.card, board)) return null;
	if (who === 'projector') return 'read';
	if (!room.active) return null;
	const writing = room.open && board.phase === 'discuss' && board.settings.participantsWriteMinutes && board.discussItemId === room.itemId;
	return writing ? 'write' : 'read';
}
