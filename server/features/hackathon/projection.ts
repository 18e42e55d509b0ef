import { HACKATHON_MAPS } from '../../../src/lib/features/hackathon/info';
import type { ProjectContext } from '../../realtime/modules';
import { hackathonRepo, type Hack, type Member } from './repo';
import { BUCKET, hackView, jurorView, ranking, teamView } from './views';

/**
 * Writes the hackathon's maps of one room document (`hackathon.hacks`, `hackathon.teams`) for what changed: whole
 * hackathons (`dirty.full`: built, phase changed, removed), hackathon rows, single teams. Both documents hold every
 * team; the staff document adds member ids, consent counts and the showcase state, the jurors with their links, and
 * the ranking once judging is closed.
 */
export function projectHacks(ctx: ProjectContext) {
	const repo = hackathonRepo(ctx.deps);
	const hacksMap = ctx.map(HACKATHON_MAPS.hacks);
	const teamsMap = ctx.map(HACKATHON_MAPS.teams);
	const staff = ctx.audience === 'staff';
	const cache = new Map<string, Hack | null>();
	const hack = (id: string) => {
		if (!cache.has(id)) {
			const h = repo.hack(id);
			cache.set(id, h && h.workshopId === ctx.workshop.id ? h : null);
		}
		return cache.get(id)!;
	};
	const full = [...ctx.dirty.full].filter((id) => hack(id) || hacksMap.get(id) !== undefined);
	for (const id of new Set([...ctx.dirty.get(BUCKET.hacks), ...full])) {
		const h = hack(id);
		if (!h) {
			hacksMap.delete(id);
			continue;
		}
		const teams = repo.teamsOf(id);
		const members = repo.membersOfHack(id);
		const inTeam = new Set(members.map((x) => x.participantId));
		const queue = repo.matchQueue(id).filter((q) => h.settings.multiTeam || !inTeam.has(q.participantId)).length;
		let staffPart = null;
		if (staff) {
			const scored = new Set<string>();
			const perJurorTeam = new Map<string, number>();
			for (const s of repo.scoresOf(id)) perJurorTeam.set(`${s.jurorId}:${s.teamId}`, (perJurorTeam.get(`${s.jurorId}:${s.teamId}`) ?? 0) + 1);
			for (const [k, n] of perJurorTeam) if (n >= h.criteria.length) scored.add(k);
			staffPart = { jurors: repo.jurorsOf(id).map((j) => jurorView(j, teams, scored)), results: h.judgingClosedAt !== null ? ranking(repo, h, teams) : null };
		}
		hacksMap.set(id, hackView(h, repo.challengesOf(id), ctx.audience, staffPart, queue));
	}
	const fullSet = new Set(full);
	const byTeam = (list: Member[]) => {
		const out = new Map<string, Member[]>();
		for (const x of list) out.set(x.teamId, [...(out.get(x.teamId) ?? []), x]);
		return out;
	};
	for (const id of full) {
		const keep = new Set<string>();
		if (hack(id)) {
			const members = byTeam(repo.membersOfHack(id));
			const names = ctx.names([...members.values()].flat().map((x) => ({ authorId: x.participantId, authorRole: 'participant' })));
			for (const t of repo.teamsOf(id)) {
				keep.add(t.id);
				teamsMap.set(t.id, teamView(t, members.get(t.id) ?? [], names, ctx.audience));
			}
		}
		for (const key of teamsMap.keys()) if (!keep.has(key) && (teamsMap.get(key) as { activityId: string }).activityId === id) teamsMap.delete(key);
	}
	for (const id of ctx.dirty.get(BUCKET.teams)) {
		const t = repo.team(id);
		if (t && fullSet.has(t.hackId)) continue;
		if (!t || !hack(t.hackId)) {
			teamsMap.delete(id);
			continue;
		}
		const members = repo.membersOf(t.id);
		const names = ctx.names(members.map((x) => ({ authorId: x.participantId, authorRole: 'participant' })));
		teamsMap.set(id, teamView(t, members, names, ctx.audience));
	}
}
