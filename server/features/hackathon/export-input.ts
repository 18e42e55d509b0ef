import type { Deps } from '../../deps';
import type { WorkshopRow } from '../../db/workshops';
import { hackathonRepo } from './repo';

/**
 * Everything a hackathon's export carries, read in one go: teams with members' nicknames, challenge, stage,
 * submission, project fields and text; jurors, every score and comment; audience votes and awards.
 */
export function hackExportInput(deps: Deps, w: WorkshopRow, hackId: string, opts: { now: number; timeZone?: string }) {
	const repo = hackathonRepo(deps);
	const hack = repo.hack(hackId);
	if (!hack || hack.workshopId !== w.id) return null;
	const teams = repo.teamsOf(hack.id);
	const members = repo.membersOfHack(hack.id);
	const names = deps.services.authorNames(members.map((x) => ({ authorId: x.participantId, authorRole: 'participant' })));
	const prefix = `${hack.id}.`;
	const texts = new Map([...deps.notifier.texts(deps.repos.texts.snapshotsOf(w.id, prefix), w.id, prefix)].map(([entity, text]) => [entity.slice(prefix.length), text]));
	const votes = repo.tally(hack.id);
	return {
		title: hack.title,
		locale: w.locale,
		timeZone: opts.timeZone,
		now: opts.now,
		deadline: hack.settings.deadline,
		criteria: hack.criteria,
		stages: hack.stages,
		challenges: repo.challengesOf(hack.id).map((c) => ({ id: c.id, title: c.title, partner: c.partner })),
		teams: teams.map((t) => ({
			id: t.id,
			name: t.name,
			challengeId: t.challengeId,
			members: members.filter((x) => x.teamId === t.id).map((x) => names.get(x.participantId) ?? ''),
			stageId: t.stageId,
			submittedAt: t.submittedAt,
			project: { title: t.title, codeUrl: t.codeUrl, videoUrl: t.videoUrl },
			text: texts.get(t.id) ?? ''
		})),
		jurors: repo.jurorsOf(hack.id).map((j) => ({ id: j.id, name: j.name })),
		scores: repo.scoresOf(hack.id),
		comments: repo.commentsOf(hack.id),
		votes,
		awards: repo.awardsOf(hack.id).map((a) => (a.kind === 'jury' ? { teamId: a.teamId, kind: 'jury' as const, place: a.place ?? undefined } : { teamId: a.teamId, kind: 'audience' as const }))
	};
}
