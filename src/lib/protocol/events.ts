import type { ActivityView } from '../activities/spec';
import type { TimerState } from '../domain/timer';
import type { SignalName, SignalPayload } from './schemas';

/**
 * The core's refusals; each activity type adds its own (its spec's `errorCodes`), and every code has a translated
 * message under `error_<code>`. The registry (src/lib/features/index.ts) joins them into `ErrorCode`.
 */
export const CORE_ERROR_CODES = [
	'invalid_payload',
	'confirm_mismatch',
	'unauthorized',
	'forbidden',
	'not_found',
	'not_active',
	'unknown_activity_type',
	'last_activity',
	'too_many_activities',
	'workshop_closed',
	'rate_limited',
	'title_empty',
	'title_too_long',
	'key_reused',
	'nickname_empty',
	'nickname_too_long',
	'nickname_taken',
	'internal'
] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

/** The ack of every command: data after the commit, or an error a person can be told about. */
export type Response<T, E extends string = string> = { ok: true; data: T } | { ok: false; error: E };

export type Role = 'facilitator' | 'participant' | 'projector';

export interface WorkshopView {
	id: string;
	title: string;
	locale: string;
	status: 'open' | 'closed';
	code: string;
	/** The activity the room follows now. */
	activeActivityId: string | null;
}

/** The workshop as the room sees it, from its stored row (the one place this view is built). */
export function workshopView(w: WorkshopView & Record<string, unknown>): WorkshopView {
	return { id: w.id, title: w.title, locale: w.locale, status: w.status === 'closed' ? 'closed' : 'open', code: w.code, activeActivityId: w.activeActivityId };
}

/**
 * What a participant's own device needs beyond the shared replica: who they are, and one slice per activity type
 * that keeps personal state (the board's: their own cards, also hidden ones, and their dots).
 */
export interface MeState {
	participantId: string;
	nickname: string;
	slices: Record<string, unknown>;
}

/** Everything the workshop holds about one participant (shown to them on request): one part per activity type. */
export interface MyData {
	workshopTitle: string;
	nickname: string;
	joinedAt: number;
	/** Per activity type, what it keeps of this person (the board: their cards and their dots). */
	modules: Record<string, Record<string, unknown[]>>;
	events: { kind: string; at: number }[];
	/** Shared texts (such as a board's minutes) this person wrote in: how many. */
	texts: number;
	/** Badges proposed or decided for this pseudonym (name in the workshop's language, and where the decision stands). */
	badges?: { name: string; status: 'pending' | 'confirmed' | 'removed' | 'revoked' }[];
}

export interface HelloData {
	role: Role;
	workshopId: string;
	serverNow: number;
	me: MeState | null;
	/** Per activity with counts this role may see now. */
	tallies: Record<string, Record<string, number>>;
	presence: PresenceView;
	/** Facilitators only (empty for everyone else): participants with unsent text, per activity. */
	drafts: Record<string, number>;
}

export interface PresenceView {
	participants: number;
}

/** For the staff: per activity, how many participants have text in a composer that they have not sent yet. */
export interface DraftsView {
	counts: Record<string, number>;
}

/** What each signal's ack carries. */
export type SignalResults = {
	'draft:status': SignalPayload<'draft:status'>;
};

/** What each core command's acknowledgement carries (an activity type adds its own, see its spec). */
export type CoreResults = {
	'session:hello': HelloData;
	'activity:add': { activityId: string };
	'activity:rename': { activityId: string };
	'activity:move': { activityId: string };
	'activity:remove': { activityId: string };
	'activity:activate': { activityId: string };
	'activity:phase': { activityId: string; phase: string };
	'timer:control': { timer: TimerState };
	'workshop:close': { workshopId: string };
	'workshop:delete': { workshopId: string };
	'me:data': MyData;
	'me:forget': { participantId: string };
	'projector:rotate': { projectorToken: string };
	'invite:rotate': { inviteToken: string };
	'cofacilitator:remove': { userId: string };
	'people:list': PeopleList;
	'participant:rename': { participantId: string; nickname: string };
	'participant:remove': { participantId: string; content: 'keep' | 'erase' };
};

/** One person in the staff's People panel. */
export interface PersonView {
	id: string;
	nickname: string;
	/** Connected now (at least one live connection). */
	online: boolean;
	joinedAt: number;
	/** What they did, by count key (see `PeopleList.labels`); a key missing means 0. */
	counts: Record<string, number>;
}

/** The workshop's people with what each did, as each activity module counts it (its `people` seam). */
export interface PeopleList {
	people: PersonView[];
	/** The count keys in display order, each with its label in the language asked for. */
	labels: { key: string; label: string }[];
}

/** Events the server pushes. Tallies arrive batched (at most about ten per second per room). */
export interface ServerToClientEvents {
	tally: (t: { activityId: string; counts: Record<string, number> }) => void;
	presence: (p: PresenceView) => void;
	me: (m: MeState) => void;
	/** To the staff only, at most twice a second per workshop: never to the phones (no N^2 chatter). */
	'draft:counts': (d: DraftsView) => void;
	/**
	 * To the facilitators: a participant erased their data; `removedItems` of their cards stay as "removed by its
	 * author", `sessionsRemoved` of their sessions left a published BarCamp plan.
	 */
	'participant:erased': (e: { removedItems: number; sessionsRemoved: number }) => void;
	'session:ended': (e: { reason: 'workshop_closed' | 'workshop_deleted' | 'revoked' | 'removed' | 'forgotten' | 'shutdown' }) => void;
}

/** Events the client sends (typed loosely here; each module's client slice types its own commands). */
export type ClientToServerEvents = Record<string, (payload: unknown, ack: (r: Response<unknown>) => void) => void> & {
	[S in SignalName]: (payload: SignalPayload<S>, ack: (r: Response<SignalResults[S]>) => void) => void;
};

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

/**
 * The core's maps of a room document: `meta` (`workshop`, `timer`) and `activities` (ActivityView by id). Every
 * activity type writes its own maps, named `<type>.<what>` (the board: `board.boards`, `board.cards`,
 * `board.clusters`).
 */
export const CORE_MAPS = { meta: 'meta', activities: 'activities' } as const;

export type { ActivityView };
