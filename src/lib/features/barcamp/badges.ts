import { inOrder, minParam, NOT_MET, perLog, result } from '../../badges/rules';
import type { AchievementTemplate, LogEvent, RuleFn, RuleParams } from '../../badges/types';

/**
 * The BarCamp's award rules over its participation events (docs/ARCHITECTURE.md, "Participation log") and its
 * starter achievements. Pure.
 */

/** A proposal as the log leaves it at its end. */
export interface LoggedProposal {
	/** The participant who proposed it (null: a facilitator's proposal). */
	proposer: string | null;
	status: 'open' | 'withdrawn' | 'rejected' | 'merged';
	/** The people a facilitator confirmed as its hosts. */
	hosts: Set<string>;
	/** The people who checked in to it. */
	checkedIn: Set<string>;
}

/**
 * Replays the BarCamp's events in order: submitted -> open; withdrawn and merged are final; rejected until restored
 * (as the server's `proposal:*` handlers allow).
 */
export function replayProposals(events: readonly LogEvent[]): Map<string, LoggedProposal> {
	// proposeAwards asks every rule for every person with the same log: it is replayed once.
	return perLog('barcamp.replay', events, replayNow);
}

function replayNow(events: readonly LogEvent[]): Map<string, LoggedProposal> {
	const out = new Map<string, LoggedProposal>();
	for (const e of inOrder(events)) {
		if (!e.kind.startsWith('barcamp.') || e.subjectId === null) continue;
		const p = out.get(e.subjectId);
		switch (e.kind) {
			case 'barcamp.proposal.submitted':
				if (!p) out.set(e.subjectId, { proposer: e.actorRole === 'participant' ? e.actorId : null, status: 'open', hosts: new Set(), checkedIn: new Set() });
				break;
			case 'barcamp.proposal.withdrawn':
				if (p && p.status === 'open') p.status = 'withdrawn';
				break;
			case 'barcamp.proposal.rejected':
				if (p && p.status === 'open') p.status = 'rejected';
				break;
			case 'barcamp.proposal.restored':
				if (p && p.status === 'rejected') p.status = 'open';
				break;
			case 'barcamp.proposal.merged':
				if (p && p.status === 'open') p.status = 'merged';
				break;
			case 'barcamp.session.hosted':
				if (p && e.ownerId !== null) p.hosts.add(e.ownerId);
				break;
			case 'barcamp.session.checked_in':
				if (p && e.actorRole === 'participant') p.checkedIn.add(e.actorId);
				break;
		}
	}
	return out;
}

const anyOf = (set: ReadonlySet<string>, person: ReadonlySet<string>) => [...set].some((x) => person.has(x));

/** `session_host` {min}: sessions a facilitator confirmed the person hosted, still standing at the end (not withdrawn, rejected or merged away). */
export const sessionHost: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const mine = [...replayProposals(events)].filter(([, p]) => p.status === 'open' && anyOf(p.hosts, person)).map(([id]) => id);
	return result(mine.length, min, mine);
};

/**
 * `session_proposer` {min}: the person's proposals that were not rejected or withdrawn (one merged into another
 * counts: its idea lives on there, and its proposer became a host of it).
 */
export const sessionProposer: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const mine = [...replayProposals(events)].filter(([, p]) => p.proposer !== null && person.has(p.proposer) && (p.status === 'open' || p.status === 'merged')).map(([id]) => id);
	return result(mine.length, min, mine);
};

/** `session_goer` {min}: sessions the person checked in to that still stand at the end. */
export const sessionGoer: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const mine = [...replayProposals(events)].filter(([, p]) => p.status === 'open' && anyOf(p.checkedIn, person)).map(([id]) => id);
	return result(mine.length, min, mine);
};

export const BARCAMP_RULES: Record<string, RuleFn<RuleParams>> = {
	session_host: sessionHost,
	session_proposer: sessionProposer,
	session_goer: sessionGoer
};

export const BARCAMP_STARTER: AchievementTemplate[] = [
	{
		key: 'session-host',
		kind: 'badge',
		name: { en: 'Session host', de: 'Session-Gastgeber·in', fr: 'Animateur·rice de session' },
		description: {
			en: 'You led a session at a BarCamp: you stood up, shared your topic and got people talking.',
			de: 'Du hast bei einem BarCamp eine Session geleitet: Du hast dein Thema vorgestellt und die anderen ins Gespräch gebracht.',
			fr: 'Tu as animé une session dans un BarCamp : tu as présenté ton sujet et fait parler les autres.'
		},
		criteria: {
			en: 'Hosted at least 1 session, confirmed by a facilitator, and the session was not withdrawn, rejected or merged into another.',
			de: 'Mindestens 1 Session geleitet, von der Moderation bestätigt; die Session wurde nicht zurückgezogen, abgelehnt oder mit einer anderen zusammengelegt.',
			fr: 'A animé au moins 1 session, confirmé par l’équipe d’animation, et la session n’a été ni retirée, ni refusée, ni fusionnée avec une autre.'
		},
		tags: ['barcamp', 'speaking'],
		skillArea: 'communication',
		alignment: [],
		rule: { type: 'session_host', params: { min: 1 } },
		requires: [],
		tier: 'confirm',
		scope: 'workshop'
	},
	{
		key: 'session-proposer',
		kind: 'badge',
		name: { en: 'Session proposer', de: 'Session-Idee', fr: 'Proposition de session' },
		description: {
			en: 'You had an idea for a BarCamp session and put it forward for everyone.',
			de: 'Du hattest eine Idee für eine BarCamp-Session und hast sie allen vorgeschlagen.',
			fr: 'Tu as eu une idée de session pour un BarCamp et tu l’as proposée à tout le monde.'
		},
		criteria: {
			en: 'Proposed at least 1 session that was not rejected or withdrawn.',
			de: 'Mindestens 1 Session vorgeschlagen, die nicht abgelehnt oder zurückgezogen wurde.',
			fr: 'A proposé au moins 1 session qui n’a été ni refusée ni retirée.'
		},
		tags: ['barcamp', 'ideas'],
		skillArea: 'creativity',
		alignment: [],
		rule: { type: 'session_proposer', params: { min: 1 } },
		requires: [],
		tier: 'standard',
		scope: 'workshop'
	},
	{
		key: 'barcamp-veteran',
		kind: 'badge',
		name: { en: 'BarCamp veteran', de: 'BarCamp-Profi', fr: 'Habitué·e des BarCamps' },
		description: {
			en: 'You took part in three BarCamps or more, across different workshops.',
			de: 'Du hast bei drei oder mehr BarCamps mitgemacht, auch in verschiedenen Workshops.',
			fr: 'Tu as participé à trois BarCamps ou plus, dans différents ateliers.'
		},
		criteria: {
			en: 'Took part in at least 3 BarCamps (proposed, showed interest, checked in or wrote notes), linked to the same backpack.',
			de: 'Bei mindestens 3 BarCamps mitgemacht (vorgeschlagen, Interesse gezeigt, eingecheckt oder Notizen geschrieben), mit demselben Rucksack verbunden.',
			fr: 'A participé à au moins 3 BarCamps (proposé, montré son intérêt, rejoint une session ou écrit des notes), reliés au même sac à dos.'
		},
		tags: ['barcamp', 'commitment'],
		skillArea: 'participation',
		alignment: [],
		rule: { type: 'activities_of_type', params: { type: 'barcamp', min: 3 } },
		requires: [],
		tier: 'confirm',
		scope: 'learner'
	}
];
