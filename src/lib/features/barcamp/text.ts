import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages, MsgOptions } from '$lib/components/room/text';
import type { Feature, Format, Phase, Unplaced } from './domain';
import type { BarcampErrorCode } from './spec';

type Msg = (i?: object, o?: MsgOptions) => string;

/** The BarCamp's refusals in words (written out so that the bundler keeps only these messages). */
export const BARCAMP_ERRORS: ErrorMessages<BarcampErrorCode> = {
	proposals_closed: m.error_proposals_closed,
	editing_closed: m.error_editing_closed,
	interest_closed: m.error_interest_closed,
	proposal_too_long: m.error_proposal_too_long,
	description_too_long: m.error_description_too_long,
	proposal_limit: m.error_proposal_limit,
	proposal_gone: m.error_proposal_gone,
	not_proposer: m.error_not_proposer,
	unknown_cohost: m.error_unknown_cohost,
	unknown_room: m.error_unknown_room,
	unknown_slot: m.error_unknown_slot,
	slot_times: m.error_slot_times,
	not_session_slot: m.error_not_session_slot,
	not_arranging: m.error_not_arranging,
	not_published: m.error_not_published,
	not_placed: m.error_not_placed,
	not_current_slot: m.error_not_current_slot,
	already_checked_in: m.error_already_checked_in,
	anonymous_off: m.error_anonymous_off,
	merge_self: m.error_merge_self,
	too_many_rooms: m.error_too_many_rooms,
	too_many_slots: m.error_too_many_slots,
	too_many_proposals: m.error_too_many_proposals,
	unknown_host: m.error_unknown_host,
	pins_conflict: m.error_pins_conflict
};

const PHASES: Record<Phase, Msg> = {
	setup: m.bc_phase_setup,
	propose: m.bc_phase_propose,
	pitch: m.bc_phase_pitch,
	vote: m.bc_phase_vote,
	plan: m.bc_phase_plan,
	live: m.bc_phase_live
};
const HINTS: Record<Phase, Msg> = {
	setup: m.bc_hint_setup,
	propose: m.bc_hint_propose,
	pitch: m.bc_hint_pitch,
	vote: m.bc_hint_vote,
	plan: m.bc_hint_plan,
	live: m.bc_hint_live
};
const FEATURES: Record<Feature, Msg> = {
	projector: m.bc_feature_projector,
	laptops: m.bc_feature_laptops,
	whiteboard: m.bc_feature_whiteboard,
	quiet: m.bc_feature_quiet,
	accessible: m.bc_feature_accessible,
	sound: m.bc_feature_sound
};
const FORMATS: Record<Format, Msg> = {
	talk: m.bc_format_talk,
	discussion: m.bc_format_discussion,
	workshop: m.bc_format_workshop,
	other: m.bc_format_other
};
const UNPLACED: Record<Unplaced, Msg> = {
	no_room_with_features: m.bc_unplaced_no_room_with_features,
	hosts_busy: m.bc_unplaced_hosts_busy,
	no_free_cell: m.bc_unplaced_no_free_cell,
	not_worth_it: m.bc_unplaced_not_worth_it
};

/** The translated name of a BarCamp phase. */
export const phaseName = (p: Phase, o?: MsgOptions) => PHASES[p]({}, o);
/** What the phase asks of a participant, in one sentence. */
export const phaseHint = (p: Phase, o?: MsgOptions) => HINTS[p]({}, o);
export const featureName = (f: Feature, o?: MsgOptions) => FEATURES[f]({}, o);
export const formatName = (f: Format, o?: MsgOptions) => FORMATS[f]({}, o);
/** Why the planner left a session out, in one sentence. */
export const unplacedReason = (u: Unplaced, o?: MsgOptions) => UNPLACED[u]({}, o);
