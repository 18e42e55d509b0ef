import { m } from '$lib/paraglide/messages.js';
import { FEATURES, type Feature } from '../../domain';
import type { Problem } from '../../planner';
import { featureName } from '../../text';
import type { ProposalView, RoomView, SlotView } from '../../views';
import { clock } from './format';

/** What a problem sentence needs to name things: proposals, rooms and slots by id, host names, whether days differ. */
export interface ProblemWords {
	proposals: Map<string, ProposalView>;
	rooms: Map<string, RoomView>;
	slots: Map<string, SlotView>;
	hosts: Map<string, string>;
	multiDay: boolean;
}

const isFeature = (f: string | undefined): f is Feature => (FEATURES as readonly string[]).includes(f ?? '');

/** One of the grid's problems in plain words ("Lea hosts “A” and “B” at the same time (10:00)."). */
export function problemText(p: Problem, w: ProblemWords): string {
	const title = w.proposals.get(p.session)?.title ?? '…';
	const other = (p.other && w.proposals.get(p.other)?.title) || '…';
	const room = (p.room && w.rooms.get(p.room)?.name) || '…';
	const slot = p.slot ? w.slots.get(p.slot) : undefined;
	const time = slot ? clock(slot.start, w.multiDay) : '…';
	switch (p.kind) {
		case 'host_clash':
			return m.bcf_problem_host_clash({ host: (p.host && w.hosts.get(p.host)) || m.bcf_someone(), title, other, time });
		case 'over_capacity':
			return m.bcf_problem_over_capacity({ title, interest: String(p.interest ?? 0), room, capacity: String(p.capacity ?? w.rooms.get(p.room ?? '')?.capacity ?? 0) });
		case 'missing_feature':
			return m.bcf_problem_missing_feature({ title, feature: isFeature(p.feature) ? featureName(p.feature) : (p.feature ?? '…'), room });
		case 'cell_taken':
			return m.bcf_problem_cell_taken({ title, other, room, time });
	}
}

/** A problem as the card of session `id` shows it, in a few words about the other session or its room. */
export function problemShort(p: Problem, id: string, w: ProblemWords): string {
	const otherId = p.session === id ? p.other : p.session;
	const other = (otherId && w.proposals.get(otherId)?.title) || '…';
	switch (p.kind) {
		case 'host_clash':
			return m.bcf_short_host_clash({ host: (p.host && w.hosts.get(p.host)) || m.bcf_someone(), other });
		case 'over_capacity':
			return m.bcf_short_over_capacity({ interest: String(p.interest ?? 0), capacity: String(p.capacity ?? w.rooms.get(p.room ?? '')?.capacity ?? 0) });
		case 'missing_feature':
			return m.bcf_short_missing_feature({ feature: isFeature(p.feature) ? featureName(p.feature) : (p.feature ?? '…') });
		case 'cell_taken':
			return m.bcf_short_cell_taken({ other });
	}
}
