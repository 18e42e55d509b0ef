import type { BoardSettings, CardStatus, Column, Lane, Phase } from '../features/board/domain';
import type { MyVotes } from '../features/board/votes';
import type { TimerState } from '../domain/timer';
import type { CommandName, CommandPayload, SignalName, SignalPayload } from './schemas';

/** Every refusal a client can receive; each has a translated message under `error_<code>`. */
export const ERROR_CODES = [
	'invalid_payload',
	'confirm_mismatch',
	'unauthorized',
	'forbidden',
	'not_found',
	'workshop_closed',
	'rate_limited',
	'phase_closed',
	'not_author',
	'card_empty',
	'card_too_long',
	'title_empty',
	'title_too_long',
	'unknown_column',
	'unknown_lane',
	'last_column',
	'too_many_columns',
	'too_many_lanes',
	'too_many_cards',
	'card_limit',
	'key_reused',
	'not_voting_phase',
	'voting_closed',
	'budget_exhausted',
	'item_max',
	'no_vote_to_remove',
	'not_votable',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The ack of every command: data after the commit, or an error a person can be told about. */
export type Response<T> = { ok: true; data: T } | { ok: false; error: ErrorCode };

export type Role = 'facilitator' | 'participant' | 'projector';

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
	/** Cards written but not yet visible to the room (private until reveal, or awaiting approval). */
	hiddenCount: number;
}

export interface WorkshopView {
	id: string;
	title: string;
	locale: string;
	status: 'open' | 'closed';
	code: string;
	activeBoardId: string | null;
}

/** What a participant's own device needs beyond the shared replica: their own cards (also hidden ones) and dots. */
export interface MeState {
	participantId: string;
	nickname: string;
	cards: CardView[];
	votes: Record<string, MyVotes>;
}

/** Everything the workshop holds about one participant (shown to them on request). */
export interface MyData {
	nickname: string;
	joinedAt: number;
	cards: { id: string; boardId: string; text: string; status: CardStatus; createdAt: number }[];
	votes: { boardId: string; itemId: string; count: number }[];
	events: { kind: string; at: number }[];
}

export interface HelloData {
	role: Role;
	workshopId: string;
	serverNow: number;
	me: MeState | null;
	tallies: Record<string, Record<string, number>>;
	presence: PresenceView;
	/** Facilitators only (empty for everyone else): participants with unsent text, per board. */
	drafts: Record<string, number>;
}

export interface PresenceView {
	participants: number;
}

/** For the staff: per board, how many participants have text in their composer that they have not sent yet. */
export interface DraftsView {
	counts: Record<string, number>;
}

/** What each signal's ack carries. */
export type SignalResults = {
	'draft:status': { boardId: string; drafting: boolean };
};

export type CommandResults = {
	'session:hello': HelloData;
	'card:create': { card: CardView };
	'card:update': { card: CardView };
	'card:delete': { cardId: string };
	'card:move': { cardId: string };
	'card:moderate': { cardId: string };
	'cluster:create': { clusterId: string };
	'cluster:update': { clusterId: string };
	'cluster:delete': { clusterId: string };
	'vote:cast': { boardId: string; itemId: string; count: number; remaining: number };
	'board:create': { boardId: string };
	'board:activate': { boardId: string };
	'board:update': { boardId: string };
	'board:columns': { boardId: string };
	'board:lanes': { boardId: string };
	'board:phase': { boardId: string; phase: Phase };
	'board:voting': { boardId: string };
	'board:discuss': { boardId: string };
	'timer:control': { timer: TimerState };
	'workshop:close': { workshopId: string };
	'workshop:delete': { workshopId: string };
	'me:data': MyData;
	'me:forget': { participantId: string };
	'projector:rotate': { projectorToken: string };
};

/** Events the client sends: every one takes a payload and an ack. */
export type ClientToServerEvents = {
	[C in CommandName]: (payload: CommandPayload<C>, ack: (r: Response<CommandResults[C]>) => void) => void;
} & {
	[S in SignalName]: (payload: SignalPayload<S>, ack: (r: Response<SignalResults[S]>) => void) => void;
};

/** Events the server pushes. Tallies arrive batched (at most about ten per second per room). */
export interface ServerToClientEvents {
	tally: (t: { boardId: string; counts: Record<string, number> }) => void;
	presence: (p: PresenceView) => void;
	me: (m: MeState) => void;
	/** To the staff only, at most twice a second per workshop: never to the phones (no N^2 chatter). */
	'draft:counts': (d: DraftsView) => void;
	'session:ended': (e: { reason: 'workshop_closed' | 'workshop_deleted' | 'revoked' | 'forgotten' | 'shutdown' }) => void;
}

/** The socket.io handshake `auth` field: which workshop and as whom; identity itself comes from cookies. */
export interface HandshakeAuth {
	workshopId: string;
	as: Role;
	projectorToken?: string;
}

/** The Yjs documents of a workshop: what the whole room sees, and what its facilitators see. */
export type DocAudience = 'public' | 'staff';

/** The websocket path of a workshop's Yjs document. */
export const docPath = (workshopId: string, audience: DocAudience) => `/yjs/${workshopId}/${audience}`;

/** Top-level maps of a room document. */
export const DOC_MAPS = { meta: 'meta', boards: 'boards', cards: 'cards', clusters: 'clusters' } as const;

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
