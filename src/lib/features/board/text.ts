import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';
import type { Phase } from './domain';

export { phaseName } from './phase-names';

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
