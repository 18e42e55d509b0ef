// Baselines, generated rooms and metrics for the team matching: used by the benchmark (bench/micro/hackathon-matching.ts)
// and the tests only, never by the app.
import { mulberry32 } from '../../domain/random';
import { INTERESTS, SKILLS } from './domain';
import { sizeRules, uniquePeople, type MatchInput, type MatchPerson, type MatchResult } from './matching';

/** Free places of the existing teams, by team id (never below 0). */
const freePlaces = (input: MatchInput, max: number) => new Map(input.teams.map((t) => [t.id, Math.max(0, max - t.members.length)]));

/**
 * Random assignment within the size rules: the people in a seeded random order fill random free places of the
 * existing teams; the rest form new teams of sizes as even as possible within [min, max], each with a random
 * challenge; whoever is left (fewer than min) is unmatched.
 */
export function randomAssign(input: MatchInput): MatchResult {
	const { min, max } = sizeRules(input.min, input.max);
	const random = mulberry32(input.seed);
	const people = uniquePeople(input.people).map((p) => p.id);
	for (let i = people.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[people[i], people[j]] = [people[j], people[i]];
	}
	const free = freePlaces(input, max);
	const slots = input.teams.flatMap((t) => Array.from({ length: free.get(t.id)! }, () => t.id));
	for (let i = slots.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[slots[i], slots[j]] = [slots[j], slots[i]];
	}
	const joins = people.slice(0, slots.length).map((personId, i) => ({ personId, teamId: slots[i] }));
	const rest = people.slice(slots.length);
	const k = Math.ceil(rest.length / max);
	const newTeams: MatchResult['newTeams'] = [];
	let next = 0;
	if (k > 0 && Math.floor(rest.length / k) >= min)
		for (let i = 0; i < k; i++) {
			const size = Math.floor(rest.length / k) + (i < rest.length % k ? 1 : 0);
			const challengeId = input.challengeIds.length ? input.challengeIds[Math.floor(random() * input.challengeIds.length)] : null;
			newTeams.push({ challengeId, memberIds: rest.slice(next, (next += size)) });
		}
	else
		for (; next + min <= rest.length; next += Math.min(max, rest.length - next)) {
			const challengeId = input.challengeIds.length ? input.challengeIds[Math.floor(random() * input.challengeIds.length)] : null;
			newTeams.push({ challengeId, memberIds: rest.slice(next, next + Math.min(max, rest.length - next)) });
		}
	return { joins, newTeams, unmatched: rest.slice(next) };
}

/**
 * Greedy: each person in turn (input order) into the open team (existing or new) of their first wished challenge
 * with the most free places, else a new team of that challenge (of the first challenge when they wished none).
 * Takes no account of skills and may leave new teams under min (matchMetrics counts them).
 */
export function greedyAssign(input: MatchInput): MatchResult {
	const { max } = sizeRules(input.min, input.max);
	const valid = new Set(input.challengeIds);
	const free = freePlaces(input, max);
	const open = input.teams.map((t) => ({ id: t.id, challengeId: t.challengeId, existing: true, members: [] as string[] }));
	const joins: MatchResult['joins'] = [];
	for (const p of uniquePeople(input.people)) {
		const wish = p.challenges.find((c) => valid.has(c)) ?? null;
		const room = (t: (typeof open)[number]) => (t.existing ? free.get(t.id)! : max) - t.members.length;
		let best: (typeof open)[number] | null = null;
		for (const t of open) if ((wish === null || t.challengeId === wish) && room(t) > 0 && (!best || room(t) > room(best))) best = t;
		if (!best) open.push((best = { id: `new-${open.length}`, challengeId: wish ?? input.challengeIds[0] ?? null, existing: false, members: [] }));
		best.members.push(p.id);
		if (best.existing) joins.push({ personId: p.id, teamId: best.id });
	}
	return { joins, newTeams: open.filter((t) => !t.existing).map((t) => ({ challengeId: t.challengeId, memberIds: t.members })), unmatched: [] };
}

export interface MatchMetrics {
	/** Mean distinct skills per team over the teams touched (joined existing teams, with their members, and new teams). */
	skillCoverage: number;
	/** Of the people who wished for one of the challenges, the share placed in a team whose challenge they wished for. */
	preference: number;
	/** Of the people who wished for one of the challenges, the share placed in a team of their first wish. */
	firstChoice: number;
	/** Share of the people placed. */
	placed: number;
	/** Teams touched whose size (existing members count) is over max. */
	teamsOverMax: number;
	/** New teams under min. */
	newTeamsUnderMin: number;
}

/** How good a result is for an input (computed from the result alone, without the matching's own scores). */
export function matchMetrics(input: MatchInput, result: MatchResult): MatchMetrics {
	const { min, max } = sizeRules(input.min, input.max);
	const valid = new Set(input.challengeIds);
	// Wishes for challenges the hackathon does not have count as no wish.
	const people = new Map(uniquePeople(input.people).map((p) => [p.id, { ...p, challenges: p.challenges.filter((c) => valid.has(c)) }]));
	const touched: { challengeId: string | null; skills: string[][]; size: number; fresh: boolean; members: MatchPerson[] }[] = [];
	const existing = new Map(input.teams.map((t) => [t.id, t]));
	const joined = new Map<string, MatchPerson[]>();
	for (const j of result.joins) {
		const p = people.get(j.personId);
		if (p) (joined.get(j.teamId) ?? joined.set(j.teamId, []).get(j.teamId)!).push(p);
	}
	for (const [teamId, members] of joined) {
		const t = existing.get(teamId);
		if (t) touched.push({ challengeId: t.challengeId, skills: [...t.members.map((m) => m.skills), ...members.map((m) => m.skills)], size: t.members.length + members.length, fresh: false, members });
	}
	for (const t of result.newTeams) {
		const members = t.memberIds.map((id) => people.get(id)).filter((p): p is MatchPerson => !!p);
		touched.push({ challengeId: t.challengeId, skills: members.map((m) => m.skills), size: t.memberIds.length, fresh: true, members });
	}
	const wishing = [...people.values()].filter((p) => p.challenges.length > 0).length;
	let wished = 0;
	let first = 0;
	let placed = 0;
	for (const t of touched)
		for (const p of t.members) {
			placed++;
			if (t.challengeId !== null && p.challenges.includes(t.challengeId)) wished++;
			if (t.challengeId !== null && p.challenges[0] === t.challengeId) first++;
		}
	const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
	return {
		skillCoverage: share(touched.reduce((a, t) => a + new Set(t.skills.flat()).size, 0), touched.length),
		preference: share(wished, wishing),
		firstChoice: share(first, wishing),
		placed: share(placed, people.size),
		teamsOverMax: touched.filter((t) => t.size > max).length,
		newTeamsUnderMin: touched.filter((t) => t.fresh && t.size < min).length
	};
}

/**
 * A generated room of `n` people who asked to be matched: challenges (about one per 15 people, 3 to 12) with a
 * skewed popularity (weight 1/(k+1)), each person 1 to 3 skills and 1 to 3 interests drawn with a skew (the first
 * of each list most common), 0 to 3 wished challenges (one in ten none) drawn by popularity, and a few existing teams
 * of 1 to 3 members with a challenge and some free places; teams of 3 to 5.
 */
export function generateRoom(n: number, seed: number, sizes: { min: number; max: number } = { min: 3, max: 5 }): MatchInput {
	const random = mulberry32(seed * 7919 + n);
	const skewed = <T>(xs: readonly T[], count: number, power = 1) => {
		const weights = xs.map((_, k) => 1 / (k + 1) ** power);
		const out: T[] = [];
		while (out.length < Math.min(count, xs.length)) {
			let r = random() * weights.reduce((a, w, i) => a + (out.includes(xs[i]) ? 0 : w), 0);
			const i = weights.findIndex((w, j) => !out.includes(xs[j]) && (r -= w) <= 0);
			out.push(xs[i < 0 ? xs.findIndex((x) => !out.includes(x)) : i]);
		}
		return out;
	};
	const challengeIds = Array.from({ length: Math.max(3, Math.min(12, Math.round(n / 15))) }, (_, i) => `c${i + 1}`);
	const someone = () => ({ skills: skewed(SKILLS, 1 + Math.floor(random() * 3), 0.7), interests: skewed(INTERESTS, 1 + Math.floor(random() * 3), 0.7) });
	const people: MatchPerson[] = Array.from({ length: n }, (_, i) => ({
		id: `p${i + 1}`,
		...someone(),
		challenges: random() < 0.1 ? [] : skewed(challengeIds, 1 + Math.floor(random() * 3))
	}));
	const teams = Array.from({ length: 1 + Math.floor(n / 30) }, (_, i) => ({
		id: `t${i + 1}`,
		challengeId: skewed(challengeIds, 1)[0],
		members: Array.from({ length: 1 + Math.floor(random() * Math.min(3, sizes.max)) }, someone)
	}));
	return { people, teams, challengeIds, min: sizes.min, max: sizes.max, seed };
}
