import { mulberry32 } from '../../domain/random';

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

/** Weights of the objective (see MATCH_WEIGHTS' use in teamValue); placing a person outweighs everything else. */
export const MATCH_WEIGHTS = {
	placed: 20,
	firstChoice: 3,
	otherChoice: 2,
	skill: 1,
	interest: 0.3,
	fillExisting: 0.2
} as const;

/** Size rules as the matching reads them: whole numbers, 1 <= min <= max. */
export function sizeRules(min: number, max: number): { min: number; max: number } {
	const hi = Math.max(1, Math.floor(Number.isFinite(max) ? max : 1));
	const lo = Math.min(hi, Math.max(1, Math.floor(Number.isFinite(min) ? min : 1)));
	return { min: lo, max: hi };
}

/** The people once each (first entry of a repeated id wins), in input order. */
export function uniquePeople(people: MatchPerson[]): MatchPerson[] {
	const seen = new Set<string>();
	return people.filter((p) => !seen.has(p.id) && (seen.add(p.id), true));
}

interface Team {
	existing: boolean;
	/** Index into the team list of the input for existing teams. */
	source: number;
	/** Index into challengeIds, -1 for none. */
	challenge: number;
	capacity: number;
	members: number[];
	skillCount: Int32Array;
	interestCount: Int32Array;
	distinct: number;
	overlap: number;
	pref: number;
}

/**
 * Forms or fills teams for the people who asked to be matched. Pure and deterministic for a seed. Invariants: every
 * person appears exactly once (joined, in a new team, or unmatched); no team exceeds `max` (existing members count);
 * every new team has between `min` and `max` members (when that cannot be done for everyone, the rest are unmatched
 * rather than put in a team under `min`); a new team's challenge is one of `challengeIds` (or null when there are
 * none).
 *
 * It maximises, in this order of weight (MATCH_WEIGHTS): people placed; people in a team whose challenge they wished
 * for (more for their first wish); distinct skills per team (existing members count); shared interests within a team;
 * and, slightly, filling the existing open teams. A greedy start (people with wishes first, in a seeded order, each
 * into the team or a new team of a wished challenge that adds the most), a repair of new teams under `min` (filled
 * from people who can move, or dissolved, whichever scores more), then a local search (moves, swaps and a new team's
 * challenge; threshold accepting, a fixed number of steps per person, no exp() and no clock, so the same seed gives
 * the same teams everywhere).
 */
export function matchTeams(input: MatchInput): MatchResult {
	const { min, max } = sizeRules(input.min, input.max);
	const people = uniquePeople(input.people);
	const random = mulberry32(input.seed);
	const P = people.length;
	const W = MATCH_WEIGHTS;

	const challengeIds = [...new Set(input.challengeIds)];
	const challengeIndex = new Map(challengeIds.map((c, i) => [c, i]));
	const skillIndex = new Map<string, number>();
	const interestIndex = new Map<string, number>();
	const intern = (map: Map<string, number>, xs: string[]) => [...new Set(xs.map((x) => map.get(x) ?? (map.set(x, map.size), map.size - 1)))];
	const skills = people.map((p) => intern(skillIndex, p.skills));
	const interests = people.map((p) => intern(interestIndex, p.interests));
	const baseSkills = input.teams.map((t) => t.members.map((m) => intern(skillIndex, m.skills)));
	const baseInterests = input.teams.map((t) => t.members.map((m) => intern(interestIndex, m.interests)));
	/** Wished challenge indices, most wanted first, unknown ones dropped. */
	const wishes = people.map((p) => [...new Set(p.challenges.filter((c) => challengeIndex.has(c)).map((c) => challengeIndex.get(c)!))]);
	const prefOf = (p: number, c: number) => {
		if (c < 0) return 0;
		const r = wishes[p].indexOf(c);
		return r < 0 ? 0 : r === 0 ? W.firstChoice : W.otherChoice;
	};

	const teams: Team[] = [];
	const makeTeam = (existing: boolean, source: number, challenge: number, capacity: number): Team => ({
		existing,
		source,
		challenge,
		capacity,
		members: [],
		skillCount: new Int32Array(skillIndex.size),
		interestCount: new Int32Array(interestIndex.size),
		distinct: 0,
		overlap: 0,
		pref: 0
	});
	input.teams.forEach((t, i) => {
		const team = makeTeam(true, i, t.challengeId === null ? -1 : (challengeIndex.get(t.challengeId) ?? -1), Math.max(0, max - t.members.length));
		for (const s of baseSkills[i]) for (const k of s) if (team.skillCount[k]++ === 0) team.distinct++;
		for (const s of baseInterests[i]) for (const k of s) if (team.interestCount[k]++ >= 1) team.overlap++;
		teams.push(team);
	});
	const where = new Int32Array(P).fill(-1);
	let placed = 0;

	const value = (t: Team) => t.pref + W.skill * t.distinct + W.interest * t.overlap + (t.existing ? W.fillExisting * t.members.length : 0);
	/** The change in the objective if p joined t. */
	const gainAdd = (p: number, t: Team) => {
		let d = prefOf(p, t.challenge) + W.placed + (t.existing ? W.fillExisting : 0);
		for (const k of skills[p]) if (t.skillCount[k] === 0) d += W.skill;
		for (const k of interests[p]) if (t.interestCount[k] >= 1) d += W.interest;
		return d;
	};
	/** The change in the objective if p left t. */
	const gainRemove = (p: number, t: Team) => {
		let d = -prefOf(p, t.challenge) - W.placed - (t.existing ? W.fillExisting : 0);
		for (const k of skills[p]) if (t.skillCount[k] === 1) d -= W.skill;
		for (const k of interests[p]) if (t.interestCount[k] >= 2) d -= W.interest;
		return d;
	};
	const add = (p: number, ti: number) => {
		const t = teams[ti];
		t.members.push(p);
		t.pref += prefOf(p, t.challenge);
		for (const k of skills[p]) if (t.skillCount[k]++ === 0) t.distinct++;
		for (const k of interests[p]) if (t.interestCount[k]++ >= 1) t.overlap++;
		where[p] = ti;
		placed++;
	};
	const remove = (p: number) => {
		const t = teams[where[p]];
		const i = t.members.indexOf(p);
		t.members[i] = t.members[t.members.length - 1];
		t.members.pop();
		t.pref -= prefOf(p, t.challenge);
		for (const k of skills[p]) if (--t.skillCount[k] === 0) t.distinct--;
		for (const k of interests[p]) if (--t.interestCount[k] >= 1) t.overlap--;
		where[p] = -1;
		placed--;
	};
	const setChallenge = (t: Team, c: number) => {
		t.challenge = c;
		t.pref = t.members.reduce((a, p) => a + prefOf(p, c), 0);
	};
	const hasRoom = (t: Team) => t.members.length < t.capacity;
	const live = (t: Team) => t.existing || t.members.length > 0;
	/** A new team's challenge for people without a usable wish: the challenge with the fewest teams so far. */
	const leastUsedChallenge = () => {
		if (challengeIds.length === 0) return -1;
		const used = new Int32Array(challengeIds.length);
		for (const t of teams) if (live(t) && t.challenge >= 0) used[t.challenge]++;
		let best = 0;
		for (let c = 1; c < used.length; c++) if (used[c] < used[best]) best = c;
		return best;
	};
	/** The best team with room for p (other than `except`), or -1. */
	const bestTeamFor = (p: number, except = -1) => {
		let best = -1;
		let bestGain = -Infinity;
		for (let ti = 0; ti < teams.length; ti++) {
			const t = teams[ti];
			if (ti === except || !live(t) || !hasRoom(t)) continue;
			const g = gainAdd(p, t);
			if (g > bestGain) {
				best = ti;
				bestGain = g;
			}
		}
		return { team: best, gain: bestGain };
	};

	// 1. Greedy start. People with wishes first (seeded order), then the others, who go where skills are missing.
	const order = Array.from({ length: P }, (_, i) => i);
	for (let i = P - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	order.sort((a, b) => Number(wishes[a].length === 0) - Number(wishes[b].length === 0));
	/** What opening a new team costs in the greedy start, so that teams fill before new ones open. */
	const OPEN_COST = W.skill * 1.5;
	for (const p of order) {
		const { team, gain } = bestTeamFor(p);
		const c = wishes[p].length > 0 ? wishes[p][0] : leastUsedChallenge();
		const openGain = W.placed + prefOf(p, c) + W.skill * skills[p].length - OPEN_COST;
		if (team >= 0 && gain >= openGain) add(p, team);
		else {
			teams.push(makeTeam(false, -1, c, max));
			add(p, teams.length - 1);
		}
	}

	// 2. New teams under min: fill them from people who can move (the unmatched first), or dissolve them, whichever
	// scores more; when neither keeps everyone placed, dissolve and leave the rest unmatched.
	const objective = () => {
		let v = W.placed * placed;
		for (const t of teams) v += value(t);
		return v;
	};
	const canLeave = (p: number) => where[p] < 0 || teams[where[p]].existing || teams[where[p]].members.length > min;
	const dissolve = (ti: number) => {
		const moved: [number, number][] = [];
		for (const p of [...teams[ti].members]) {
			remove(p);
			const { team } = bestTeamFor(p, ti);
			if (team >= 0) add(p, team);
			moved.push([p, team]);
		}
		return moved;
	};
	const fill = (ti: number) => {
		const t = teams[ti];
		const moved: [number, number][] = [];
		while (t.members.length < min) {
			let best = -1;
			let bestGain = -Infinity;
			for (let p = 0; p < P; p++) {
				if (where[p] === ti || !canLeave(p)) continue;
				const g = gainAdd(p, t) + (where[p] < 0 ? 0 : gainRemove(p, teams[where[p]]));
				if (g > bestGain) {
					best = p;
					bestGain = g;
				}
			}
			if (best < 0) return { moved, ok: false };
			moved.push([best, where[best]]);
			if (where[best] >= 0) remove(best);
			add(best, ti);
		}
		return { moved, ok: true };
	};
	const undoDissolve = (ti: number, moved: [number, number][]) => {
		for (const [p] of moved) {
			if (where[p] >= 0) remove(p);
			add(p, ti);
		}
	};
	const undoFill = (moved: [number, number][]) => {
		for (let i = moved.length - 1; i >= 0; i--) {
			const [p, from] = moved[i];
			remove(p);
			if (from >= 0) add(p, from);
		}
	};
	for (;;) {
		let ti = -1;
		for (let i = 0; i < teams.length; i++) {
			const n = teams[i].members.length;
			if (!teams[i].existing && n > 0 && n < min && (ti < 0 || n < teams[ti].members.length)) ti = i;
		}
		if (ti < 0) break;
		const before = placed;
		const dissolved = dissolve(ti);
		const afterDissolve = objective();
		const keptAll = placed === before;
		undoDissolve(ti, dissolved);
		const filled = fill(ti);
		if (filled.ok && (!keptAll || objective() >= afterDissolve)) continue;
		undoFill(filled.moved);
		dissolve(ti);
	}
	// People left over: new teams from them while they are enough, then any room left.
	for (;;) {
		const rest = [];
		for (let p = 0; p < P; p++) if (where[p] < 0) rest.push(p);
		if (rest.length < min) break;
		const votes = new Float64Array(challengeIds.length);
		for (const p of rest) wishes[p].forEach((c, r) => (votes[c] += r === 0 ? 2 : 1));
		let c = leastUsedChallenge();
		for (let k = 0; k < votes.length; k++) if (votes[k] > (c < 0 ? 0 : votes[c])) c = k;
		teams.push(makeTeam(false, -1, c, max));
		rest.sort((a, b) => prefOf(b, c) - prefOf(a, c) || a - b);
		for (const p of rest.slice(0, max)) add(p, teams.length - 1);
	}
	for (let p = 0; p < P; p++) {
		if (where[p] >= 0) continue;
		const { team } = bestTeamFor(p);
		if (team >= 0) add(p, team);
	}

	// 3. Local search: threshold accepting over moves, swaps and a new team's challenge, all within the size rules.
	const active = teams.map((_, i) => i).filter((i) => live(teams[i]));
	const fresh = active.filter((i) => !teams[i].existing);
	const steps = 150 * P;
	const threshold = 1.5;
	/** The teams of each challenge, kept up to date when a new team's challenge changes. */
	const byChallenge: number[][] = challengeIds.map(() => []);
	for (const ti of active) if (teams[ti].challenge >= 0) byChallenge[teams[ti].challenge].push(ti);
	/** A random team of a random wish of p's, or -1. */
	const wishedTeam = (p: number) => {
		if (wishes[p].length === 0) return -1;
		const list = byChallenge[wishes[p][Math.floor(random() * wishes[p].length)]];
		return list.length === 0 ? -1 : list[Math.floor(random() * list.length)];
	};
	if (P > 0 && active.length > 0)
		for (let step = 0; step < steps; step++) {
			const T = threshold * (1 - step / steps) ** 2;
			const r = random();
			if (r < 0.08 && fresh.length > 0 && challengeIds.length > 1) {
				const ti = fresh[Math.floor(random() * fresh.length)];
				const t = teams[ti];
				const c = Math.floor(random() * challengeIds.length);
				if (c === t.challenge) continue;
				let after = 0;
				for (const p of t.members) after += prefOf(p, c);
				if (after - t.pref > -T) {
					if (t.challenge >= 0) byChallenge[t.challenge].splice(byChallenge[t.challenge].indexOf(ti), 1);
					byChallenge[c].push(ti);
					setChallenge(t, c);
				}
				continue;
			}
			const p = Math.floor(random() * P);
			const from = where[p];
			const to = random() < 0.5 ? wishedTeam(p) : active[Math.floor(random() * active.length)];
			if (to < 0 || to === from) continue;
			const target = teams[to];
			if (hasRoom(target) && canLeave(p)) {
				const d = gainAdd(p, target) + (from < 0 ? 0 : gainRemove(p, teams[from]));
				if (d > -T) {
					if (from >= 0) remove(p);
					add(p, to);
				}
				continue;
			}
			if (target.members.length === 0) continue;
			// A swap with q of the target team (an unmatched p takes q's place and q becomes unmatched): both out,
			// then both priced into their places before and after.
			const q = target.members[Math.floor(random() * target.members.length)];
			const source = from < 0 ? null : teams[from];
			remove(q);
			if (source) remove(p);
			const delta = gainAdd(p, target) - gainAdd(q, target) + (source ? gainAdd(q, source) - gainAdd(p, source) : 0);
			const swap = delta > -T;
			add(swap ? p : q, to);
			if (source) add(swap ? q : p, from);
		}

	const joins: MatchResult['joins'] = [];
	const newTeams: MatchResult['newTeams'] = [];
	for (const t of teams) {
		if (t.existing) for (const p of [...t.members].sort((a, b) => a - b)) joins.push({ personId: people[p].id, teamId: input.teams[t.source].id });
		else if (t.members.length > 0)
			newTeams.push({ challengeId: t.challenge < 0 ? null : challengeIds[t.challenge], memberIds: [...t.members].sort((a, b) => a - b).map((p) => people[p].id) });
	}
	const unmatched = people.filter((_, p) => where[p] < 0).map((p) => p.id);
	return { joins, newTeams, unmatched };
}
