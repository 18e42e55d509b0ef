import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';
import type { Phase } from './domain';

// A file of its own: the pages' status bars need the phases' names up front, the rest of the words come with the views.
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

