/** A participant who asked to be matched: their skills, interests and challenge wishes (most wanted first). */
export interface MatchPerson {
	id: string;
	skills: string[];
	interests: string[];
	challenges: string[];
}

/** A team that already exists, with its members' skills and interests. */
export interface MatchTeam {
	id: string;
	challengeId: string | null;
	members: { skills: string[]; interests: string[] }[];
}

export interface MatchInput {
	people: MatchPerson[];
	teams: MatchTeam[];
	/** The hackathon's challenge ids (a new team gets one of them, or null when there are none). */
	challengeIds: string[];
	/** Team size rules: no team over `max`; new teams of at least `min` where the people suffice. */
	min: number;
	max: number;
	seed: number;
}

export interface MatchResult {
	/** People put into existing teams. */
	joins: { personId: string; teamId: string }[];
	/** New teams, each with its challenge and members. */
	newTeams: { challengeId: string | null; memberIds: string[] }[];
	/** People the matching could not place within the rules (told so on their phone). */
	unmatched: string[];
}

/**
 * Forms or fills teams for the people who asked to be matched (PLACEHOLDER: the real implementation replaces this
 * file's body). Pure and deterministic for a seed. Invariants: every person appears exactly once (joined, in a new
 * team, or unmatched); no team exceeds `max` (existing members count); every new team has between `min` and `max`
 * members unless fewer than `min` people are left in total; a new team's challenge is one of `challengeIds` (or null
 * when there are none); it aims at skill coverage per team and at people getting a challenge they wished for.
 */
export function matchTeams(input: MatchInput): MatchResult {
	const joins: MatchResult['joins'] = [];
	const room = new Map(input.teams.map((t) => [t.id, input.max - t.members.length]));
	const rest: string[] = [];
	for (const p of input.people) {
		const t = input.teams.find((x) => (room.get(x.id) ?? 0) > 0);
		if (t) {
			joins.push({ personId: p.id, teamId: t.id });
			room.set(t.id, room.get(t.id)! - 1);
		} else rest.push(p.id);
	}
	const newTeams: MatchResult['newTeams'] = [];
	for (let i = 0; i + Math.max(1, input.min) <= rest.length; i += input.max) newTeams.push({ challengeId: input.challengeIds[0] ?? null, memberIds: rest.slice(i, i + input.max) });
	const placed = new Set(newTeams.flatMap((t) => t.memberIds));
	return { joins, newTeams, unmatched: rest.filter((id) => !placed.has(id)) };
}
