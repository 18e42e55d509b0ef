import type { Stage } from '../../domain';
import type { CeremonyPlace, CeremonyView, ChallengeView, TeamView } from '../../views';

/** Time left as the projector shows it: "1:05:09" with hours, "04:59" under an hour (never negative; whole seconds, rounded up). */
export function countdownText(ms: number): string {
	const t = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(t / 3600);
	const mm = Math.floor((t % 3600) / 60);
	const ss = t % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

/** One column of the projector's board: a stage with the teams at it (in the order given). */
export interface StageColumn {
	stage: Stage;
	teams: TeamView[];
}

/** The teams by stage, one column per stage in the hackathon's order; a team at an unknown stage counts at the first. */
export function stageColumns(stages: Stage[], teams: TeamView[]): StageColumn[] {
	const cols = stages.map((stage) => ({ stage, teams: [] as TeamView[] }));
	if (!cols.length) return cols;
	const at = new Map(cols.map((c) => [c.stage.id, c]));
	for (const t of teams) (at.get(t.stageId) ?? cols[0]).teams.push(t);
	return cols;
}

/** How many teams submitted, of how many. */
export function submissions(teams: TeamView[]): { n: number; total: number } {
	return { n: teams.filter((t) => t.submittedAt !== null).length, total: teams.length };
}

/** How many pages a board needs when each column shows `perPage` names (null: everything fits, one page). */
export function pageCount(longest: number, perPage: number | null): number {
	if (perPage === null || longest <= perPage) return 1;
	return Math.ceil(longest / Math.max(1, perPage));
}

/** Whether the item at `index` shows on `page` when each page holds `perPage` (null: all show). */
export function onPage(index: number, page: number, perPage: number | null): boolean {
	if (perPage === null) return true;
	const p = Math.max(1, perPage);
	return index >= page * p && index < (page + 1) * p;
}

/** A revealed step of the ceremony with the teams' names and project titles for the screen. */
export interface RevealedPlace {
	kind: 'jury' | 'audience';
	/** The jury place (0 for the audience award). */
	place: number;
	/** Several teams share the place. */
	shared: boolean;
	score: number | null;
	votes: number | null;
	teams: { id: string; name: string; title: string; challenge: string | null }[];
}

/** What the ceremony shows now: the title card (nothing revealed), the newest reveal, and the earlier ones (best place first). */
export interface CeremonyScreen {
	titleCard: boolean;
	newest: RevealedPlace | null;
	earlier: RevealedPlace[];
}

function teamsOf(ids: string[], teams: Map<string, TeamView>, challenges: Map<string, ChallengeView>) {
	return ids.map((id) => {
		const t = teams.get(id);
		const c = t?.challengeId ? challenges.get(t.challengeId) : undefined;
		return { id, name: t?.name ?? '', title: t?.project.title ?? '', challenge: c?.title ?? null };
	});
}

/**
 * The ceremony's screen from what the room's document has revealed: at step 0 (or before the ceremony starts) the
 * title card; then the newest reveal large (the audience award once it is out, else the best jury place so far) and
 * the places revealed before it, best first.
 */
export function ceremonyScreen(ceremony: CeremonyView | null, teamList: TeamView[], challengeList: ChallengeView[]): CeremonyScreen {
	if (!ceremony || (ceremony.step === 0 && ceremony.revealed.length === 0 && !ceremony.audience)) return { titleCard: true, newest: null, earlier: [] };
	const teams = new Map(teamList.map((t) => [t.id, t]));
	const challenges = new Map(challengeList.map((c) => [c.id, c]));
	const jury = ceremony.revealed.map(
		(p: CeremonyPlace): RevealedPlace => ({ kind: 'jury', place: p.place, shared: p.teamIds.length > 1, score: p.score, votes: null, teams: teamsOf(p.teamIds, teams, challenges) })
	);
	const audience: RevealedPlace | null = ceremony.audience
		? { kind: 'audience', place: 0, shared: ceremony.audience.teamIds.length > 1, score: null, votes: ceremony.audience.votes, teams: teamsOf(ceremony.audience.teamIds, teams, challenges) }
		: null;
	// Places come from the last upward: the newest jury reveal is the last one in the list (the best so far).
	const byPlace = (a: RevealedPlace, b: RevealedPlace) => a.place - b.place;
	if (audience) return { titleCard: false, newest: audience, earlier: [...jury].sort(byPlace) };
	if (!jury.length) return { titleCard: true, newest: null, earlier: [] };
	const newest = jury[jury.length - 1];
	return { titleCard: false, newest, earlier: jury.slice(0, -1).sort(byPlace) };
}
