import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';
import type { Phase } from './info';

type Msg = (i?: object, o?: MsgOptions) => string;

// A file of its own: the pages' status bars need the phases' names up front, the rest of the words come with the views.
const PHASES: Record<Phase, Msg> = {
	setup: m.hk_phase_setup,
	teams: m.hk_phase_teams,
	hack: m.hk_phase_hack,
	pitch: m.hk_phase_pitch,
	ceremony: m.hk_phase_ceremony
};

/** The translated name of a hackathon phase. */
export const phaseName = (p: Phase, o?: MsgOptions) => PHASES[p]({}, o);
