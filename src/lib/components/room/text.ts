import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';
import type { Phase } from '$lib/features/board/domain';
import type { ErrorCode } from '$lib/protocol/commands';

export type Locale = (typeof locales)[number];
/** Message options for an explicit language (the projector speaks the workshop's); undefined means the page's. */
export type MsgOptions = { locale?: Locale } | undefined;

/** The workshop's language as a message option, when it is one of ours. */
export function localeOption(locale: string | null | undefined): MsgOptions {
	return locales.includes(locale as Locale) ? { locale: locale as Locale } : undefined;
}

// Written out (not m[`error_${code}`]) so that the bundler keeps only these messages in the phone's bundle.
const ERRORS: Record<ErrorCode, (i?: object, o?: MsgOptions) => string> = {
	invalid_payload: m.error_invalid_payload,
	confirm_mismatch: m.error_confirm_mismatch,
	unauthorized: m.error_unauthorized,
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	not_active: m.error_not_active,
	unknown_activity_type: m.error_unknown_activity_type,
	last_activity: m.error_last_activity,
	too_many_activities: m.error_too_many_activities,
	workshop_closed: m.error_workshop_closed,
	rate_limited: m.error_rate_limited,
	phase_closed: m.error_phase_closed,
	not_author: m.error_not_author,
	card_empty: m.error_card_empty,
	card_too_long: m.error_card_too_long,
	title_empty: m.error_title_empty,
	title_too_long: m.error_title_too_long,
	unknown_column: m.error_unknown_column,
	unknown_lane: m.error_unknown_lane,
	last_column: m.error_last_column,
	too_many_columns: m.error_too_many_columns,
	too_many_lanes: m.error_too_many_lanes,
	too_many_cards: m.error_too_many_cards,
	card_limit: m.error_card_limit,
	key_reused: m.error_key_reused,
	not_voting_phase: m.error_not_voting_phase,
	voting_closed: m.error_voting_closed,
	budget_exhausted: m.error_budget_exhausted,
	item_max: m.error_item_max,
	no_vote_to_remove: m.error_no_vote_to_remove,
	not_votable: m.error_not_votable,
	internal: m.error_internal
};

/** The translated message for a refusal code. */
export function errorMessage(code: ErrorCode, o?: MsgOptions): string {
	return (ERRORS[code] ?? m.error_internal)({}, o);
}

const PHASES: Record<Phase, (i?: object, o?: MsgOptions) => string> = {
	collect: m.phase_collect,
	reveal: m.phase_reveal,
	group: m.phase_group,
	vote: m.phase_vote,
	discuss: m.phase_discuss
};

/** The translated name of a phase. */
export function phaseName(phase: Phase, o?: MsgOptions): string {
	return PHASES[phase]({}, o);
}

const HINTS: Record<Phase, (i?: object, o?: MsgOptions) => string> = {
	collect: m.room_phase_hint_collect,
	reveal: m.room_phase_hint_reveal,
	group: m.room_phase_hint_group,
	vote: m.room_phase_hint_vote,
	discuss: m.room_phase_hint_discuss
};

/** What the phase asks of a participant, in one sentence. */
export function phaseHint(phase: Phase, o?: MsgOptions): string {
	return HINTS[phase]({}, o);
}
