import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchTeams, type MatchInput, type MatchPerson, type MatchResult } from '$lib/features/hackathon/matching';
import { generateRoom, greedyAssign, matchMetrics, randomAssign } from '$lib/features/hackathon/matching-baselines';
import { SKILLS, INTERESTS } from '$lib/features/hackathon/domain';

const RUNS = { seed: 15, numRuns: 200 };
const person = (id: string, challenges: string[] = [], skills: string[] = [], interests: string[] = []): MatchPerson => ({ id, skills, interests, challenges });
const input = (people: MatchPerson[], over: Partial<MatchInput> = {}): MatchInput => ({ people, teams: [], challengeIds: ['c1', 'c2'], min: 1, max: 4, seed: 1, ...over });
const sizes = (r: MatchResult) => r.newTeams.map((t) => t.memberIds.length).sort((a, b) => a - b);
const everyone = (r: MatchResult) => [...r.joins.map((j) => j.personId), ...r.newTeams.flatMap((t) => t.memberIds), ...r.unmatched];

/** The rules every result must keep, checked from the input and the result alone. */
function checkRules(i: MatchInput, r: MatchResult) {
	const ids = [...new Set(i.people.map((p) => p.id))];
	const seen = everyone(r);
	expect([...seen].sort()).toEqual([...ids].sort());
	expect(new Set(seen).size).toBe(seen.length);
	const teams = new Map(i.teams.map((t) => [t.id, t]));
	const joined = new Map<string, number>();
	for (const j of r.joins) {
		expect(teams.has(j.teamId)).toBe(true);
		joined.set(j.teamId, (joined.get(j.teamId) ?? 0) + 1);
	}
	for (const [id, n] of joined) expect(teams.get(id)!.members.length + n).toBeLessThanOrEqual(i.max);
	for (const t of r.newTeams) {
		expect(t.memberIds.length).toBeGreaterThanOrEqual(i.min);
		expect(t.memberIds.length).toBeLessThanOrEqual(i.max);
		if (i.challengeIds.length === 0) expect(t.challengeId).toBeNull();
		else expect(i.challengeIds).toContain(t.challengeId);
	}
	// Nobody is left out while a team has room or they are enough to form one.
	if (r.unmatched.length > 0) {
		expect(r.unmatched.length).toBeLessThan(i.min);
		for (const t of i.teams) expect(t.members.length + (joined.get(t.id) ?? 0)).toBeGreaterThanOrEqual(i.max);
		for (const t of r.newTeams) expect(t.memberIds.length).toBe(i.max);
	}
}

describe('matchTeams', () => {
	it('gives an empty result for nobody', () => {
		expect(matchTeams(input([]))).toEqual({ joins: [], newTeams: [], unmatched: [] });
	});

	it('fills an open team of the challenge people wished for, and forms new teams for the others', () => {
		const teams = [
			{ id: 'tA', challengeId: 'c1', members: [{ skills: ['code'], interests: [] }] },
			{ id: 'tB', challengeId: 'c2', members: [{ skills: ['code'], interests: [] }] }
		];
		const people = [person('a', ['c1'], ['design']), person('b', ['c1'], ['video']), person('c', ['c3', 'c2'], ['data'])];
		const r = matchTeams(input(people, { teams, challengeIds: ['c1', 'c2', 'c3'], min: 2, max: 3 }));
		expect(r.joins).toEqual(expect.arrayContaining([{ personId: 'a', teamId: 'tA' }, { personId: 'b', teamId: 'tA' }, { personId: 'c', teamId: 'tB' }]));
		expect(r.newTeams).toEqual([]);
	});

	it('keeps new teams within [min, max] and leaves people unmatched only when the rules leave no way', () => {
		const seven = Array.from({ length: 7 }, (_, i) => person(`p${i}`, ['c1']));
		expect(sizes(matchTeams(input(seven, { min: 3, max: 4 })))).toEqual([3, 4]);
		const r = matchTeams(input(seven, { min: 4, max: 5 }));
		expect(sizes(r)).toEqual([5]);
		expect(r.unmatched).toHaveLength(2);
		const two = matchTeams(input(seven.slice(0, 2), { min: 3, max: 5 }));
		expect(two).toEqual({ joins: [], newTeams: [], unmatched: ['p0', 'p1'] });
	});

	it('never joins a full team, and never grows one already over max', () => {
		const full = { id: 'full', challengeId: 'c1', members: Array.from({ length: 5 }, () => ({ skills: [], interests: [] })) };
		const r = matchTeams(input([person('a', ['c1']), person('b', ['c1'])], { teams: [full], min: 1, max: 4 }));
		expect(r.joins).toEqual([]);
		expect(r.newTeams).toEqual([{ challengeId: 'c1', memberIds: ['a', 'b'] }]);
	});

	it('gives new teams no challenge when the hackathon has none, and ignores wishes for unknown challenges', () => {
		const r = matchTeams(input([person('a', ['nope']), person('b')], { challengeIds: [], min: 2 }));
		expect(r.newTeams).toEqual([{ challengeId: null, memberIds: ['a', 'b'] }]);
	});

	it('counts a repeated person once', () => {
		const r = matchTeams(input([person('a'), person('a'), person('b')], { min: 2 }));
		expect(everyone(r).sort()).toEqual(['a', 'b']);
	});

	it('spreads skills: two coders and two designers make two mixed teams', () => {
		const people = [person('c1', ['c1'], ['code']), person('c2', ['c1'], ['code']), person('d1', ['c1'], ['design']), person('d2', ['c1'], ['design'])];
		const r = matchTeams(input(people, { min: 2, max: 2 }));
		for (const t of r.newTeams) expect(t.memberIds.map((id) => id[0]).sort()).toEqual(['c', 'd']);
	});
});

describe('matchMetrics', () => {
	it('measures coverage, preference, first choice, placed and broken size rules', () => {
		const i = input([person('a', ['c1'], ['code']), person('b', ['c2', 'c1'], ['code', 'design']), person('c', [], ['video']), person('d', ['c2'])], {
			teams: [{ id: 't', challengeId: 'c2', members: [{ skills: ['data'], interests: [] }] }],
			min: 2,
			max: 2
		});
		const m = matchMetrics(i, { joins: [{ personId: 'd', teamId: 't' }], newTeams: [{ challengeId: 'c1', memberIds: ['a', 'b'] }, { challengeId: 'c1', memberIds: ['c'] }], unmatched: [] });
		// Teams: t (data), {a, b} (code, design), {c} (video): 1 + 2 + 1 distinct skills over 3 teams.
		expect(m).toEqual({ skillCoverage: 4 / 3, preference: 1, firstChoice: 2 / 3, placed: 1, teamsOverMax: 0, newTeamsUnderMin: 1 });
	});
});

// ---- Properties on seeded random rooms ----------------------------------------------------------------------------

const CHALLENGES = ['c1', 'c2', 'c3', 'c4', 'c5'];
const room: fc.Arbitrary<MatchInput> = fc
	.record({
		people: fc.array(
			fc.record({
				id: fc.integer({ min: 0, max: 60 }).map((n) => `p${n}`),
				skills: fc.subarray([...SKILLS], { maxLength: 3 }),
				interests: fc.subarray([...INTERESTS], { maxLength: 3 }),
				challenges: fc.uniqueArray(fc.constantFrom(...CHALLENGES, 'gone'), { maxLength: 3 })
			}),
			{ maxLength: 45 }
		),
		teams: fc.array(
			fc.record({
				challengeId: fc.option(fc.constantFrom(...CHALLENGES), { nil: null }),
				members: fc.array(fc.record({ skills: fc.subarray([...SKILLS], { maxLength: 3 }), interests: fc.subarray([...INTERESTS], { maxLength: 2 }) }), { maxLength: 7 })
			}),
			{ maxLength: 6 }
		),
		challenges: fc.integer({ min: 0, max: 5 }),
		min: fc.integer({ min: 1, max: 5 }),
		extra: fc.integer({ min: 0, max: 3 }),
		seed: fc.nat()
	})
	.map(({ people, teams, challenges, min, extra, seed }) => ({
		people,
		teams: teams.map((t, i) => ({ ...t, id: `t${i}` })),
		challengeIds: CHALLENGES.slice(0, challenges),
		min,
		max: min + extra,
		seed
	}));

describe('matchTeams properties', () => {
	it('places everyone exactly once within the size rules, with valid challenge and team ids', () => {
		fc.assert(
			fc.property(room, (i) => checkRules(i, matchTeams(i))),
			RUNS
		);
	});

	it('gives the same result for the same seed', () => {
		fc.assert(
			fc.property(room, (i) => {
				expect(matchTeams(structuredClone(i))).toEqual(matchTeams(i));
			}),
			RUNS
		);
	});

	it('the baselines keep who is placed consistent (every person once) and metrics see their broken rules', () => {
		fc.assert(
			fc.property(room, (i) => {
				for (const r of [randomAssign(i), greedyAssign(i)]) {
					const seen = everyone(r);
					expect([...seen].sort()).toEqual([...new Set(i.people.map((p) => p.id))].sort());
				}
				const r = randomAssign(i);
				expect(matchMetrics(i, r)).toMatchObject({ teamsOverMax: 0, newTeamsUnderMin: 0 });
			}),
			RUNS
		);
	});

	it('is never worse than random on preference, nor than greedy on skill coverage, over a fixed set of rooms', () => {
		const rooms = [...fc.sample(room, { seed: 15, numRuns: 150 }), ...[30, 100].flatMap((n) => [1, 2, 3].map((s) => generateRoom(n, s)))];
		const mean = (f: (i: MatchInput) => number) => rooms.reduce((a, i) => a + f(i), 0) / rooms.length;
		const matched = new Map(rooms.map((i) => [i, matchMetrics(i, matchTeams(i))]));
		expect(mean((i) => matched.get(i)!.preference)).toBeGreaterThanOrEqual(mean((i) => matchMetrics(i, randomAssign(i)).preference));
		expect(mean((i) => matched.get(i)!.placed)).toBeGreaterThanOrEqual(mean((i) => matchMetrics(i, randomAssign(i)).placed));
		const generated = rooms.slice(-6);
		const coverage = (f: (i: MatchInput) => MatchResult) => generated.reduce((a, i) => a + matchMetrics(i, f(i)).skillCoverage, 0);
		expect(coverage(matchTeams)).toBeGreaterThan(coverage(greedyAssign));
		for (const i of generated) checkRules(i, matchTeams(i));
	});
});
