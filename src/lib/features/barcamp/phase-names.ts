import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';
import type { Phase } from './info';

type Msg = (i?: object, o?: MsgOptions) => string;

// A file of its own: the pages' status bars need the phases' names up front, the rest of the words come with the views.
const PHASES: Record<Phase, Msg> = {
	setup: m.bc_phase_setup,
	propose: m.bc_phase_propose,
	pitch: m.bc_phase_pitch,
	vote: m.bc_phase_vote,
	plan: m.bc_phase_plan,
	live: m.bc_phase_live
};

/** The translated name of a BarCamp phase. */
export const phaseName = (p: Phase, o?: MsgOptions) => PHASES[p]({}, o);
