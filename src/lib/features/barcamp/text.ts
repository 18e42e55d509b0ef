import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';
import type { Feature, Format, Phase, Unplaced } from './domain';

type Msg = (i?: object, o?: MsgOptions) => string;

export { phaseName } from './phase-names';

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

/** What the phase asks of a participant, in one sentence. */
export const phaseHint = (p: Phase, o?: MsgOptions) => HINTS[p]({}, o);
export const featureName = (f: Feature, o?: MsgOptions) => FEATURES[f]({}, o);
export const formatName = (f: Format, o?: MsgOptions) => FORMATS[f]({}, o);
/** Why the planner left a session out, in one sentence. */
export const unplacedReason = (u: Unplaced, o?: MsgOptions) => UNPLACED[u]({}, o);
