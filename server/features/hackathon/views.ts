import type { DocAudience } from '../../../src/lib/protocol/events';
import { rankTeams, type RankedTeam } from '../../../src/lib/features/hackathon/ranking';
import type { CeremonyView, HackView, JurorView, TeamView } from '../../../src/lib/features/hackathon/views';
import type { Challenge, Hack, HackathonRepo, Juror, Member, Team } from './repo';

/** The hackathon's buckets of changed things (see Dirty.mark): hackathon rows and teams by id. */
export const BUCKET = { hacks: 'hackathon.hacks', teams: 'hackathon.teams' } as const;

/** The steps of a ceremony: its jury places and, when there is one, the audience award. */
export const ceremonySteps = (h: Pick<Hack, 'ceremony'>) => (h.ceremony ? h.ceremony.places.length + (h.ceremony.audience ? 1 : 0) : 0);

/** The ceremony as far as it has been revealed (the room's document never holds what is still to come). */
export function ceremonyView(h: Hack): CeremonyView | null {
	if (!h.ceremony || h.ceremonyStep === null) return null;
	const step = h.ceremonyStep;
	const places = h.ceremony.places;
	return {
		step,
		steps: ceremonySteps(h),
		revealed: places.slice(0, Math.min(step, places.length)),
		audience: h.ceremony.audience && step > places.length ? h.ceremony.audience : null
	};
}

/** Teams a juror scores: their group, or every team. */
export const assignedTeams = (j: Pick<Juror, 'teamIds'>, teams: { id: string }[]) => (j.teamIds === null ? teams.map((t) => t.id) : j.teamIds.filter((id) => teams.some((t) => t.id === id)));

/** The jury ranking of a hackathon's teams now. */
export function ranking(repo: HackathonRepo, h: Hack, teams: Team[]): RankedTeam[] {
	return rankTeams(
		teams.map((t) => t.id),
		h.criteria,
		repo.scoresOf(h.id)
	);
}

export function hackView(h: Hack, challenges: Challenge[], audience: DocAudience, staff: { jurors: JurorView[]; results: RankedTeam[] | null } | null, matchQueue: number): HackView {
	const v: HackView = {
		id: h.id,
		title: h.title,
		phase: h.phase,
		settings: h.settings,
		challenges: challenges.map((c) => ({ id: c.id, title: c.title, description: c.description, partner: c.partner, hasImage: c.hasImage })),
		stages: h.stages,
		criteria: h.criteria,
		pitch: h.pitchTeamId && h.pitchStartedAt !== null ? { teamId: h.pitchTeamId, startedAt: h.pitchStartedAt } : null,
		judging: { closed: h.judgingClosedAt !== null, done: staff ? staff.jurors.filter((j) => j.done).length : 0, jurors: staff ? staff.jurors.length : 0 },
		voting: { open: h.votingOpen, revealed: h.votingRevealed },
		ceremony: ceremonyView(h),
		showcase: { published: h.showcaseToken !== null },
		matchQueue
	};
	if (audience === 'staff' && staff) {
		v.jurors = staff.jurors;
		v.showcaseToken = h.showcaseToken;
		v.results = staff.results;
		v.lastMatch = h.lastMatch;
	}
	return v;
}

export function jurorView(j: Juror, teams: Team[], scored: Set<string>): JurorView {
	const assigned = assignedTeams(j, teams);
	return { id: j.id, name: j.name, token: j.token, teamIds: j.teamIds, scored: assigned.filter((id) => scored.has(`${j.id}:${id}`)).length, assigned: assigned.length, done: j.doneAt !== null };
}

export function teamView(t: Team, members: Member[], names: Map<string, string>, audience: DocAudience): TeamView {
	const v: TeamView = {
		id: t.id,
		activityId: t.hackId,
		name: t.name,
		challengeId: t.challengeId,
		members: members.map((m) => names.get(m.participantId) ?? ''),
		stageId: t.stageId,
		checked: t.checked,
		project: { title: t.title, codeUrl: t.codeUrl, videoUrl: t.videoUrl },
		submittedAt: t.submittedAt,
		createdAt: t.createdAt
	};
	if (audience === 'staff') {
		v.memberIds = members.map((m) => m.participantId);
		v.consent = { showcase: members.filter((m) => m.showcase).length, names: members.filter((m) => m.showcase && m.showName).length };
		v.showcase = { approvedAt: t.approvedAt, pending: t.approvedAt !== null && t.changedAt !== null && t.changedAt > t.approvedAt };
	}
	return v;
}
