import { m } from '../../../src/lib/paraglide/messages.js';
import { localeOf } from '../../services';
import { hackathonSpec, type HackathonMe, type HackathonResults } from '../../../src/lib/features/hackathon/spec';
import type { ServerModule } from '../../realtime/modules';
import { defaultSetup, handlers } from './commands';
import { projectHacks } from './projection';
import { hackathonRepo } from './repo';
import { BUCKET } from './views';
import { hackExportInput } from './export-input';
import { renderFor } from './export-words';
import { hackathonPages } from './service';
import { HACKATHON_RULES, HACKATHON_STARTER } from '../../../src/lib/features/hackathon/badges';

const VOTERS = '$voters';

/**
 * The hackathon: challenges, teams (by hand and by matching), projects through their stages with a co-edited page,
 * submissions until the deadline, the jury's scores (from the jury page), the audience vote, the ceremony and the
 * showcase.
 */
export const hackathonModule: ServerModule<typeof hackathonSpec, HackathonResults> = {
	spec: hackathonSpec,
	handlers,

	defaultTitle: (locale) => m.hackathon_default_title({}, { locale: localeOf(locale) }),

	create(ctx, activity) {
		const { stages, criteria } = defaultSetup(ctx.workshop.locale);
		hackathonRepo(ctx.deps).insertHack({ id: activity.id, workshopId: activity.workshopId, stages, criteria, now: ctx.now });
		ctx.dirty.mark(BUCKET.hacks, activity.id);
	},

	remove(ctx, activity) {
		const repo = hackathonRepo(ctx.deps);
		for (const t of repo.teamsOf(activity.id)) {
			for (const x of repo.membersOf(t.id)) ctx.dirty.touchMe(x.participantId);
			ctx.dirty.textsGone.add(`${activity.id}.${t.id}`);
		}
		repo.removeHack(activity.id);
	},

	project: projectHacks,

	// Audience votes: the staff always see the counts; the room sees how many voted, and the counts once revealed.
	tally: {
		counts(deps, id) {
			const repo = hackathonRepo(deps);
			return { ...repo.tally(id), [VOTERS]: repo.voters(id) };
		},
		visibleToRoom: (deps, id) => !!hackathonRepo(deps).hack(id)?.votingRevealed,
		roomCounts: (deps, id) => ({ [VOTERS]: hackathonRepo(deps).voters(id) })
	},

	me(deps, workshopId, p): HackathonMe | undefined {
		const repo = hackathonRepo(deps);
		const hacks = new Set(repo.hacksOf(workshopId).map((h) => h.id));
		if (!hacks.size) return undefined;
		const memberships = repo.membershipsOf(p.id).filter((x) => hacks.has(x.hackId));
		return {
			profiles: Object.fromEntries([...repo.profilesOf(p.id)].filter(([h]) => hacks.has(h))),
			teams: memberships.map((x) => x.teamId),
			votes: Object.fromEntries(repo.votesOf(p.id).filter((v) => hacks.has(v.hackId)).map((v) => [v.hackId, v.teamId])),
			consents: Object.fromEntries(memberships.map((x) => [x.teamId, { showcase: x.showcase, showName: x.showName }]))
		};
	},

	privacy: {
		data(deps, workshopId, participantId) {
			const repo = hackathonRepo(deps);
			const hacks = repo.hacksOf(workshopId);
			const ids = new Set(hacks.map((h) => h.id));
			const teamName = (id: string) => repo.team(id)?.name ?? null;
			return {
				hackathonProfiles: [...repo.profilesOf(participantId)].filter(([h]) => ids.has(h)).map(([activityId, profile]) => ({ activityId, ...profile })),
				hackathonTeams: repo
					.membershipsOf(participantId)
					.filter((x) => ids.has(x.hackId))
					.map((x) => ({ teamId: x.teamId, team: teamName(x.teamId), joinedAt: x.joinedAt, showcase: x.showcase, showName: x.showName })),
				hackathonVotes: repo
					.votesOf(participantId)
					.filter((v) => ids.has(v.hackId))
					.map((v) => ({ activityId: v.hackId, teamId: v.teamId, team: teamName(v.teamId) }))
			};
		},
		erase(deps, workshopId, participantId, dirty) {
			// They leave their teams (the teams and their projects stay: others built them too), their profile and their
			// vote go; what they typed in project pages is erased by the core with every text of theirs.
			const repo = hackathonRepo(deps);
			const gone = repo.forgetParticipant(workshopId, participantId);
			for (const t of gone.teams) dirty.mark(BUCKET.teams, t);
			for (const h of gone.hacks) {
				dirty.mark(BUCKET.hacks, h);
				dirty.tallies.add(h);
			}
			return { removedItems: 0 };
		}
	},

	people: {
		counts(deps, workshopId, locale) {
			const teams = hackathonRepo(deps).peopleCounts(workshopId);
			const byParticipant = new Map<string, Record<string, number>>();
			for (const [id, n] of teams) byParticipant.set(id, { 'hackathon.teams': n });
			return { labels: [{ key: 'hackathon.teams', label: m.people_count_teams({}, { locale: localeOf(locale) }) }], byParticipant };
		}
	},

	// Its award rules and starter achievements (src/lib/features/hackathon/badges.ts).
	badges: { rules: HACKATHON_RULES, starter: HACKATHON_STARTER },

	// Teams, members, challenge, stage, scores per criterion and juror, awards: Markdown, CSV, JSON.
	// The jury page and the showcase speak the workshop's language to a first visitor without a language choice.
	links: {
		jury: (deps, token) => hackathonPages(deps).jurorByToken(token)?.workshopId ?? null,
		showcase: (deps, token) => hackathonPages(deps).showcaseWorkshop(token)
	},

	exports: {
		formats: hackathonSpec.exportFormats,
		render(deps, w, activity, format, opts) {
			const input = hackExportInput(deps, w, activity.id, opts);
			return input ? { body: renderFor(input, format as 'md' | 'csv' | 'json', opts), name: input.title } : null;
		}
	},

	// A project's page: `/yjs/<workshop>/text/<activityId>.<teamId>`. Its team and the staff write; everyone reads.
	texts: {
		access(deps, activity, teamId, who) {
			const repo = hackathonRepo(deps);
			const team = repo.team(teamId);
			if (!team || team.hackId !== activity.id) return null;
			const open = deps.repos.workshops.get(team.workshopId)?.status === 'open';
			if (who.role === 'facilitator') return open ? 'write' : 'read';
			if (who.role === 'participant' && open && repo.membersOf(team.id).some((x) => x.participantId === who.id)) return 'write';
			return 'read';
		},
		written(deps, activity, teamId, _who, dirty) {
			// An approved project whose text changed waits for the facilitator's approval again (the showcase keeps the approved text).
			const repo = hackathonRepo(deps);
			const team = repo.team(teamId);
			if (team && team.approvedAt !== null) {
				repo.updateTeam({ ...team, changedAt: Date.now() });
				dirty.mark(BUCKET.teams, team.id);
			}
			return { kind: 'hackathon.project.text_written', activityId: activity.id, subjectId: teamId };
		}
	}
};
