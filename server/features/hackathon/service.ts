import type { JuryPageData, ShowcaseEntry } from '../../../src/lib/features/hackathon/views';
import type { Deps } from '../../deps';
import { hashToken } from '../../ids';
import type { Caller } from '../../realtime/gateway';
import { projectText } from './commands';
import { hackathonRepo } from './repo';
import { assignedTeams, ranking } from './views';

/**
 * What the hackathon's pages outside the live room read (the jury page, the showcase page, the consent page after
 * the workshop). Reads only: their writes are commands, sent through `deps.notifier.command`.
 */
export function hackathonPages(deps: Deps) {
	const repo = hackathonRepo(deps);
	return {
		/** The juror a jury link names, while the link is valid (renewing or removing it ends it). */
		jurorByToken(token: string): { workshopId: string; jurorId: string; activityId: string } | null {
			if (typeof token !== 'string' || token.length > 100) return null;
			const j = repo.jurorByToken(token);
			return j ? { workshopId: j.workshopId, jurorId: j.id, activityId: j.hackId } : null;
		},

		/** The workshop whose showcase a link opens, while it is published. */
		showcaseWorkshop(token: string): string | null {
			return typeof token === 'string' && token && token.length <= 100 ? (repo.byShowcaseToken(token)?.workshopId ?? null) : null;
		},

		/** A juror's page: their assigned teams with their own scores and comments, never anyone else's; the ranking once judging is over. */
		juryPage(token: string): JuryPageData | null {
			const j = typeof token === 'string' && token.length <= 100 ? repo.jurorByToken(token) : null;
			const hack = j && repo.hack(j.hackId);
			const w = hack && deps.repos.workshops.get(hack.workshopId);
			if (!j || !hack || !w) return null;
			const teams = repo.teamsOf(hack.id);
			const mine = new Set(assignedTeams(j, teams));
			const scores = repo.jurorScores(j.id);
			const comments = new Map(repo.commentsOf(hack.id).filter((c) => c.jurorId === j.id).map((c) => [c.teamId, c.comment]));
			const challenges = new Map(repo.challengesOf(hack.id).map((c) => [c.id, c.title]));
			const closed = hack.judgingClosedAt !== null;
			const names = new Map(teams.map((t) => [t.id, t.name]));
			return {
				workshopId: w.id,
				workshopTitle: w.title,
				activityId: hack.id,
				hackTitle: hack.title,
				jurorName: j.name,
				criteria: hack.criteria,
				closed,
				done: j.doneAt !== null,
				teams: teams
					.filter((t) => mine.has(t.id))
					.map((t) => ({
						id: t.id,
						name: t.name,
						challenge: t.challengeId ? (challenges.get(t.challengeId) ?? null) : null,
						title: t.title,
						codeUrl: t.codeUrl,
						videoUrl: t.videoUrl,
						text: projectText(deps, w.id, hack.id, t.id),
						submitted: t.submittedAt !== null,
						scores: Object.fromEntries(scores.filter((s) => s.teamId === t.id).map((s) => [s.criterionId, s.value])),
						comment: comments.get(t.id) ?? ''
					})),
				results: closed ? ranking(repo, hack, teams).map((r) => ({ ...r, name: names.get(r.teamId) ?? '' })) : null
			};
		},

		/**
		 * The published showcase: the projects the facilitator approved and every member of the team agreed to show,
		 * in their approved version, named with only the members who agreed to be named.
		 */
		showcasePage(token: string): { workshopTitle: string; hackTitle: string; entries: ShowcaseEntry[] } | null {
			const hack = typeof token === 'string' && token.length <= 100 && token ? repo.byShowcaseToken(token) : null;
			const w = hack && deps.repos.workshops.get(hack.workshopId);
			if (!hack || !w) return null;
			const challenges = new Map(repo.challengesOf(hack.id).map((c) => [c.id, c]));
			const awards = repo.awardsOf(hack.id);
			const entries: ShowcaseEntry[] = [];
			for (const t of repo.teamsOf(hack.id)) {
				const members = repo.membersOf(t.id);
				if (!t.approved || !members.length || !members.every((x) => x.showcase)) continue;
				const names = deps.services.authorNames(members.filter((x) => x.showName).map((x) => ({ authorId: x.participantId, authorRole: 'participant' })));
				const c = t.approved.challengeId ? challenges.get(t.approved.challengeId) : undefined;
				entries.push({
					teamId: t.id,
					title: t.approved.title,
					teamName: t.approved.teamName,
					challenge: c ? { title: c.title, partner: c.partner } : null,
					description: t.approved.description,
					codeUrl: t.approved.codeUrl,
					videoUrl: t.approved.videoUrl,
					awards: awards.filter((a) => a.teamId === t.id).map((a) => (a.kind === 'jury' ? { kind: 'jury' as const, place: a.place ?? undefined } : { kind: 'audience' as const })),
					members: members.filter((x) => x.showName).map((x) => names.get(x.participantId) ?? '').filter(Boolean)
				});
			}
			return { workshopTitle: w.title, hackTitle: hack.title, entries };
		},

		/** A challenge's image of this workshop, when it has one. */
		challengeImage(workshopId: string, challengeId: string): { bytes: Buffer; type: string } | null {
			const c = repo.challengeImage(challengeId);
			const h = c && repo.hack(c.hackId);
			return c && h && h.workshopId === workshopId && c.image && c.type ? { bytes: c.image, type: c.type } : null;
		},

		/** The hackathon a challenge of this workshop belongs to. */
		challengeActivity(workshopId: string, challengeId: string): string | null {
			const c = repo.challengeImage(challengeId);
			const h = c && repo.hack(c.hackId);
			return h && h.workshopId === workshopId ? h.id : null;
		},

		/** A facilitator's command from a page (the gateway checks membership and the session again). */
		facilitatorCaller(workshopId: string, user: { id: string; name: string }, sessionToken: string, ip: string): Caller {
			return { identity: { role: 'facilitator', workshopId, userId: user.id, name: user.name, sessionHash: hashToken(sessionToken) }, ip, connection: `http:${user.id}` };
		},

		/** A participant's command from a page (the consent page), by their device cookie's participant. */
		participantCaller(workshopId: string, p: { id: string; nickname: string }, ip: string): Caller {
			return { identity: { role: 'participant', workshopId, participantId: p.id, nickname: p.nickname }, ip, connection: `http:${p.id}` };
		},

		/** A juror's command from the jury page. */
		jurorCaller(juror: { workshopId: string; jurorId: string }, ip: string): Caller {
			return { identity: { role: 'juror', workshopId: juror.workshopId, jurorId: juror.jurorId }, ip, connection: `juror:${juror.jurorId}` };
		},

		/** A participant's teams in a workshop's hackathons with their consent (the consent page, also after the workshop). */
		myTeams(workshopId: string, participantId: string): { teamId: string; activityId: string; name: string; title: string; consent: { showcase: boolean; showName: boolean } }[] {
			const hacks = new Set(repo.hacksOf(workshopId).map((h) => h.id));
			return repo
				.membershipsOf(participantId)
				.filter((x) => hacks.has(x.hackId))
				.flatMap((x) => {
					const t = repo.team(x.teamId);
					return t ? [{ teamId: t.id, activityId: t.hackId, name: t.name, title: t.title, consent: { showcase: x.showcase, showName: x.showName } }] : [];
				});
		}
	};
}
