import type { LogEvent } from '$lib/badges/types';

/** Builds a participation log by hand for the rules' tests: events get increasing `seq` and times. */
export class Log {
	events: LogEvent[] = [];
	private seq = 0;

	constructor(private workshopId = 'w1') {}

	add(kind: string, actor: string, o: { role?: 'participant' | 'facilitator'; activity?: string | null; subject?: string | null; owner?: string | null; payload?: Record<string, unknown>; workshop?: string } = {}): this {
		this.seq++;
		this.events.push({
			seq: this.seq,
			workshopId: o.workshop ?? this.workshopId,
			activityId: o.activity === undefined ? 'b1' : o.activity,
			kind,
			subjectId: o.subject === undefined ? null : o.subject,
			ownerId: o.owner ?? null,
			actorRole: o.role ?? (actor.startsWith('f') ? 'facilitator' : 'participant'),
			actorId: actor,
			payload: o.payload ?? {},
			at: 1_000 * this.seq
		});
		return this;
	}

	join(p: string, workshop?: string) {
		return this.add('workshop.participant.joined', p, { activity: null, subject: p, workshop });
	}
	/** A participant's card (pending when the board asks for approval). */
	post(p: string, card: string, o: { length?: number; pending?: boolean; board?: string } = {}) {
		const role = p.startsWith('f') ? 'facilitator' : 'participant';
		return this.add('board.card.posted', p, { activity: o.board ?? 'b1', subject: card, owner: role === 'participant' ? p : null, payload: { length: o.length ?? 12, status: o.pending ? 'pending' : 'visible' } });
	}
	edit(by: string, card: string, owner: string | null, length: number) {
		return this.add('board.card.edited', by, { subject: card, owner, payload: { length } });
	}
	card(kind: 'deleted' | 'removed_by_facilitator' | 'hidden_by_facilitator' | 'shown_by_facilitator' | 'approved_by_facilitator' | 'edit_acknowledged_by_facilitator', by: string, card: string, owner: string | null) {
		return this.add(`board.card.${kind}`, by, { subject: card, owner });
	}
	move(card: string, owner: string | null, clusterId: string | null) {
		return this.add('board.card.moved', 'f1', { subject: card, owner, payload: { columnId: 'col1', laneId: null, clusterId } });
	}
	vote(p: string, item: string, dots: number, cast = true) {
		return this.add(cast ? 'board.vote.cast' : 'board.vote.withdrawn', p, { subject: item, payload: { dots } });
	}
	propose(p: string, proposal: string, camp = 'c1') {
		const role = p.startsWith('f') ? 'facilitator' : 'participant';
		return this.add('barcamp.proposal.submitted', p, { activity: camp, subject: proposal, owner: role === 'participant' ? p : null, payload: { format: 'talk', cohosts: 0, anonymous: false } });
	}
	proposal(kind: 'withdrawn' | 'rejected' | 'restored' | 'merged', by: string, proposal: string, owner: string | null, camp = 'c1') {
		return this.add(`barcamp.proposal.${kind}`, by, { activity: camp, subject: proposal, owner, payload: kind === 'merged' ? { into: 'other' } : {} });
	}
	hosted(proposal: string, host: string, camp = 'c1') {
		return this.add('barcamp.session.hosted', 'f1', { activity: camp, subject: proposal, owner: host });
	}
	checkin(p: string, proposal: string, camp = 'c1') {
		return this.add('barcamp.session.checked_in', p, { activity: camp, subject: proposal, owner: p, payload: { slot: 's1' } });
	}
}

export const one = (id: string): ReadonlySet<string> => new Set([id]);
