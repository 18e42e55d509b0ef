import { ok, refuse, type Result } from '../../domain/result';
import { cleanTitle } from '../../domain/title';
import { hasVisible, stripInvisible } from '../../domain/visible-text';
import type { Phase } from './info';
export { PHASES, type Phase } from './info';
export type { Unplaced } from './planner';

export const DESCRIPTION_MAX_LENGTH = 500;
export const REJECT_REASON_MAX_LENGTH = 200;
export const LABEL_MAX_LENGTH = 60;
export const MAX_ROOMS = 24;
export const MAX_SLOTS = 24;
export const MAX_PROPOSALS = 300;
export const MAX_COHOSTS = 4;
export const MAX_CAPACITY = 5000;
/** Proposals one participant may have open at once unless the facilitator sets another maximum. */
export const DEFAULT_MAX_PROPOSALS_PER_PERSON = 3;
export const MAX_PROPOSALS_PER_PERSON_LIMIT = 20;
export const PITCH_SECONDS = { min: 15, max: 600, default: 60 } as const;

/** What a room offers and a session may need: a fixed vocabulary, so a need matches a feature without typos. */
export const FEATURES = ['projector', 'laptops', 'whiteboard', 'quiet', 'accessible', 'sound'] as const;
export type Feature = (typeof FEATURES)[number];

export const FORMATS = ['talk', 'discussion', 'workshop', 'other'] as const;
export type Format = (typeof FORMATS)[number];

export const SLOT_KINDS = ['sessions', 'break', 'common'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/** open: in the queue; rejected by a facilitator (with a reason the proposer sees); withdrawn by its proposer; merged into another. */
export type ProposalStatus = 'open' | 'rejected' | 'withdrawn' | 'merged';

export interface CampSettings {
	/** Phones and the projector see interest counts (otherwise only facilitators do: the room is not swayed). */
	showCounts: boolean;
	/** Seconds per pitch (the projector's countdown). */
	pitchSeconds: number;
	/** Proposers may stay anonymous to the room. */
	allowAnonymous: boolean;
	/** Open proposals one participant may have at once. */
	maxProposalsPerPerson: number;
}

export const DEFAULT_CAMP_SETTINGS: CampSettings = {
	showCounts: false,
	pitchSeconds: PITCH_SECONDS.default,
	allowAnonymous: true,
	maxProposalsPerPerson: DEFAULT_MAX_PROPOSALS_PER_PERSON
};

/** Participants propose while proposals are open. */
export const canPropose = (phase: Phase) => phase === 'propose';
/** A proposer may change or withdraw their proposal until planning starts. */
export const canEditProposal = (phase: Phase) => phase === 'setup' || phase === 'propose' || phase === 'pitch' || phase === 'vote';
/** Interest ("I'd go") is given and taken back while voting is open. */
export const canMarkInterest = (phase: Phase) => phase === 'vote';
/** The grid is made (planned, moved, pinned) in Plan and changed live after publishing. */
export const canArrange = (phase: Phase) => phase === 'plan' || phase === 'live';

export type BarcampError =
	| 'proposals_closed'
	| 'editing_closed'
	| 'interest_closed'
	| 'proposal_too_long'
	| 'description_too_long'
	| 'proposal_limit'
	| 'proposal_gone'
	| 'not_proposer'
	| 'unknown_cohost'
	| 'unknown_room'
	| 'unknown_slot'
	| 'slot_times'
	| 'not_session_slot'
	| 'not_arranging'
	| 'not_published'
	| 'not_placed'
	| 'not_current_slot'
	| 'already_checked_in'
	| 'anonymous_off'
	| 'merge_self'
	| 'too_many_rooms'
	| 'too_many_slots'
	| 'too_many_proposals'
	| 'unknown_host'
	| 'pins_conflict';

/** A proposal's title: trimmed, visible, at most the title length. */
export function cleanProposalTitle(input: string): Result<string, 'title_empty' | 'proposal_too_long'> {
	const r = cleanTitle(input);
	if (r.ok) return r;
	return r.reason === 'title_empty' ? refuse('title_empty') : refuse('proposal_too_long');
}

/** A proposal's description: optional, trimmed, without invisible padding, at most 500 characters. */
export function cleanDescription(input: string): Result<string, 'description_too_long'> {
	const s = stripInvisible(input).trim();
	if (!hasVisible(s)) return ok('');
	if ([...s].length > DESCRIPTION_MAX_LENGTH) return refuse('description_too_long');
	return ok(s);
}

/** A short free text (a room's name, a break's label, a rejection's reason): trimmed, at most `max` characters. */
export function cleanLabel(input: string, max = LABEL_MAX_LENGTH): Result<string, 'title_empty' | 'title_too_long'> {
	return cleanTitle(input, max);
}

/** A slot's times: end after start, at most 12 hours long. */
export function checkSlotTimes(start: number, end: number): Result<null, 'slot_times'> {
	return Number.isSafeInteger(start) && Number.isSafeInteger(end) && end > start && end - start <= 12 * 3600_000 ? ok(null) : refuse('slot_times');
}

/** The session slot running at `now`, if any (slots sorted by start). */
export function currentSlot<S extends { start: number; end: number; kind: SlotKind }>(slots: S[], now: number): S | null {
	return slots.find((s) => s.kind === 'sessions' && s.start <= now && now < s.end) ?? null;
}

/** The next session slot after `now`. */
export function nextSlot<S extends { start: number; end: number; kind: SlotKind }>(slots: S[], now: number): S | null {
	return slots.filter((s) => s.kind === 'sessions' && s.start > now).sort((a, b) => a.start - b.start)[0] ?? null;
}

/** Slots in time order (ties by id, so every device orders them alike). */
export function sortSlots<S extends { start: number; id: string }>(slots: S[]): S[] {
	return [...slots].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}
