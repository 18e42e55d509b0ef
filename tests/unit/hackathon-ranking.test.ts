import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceremonySteps, rankTeams, type JuryScore, type RankedTeam } from '$lib/features/hackathon/ranking';
import type { Criterion } from '$lib/features/hackathon/domain';

const RUNS = { seed: 15, numRuns: 300 };
const C = (id: string, weight = 1): Criterion => ({ id, name: id, weight });
/** Scores of one juror: team -> values per criterion (in the order of `criteria`). */
const juror = (jurorId: string, criteria: Criterion[], byTeam: Record<string, number[]>): JuryScore[] =>
	Object.entries(byTeam).flatMap(([teamId, values]) => values.map((value, i) => ({ jurorId, teamId, criterionId: criteria[i].id, value })));
const order = (r: RankedTeam[]) => r.map((t) => t.teamId);
const places = (r: RankedTeam[]) => Object.fromEntries(r.map((t) => [t.teamId, t.place]));

describe('rankTeams', () => {
	const one = [C('impact')];

	it('normalises per juror: z of the weighted average over the juror\'s teams, then the mean over jurors', () => {
		const criteria = [C('impact', 3), C('craft', 1)];
		// Juror a: weighted averages a=5, b=(3*3+1*1)/4=2.5, c=(1*3+5*1)/4=2 -> mean 3.1667, population sd 1.3123.
		const scores = juror('a', criteria, { a: [5, 5], b: [3, 1], c: [1, 5] });
		const r = rankTeams(['a', 'b', 'c'], criteria, scores);
		const avgs = [5, 2.5, 2];
		const m = avgs.reduce((x, y) => x + y) / 3;
		const sd = Math.sqrt(avgs.reduce((x, y) => x + (y - m) ** 2, 0) / 3);
		expect(order(r)).toEqual(['a', 'b', 'c']);
		expect(r.map((t) => t.place)).toEqual([1, 2, 3]);
		r.forEach((t, i) => {
			expect(t.normalised).toBeCloseTo((avgs[i] - m) / sd, 12);
			expect(t.raw).toBeCloseTo(avgs[i], 12);
			expect(t.jurors).toBe(1);
		});
		expect(r[1].perCriterion).toEqual({ impact: 3, craft: 1 });
	});

	it('a juror who gives everyone 5 contributes 0 and does not outweigh one who spreads scores', () => {
		const scores = [...juror('spread', one, { x: [4], y: [2], z: [3] }), ...juror('generous', one, { x: [5], y: [5], z: [5] })];
		const r = rankTeams(['x', 'y', 'z'], one, scores);
		expect(order(r)).toEqual(['x', 'z', 'y']);
		const z = 1 / Math.sqrt(2 / 3);
		expect(r[0].normalised).toBeCloseTo(z / 2, 12);
		expect(r[1].normalised).toBeCloseTo(0, 12);
		// Raw averages would put w first (4 from the generous juror alone, against 3.5 and 3): normalising is the point.
		const strict = [...juror('strict', one, { x: [2], y: [1] }), ...juror('generous', one, { x: [5], y: [5], w: [4] })];
		const s = rankTeams(['x', 'y', 'w'], one, strict);
		expect(order(s)).toEqual(['x', 'y', 'w']);
		expect(s.map((t) => t.raw)).toEqual([3.5, 3, 4]);
	});

	it('orders equal normalised scores by the raw average, and still equal ones share the place', () => {
		const byRaw = [...juror('a', one, { p: [5], q: [1] }), ...juror('b', one, { p: [2], q: [4] })];
		const r = rankTeams(['q', 'p'], one, byRaw);
		expect(r.map((t) => t.normalised)).toEqual([0, 0]);
		expect(order(r)).toEqual(['p', 'q']);
		expect(r.map((t) => t.place)).toEqual([1, 2]);
		const equal = [...juror('a', one, { p: [5], q: [1], s: [5] }), ...juror('b', one, { p: [1], q: [5], s: [5] })];
		const e = rankTeams(['s', 'q', 'p'], one, equal);
		expect(e.map((t) => [t.teamId, t.place])).toEqual([
			['s', 1],
			['p', 2],
			['q', 2]
		]);
	});

	it('puts teams nobody scored last, sharing a place, and counts only the given teams and criteria', () => {
		const scores = [
			...juror('a', one, { a: [4], b: [2] }),
			{ jurorId: 'a', teamId: 'a', criterionId: 'gone', value: 1 },
			{ jurorId: 'a', teamId: 'ghost', criterionId: 'impact', value: 5 },
			{ jurorId: 'b', teamId: 'ghost', criterionId: 'impact', value: 1 }
		];
		const r = rankTeams(['d', 'a', 'c', 'b'], one, scores);
		expect(r.map((t) => [t.teamId, t.place, t.jurors])).toEqual([
			['a', 1, 1],
			['b', 2, 1],
			['c', 3, 0],
			['d', 3, 0]
		]);
		expect(r[2]).toMatchObject({ normalised: null, raw: null, perCriterion: {} });
		expect(rankTeams([], one, scores)).toEqual([]);
		expect(rankTeams(['a', 'b'], one, []).map((t) => t.place)).toEqual([1, 1]);
	});

	it('gives a juror who scored one team a z of 0', () => {
		const r = rankTeams(['a', 'b'], one, [...juror('j1', one, { a: [5] }), ...juror('j2', one, { b: [1] })]);
		expect(r.map((t) => t.normalised)).toEqual([0, 0]);
		expect(order(r)).toEqual(['a', 'b']);
	});
});

describe('ceremonySteps', () => {
	it('reveals from the last place upward, shared places in one step, unscored teams left out', () => {
		const one = [C('impact')];
		const scores = [...juror('a', one, { a: [5], b: [3], c: [3], d: [1] })];
		const steps = ceremonySteps(rankTeams(['a', 'b', 'c', 'd', 'e'], one, scores));
		expect(steps.map((s) => [s.place, s.teamIds])).toEqual([
			[4, ['d']],
			[2, ['b', 'c']],
			[1, ['a']]
		]);
		expect(steps[1].score).toBeCloseTo(0, 12);
		expect(ceremonySteps([])).toEqual([]);
	});
});

// ---- Properties on seeded random juries -------------------------------------------------------------------------

interface Jury {
	teamIds: string[];
	criteria: Criterion[];
	scores: JuryScore[];
}
const TEAMS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];
const jury: fc.Arbitrary<Jury> = fc
	.record({
		teams: fc.integer({ min: 1, max: 8 }),
		weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
		jurors: fc.integer({ min: 1, max: 5 }),
		cells: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 4 }), { minLength: 8 * 4 * 5, maxLength: 8 * 4 * 5 })
	})
	.map(({ teams, weights, jurors, cells }) => {
		const criteria = weights.map((w, i) => C(`k${i}`, w));
		const scores: JuryScore[] = [];
		for (let j = 0; j < jurors; j++)
			for (let t = 0; t < teams; t++)
				for (let k = 0; k < criteria.length; k++) {
					const value = cells[(j * 8 + t) * 4 + k];
					if (value !== undefined) scores.push({ jurorId: `j${j}`, teamId: TEAMS[t], criterionId: criteria[k].id, value });
				}
		return { teamIds: TEAMS.slice(0, teams), criteria, scores };
	});

/** The method written out again for the test: normalised and raw per team, or null. */
function oracle({ teamIds, criteria, scores }: Jury): Map<string, { n: number; raw: number } | null> {
	const w = new Map(criteria.map((c) => [c.id, c.weight]));
	const perJuror = new Map<string, Map<string, { sum: number; weight: number }>>();
	for (const s of scores) {
		const m = perJuror.get(s.jurorId) ?? new Map();
		perJuror.set(s.jurorId, m);
		const cell = m.get(s.teamId) ?? { sum: 0, weight: 0 };
		m.set(s.teamId, { sum: cell.sum + w.get(s.criterionId)! * s.value, weight: cell.weight + w.get(s.criterionId)! });
	}
	const zs = new Map<string, { z: number; raw: number }[]>();
	for (const m of perJuror.values()) {
		const avg = [...m.entries()].map(([team, c]) => [team, c.sum / c.weight] as const);
		const mean = avg.reduce((a, [, v]) => a + v, 0) / avg.length;
		const sd = Math.sqrt(avg.reduce((a, [, v]) => a + (v - mean) ** 2, 0) / avg.length);
		for (const [team, v] of avg) zs.set(team, [...(zs.get(team) ?? []), { z: sd < 1e-9 ? 0 : (v - mean) / sd, raw: v }]);
	}
	return new Map(
		teamIds.map((t) => {
			const list = zs.get(t);
			return [t, list ? { n: list.reduce((a, x) => a + x.z, 0) / list.length, raw: list.reduce((a, x) => a + x.raw, 0) / list.length } : null];
		})
	);
}

/** For every pair of teams whose normalised scores differ clearly in both rankings, the same one comes first. */
function sameClearOrder(a: RankedTeam[], b: RankedTeam[]) {
	const pb = places(b);
	for (const x of a)
		for (const y of a) {
			if (x.normalised === null || y.normalised === null || x.normalised - y.normalised <= 1e-6) continue;
			expect(pb[x.teamId]).toBeLessThan(pb[y.teamId]);
		}
}

const shuffle = <T>(xs: T[], keys: number[]) => xs.map((x, i) => [x, keys[i % keys.length] + i / 1e6] as const).sort((p, q) => p[1] - q[1]).map(([x]) => x);

describe('rankTeams properties', () => {
	it('places are 1-based, non-decreasing, 1 + the teams strictly ahead; every team once; unscored teams last', () => {
		fc.assert(
			fc.property(jury, (j) => {
				const r = rankTeams(j.teamIds, j.criteria, j.scores);
				expect([...order(r)].sort()).toEqual([...j.teamIds].sort());
				r.forEach((t, i) => {
					expect(t.place).toBe(1 + r.filter((u) => u.place < t.place).length);
					if (i > 0) expect(t.place).toBeGreaterThanOrEqual(r[i - 1].place);
					if (i > 0 && r[i - 1].normalised === null) expect(t.normalised).toBeNull();
				});
				const scored = r.filter((t) => t.normalised !== null).length;
				for (const t of r) if (t.normalised === null) expect(t.place).toBe(scored + 1);
			}),
			RUNS
		);
	});

	it('agrees with the method written out independently, and orders by normalised score, then raw', () => {
		fc.assert(
			fc.property(jury, (j) => {
				const r = rankTeams(j.teamIds, j.criteria, j.scores);
				const o = oracle(j);
				for (const t of r) {
					const want = o.get(t.teamId)!;
					if (want === null) expect(t.normalised).toBeNull();
					else {
						expect(Math.abs(t.normalised! - want.n)).toBeLessThan(1e-9);
						expect(Math.abs(t.raw! - want.raw)).toBeLessThan(1e-9);
					}
				}
				for (let i = 1; i < r.length; i++) {
					const [a, b] = [r[i - 1], r[i]];
					if (a.normalised === null || b.normalised === null) continue;
					expect(a.normalised).toBeGreaterThanOrEqual(b.normalised - 1e-9);
					if (Math.abs(a.normalised - b.normalised) < 1e-12) expect(a.raw).toBeGreaterThanOrEqual(b.raw! - 1e-9);
					if (a.place === b.place) expect(Math.abs(a.raw! - b.raw!)).toBeLessThanOrEqual(2e-9);
				}
			}),
			RUNS
		);
	});

	it('does not depend on the order of teams, criteria or scores', () => {
		fc.assert(
			fc.property(jury, fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (j, keys) => {
				const base = rankTeams(j.teamIds, j.criteria, j.scores);
				expect(rankTeams(shuffle(j.teamIds, keys), shuffle(j.criteria, keys), shuffle(j.scores, keys))).toEqual(base);
			}),
			RUNS
		);
	});

	it('is unchanged when one juror adds a constant to all their scores or scales their spread', () => {
		fc.assert(
			fc.property(jury, fc.nat(4), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, 2, 3, 10), (j, pick, shift, scale) => {
				const base = rankTeams(j.teamIds, j.criteria, j.scores);
				const who = `j${pick}`;
				const moved = (f: (v: number) => number) => j.scores.map((s) => (s.jurorId === who ? { ...s, value: f(s.value) } : s));
				for (const changed of [moved((v) => v + shift), moved((v) => 3 + (v - 3) * scale)]) {
					const r = rankTeams(j.teamIds, j.criteria, changed);
					const n = new Map(r.map((t) => [t.teamId, t.normalised]));
					for (const t of base) {
						if (t.normalised === null) expect(n.get(t.teamId)).toBeNull();
						else expect(Math.abs(n.get(t.teamId)! - t.normalised)).toBeLessThan(1e-9);
					}
					sameClearOrder(base, r);
				}
			}),
			RUNS
		);
	});

	it('a juror who gives every team the same score does not change the order another juror\'s spread sets', () => {
		const full = fc.record({
			teams: fc.integer({ min: 1, max: 8 }),
			weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
			values: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 32, maxLength: 32 }),
			flat: fc.integer({ min: 1, max: 5 })
		});
		fc.assert(
			fc.property(full, ({ teams, weights, values, flat }) => {
				const criteria = weights.map((w, i) => C(`k${i}`, w));
				const ids = TEAMS.slice(0, teams);
				const spread = ids.flatMap((teamId, t) => criteria.map((c, k) => ({ jurorId: 'spread', teamId, criterionId: c.id, value: values[t * 4 + k] })));
				const same = ids.flatMap((teamId) => criteria.map((c) => ({ jurorId: 'same', teamId, criterionId: c.id, value: flat })));
				const alone = rankTeams(ids, criteria, spread);
				const both = rankTeams(ids, criteria, [...spread, ...same]);
				expect(both.map((t) => [t.teamId, t.place])).toEqual(alone.map((t) => [t.teamId, t.place]));
			}),
			RUNS
		);
	});

	it('ceremony steps go from the last scored place up to the first, each team of a step at that place', () => {
		fc.assert(
			fc.property(jury, (j) => {
				const r = rankTeams(j.teamIds, j.criteria, j.scores);
				const steps = ceremonySteps(r);
				const p = places(r);
				for (let i = 1; i < steps.length; i++) expect(steps[i].place).toBeLessThan(steps[i - 1].place);
				for (const s of steps) for (const t of s.teamIds) expect(p[t]).toBe(s.place);
				expect(steps.flatMap((s) => s.teamIds).sort()).toEqual(r.filter((t) => t.normalised !== null).map((t) => t.teamId).sort());
				if (steps.length) expect(steps[steps.length - 1].place).toBe(1);
			}),
			RUNS
		);
	});
});
