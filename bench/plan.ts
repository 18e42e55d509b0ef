// Quality and speed of the BarCamp planner (src/lib/features/barcamp/planner.ts), beside a greedy baseline and,
// on instances small enough, the exact optimum of an integer program solved by HiGHS (the `highs` package, a
// devDependency of this benchmark only).
// Run: npm run bench:plan [-- --sizes 10,15,20,30,40,60 --seeds 1,2,3,4,5 --ilp-max 20 --ilp-seconds 300 --compact]
// (--ilp-max: the largest instance given an exact optimum, at most 26; --compact: the compact integer program
// instead of the slot-set one, slow). Writes bench/results/plan-<timestamp>.md. A CPU benchmark: it reports,
// it asserts nothing, but stops if the planner or the integer program ever gives a grid that breaks a hard rule
// or whose score() differs from what they claim.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import loadHighs from 'highs';
import {
	plan,
	problems,
	score,
	type Placement,
	type PlanInstance,
	type PlanRoom,
	type PlanSession
} from '../src/lib/features/barcamp/planner';
import { mulberry32 } from '../src/lib/domain/random';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '10,15,20,30,40,60').split(',').map(Number);
const SEEDS = arg('seeds', '1,2,3,4,5').split(',').map(Number);
const ILP_MAX = Number(arg('ilp-max', '20'));
const ILP_SECONDS = Number(arg('ilp-seconds', '300'));
const COMPACT = process.argv.includes('--compact');
const PARTICIPANTS = 600;

/**
 * A BarCamp morning: 8 rooms from an aula of 120 to a quiet corner of 15, 8 slots, 600 participants in groups of
 * friends (1 to 6) who share a few favourites; session popularity Zipf-like; each person stars 3 to 8 sessions
 * (fewer if there are fewer); hosts are participants, a few host two sessions, a quarter of sessions have a co-host
 * from the proposer's group, half of the hosts star their own session.
 */
export function generate(n: number, seed: number): PlanInstance {
	const random = mulberry32(seed * 7919 + n);
	const pick = <T>(xs: T[]) => xs[(random() * xs.length) | 0];
	const rooms: PlanRoom[] = [
		{ id: 'aula', capacity: 120, features: ['projector'] },
		{ id: 'hall', capacity: 90, features: ['projector'] },
		{ id: 'lab', capacity: 60, features: ['projector', 'laptops'] },
		{ id: 'room-a', capacity: 50, features: ['projector'] },
		{ id: 'room-b', capacity: 40, features: [] },
		{ id: 'studio', capacity: 30, features: ['laptops'] },
		{ id: 'library', capacity: 25, features: ['quiet'] },
		{ id: 'corner', capacity: 15, features: ['quiet'] }
	];
	const slots = Array.from({ length: 8 }, (_, i) => {
		const h = 9 + i;
		return { id: `slot-${i + 1}`, start: `${h}:00`, end: `${h}:45` };
	});
	const people = Array.from({ length: PARTICIPANTS }, (_, i) => `p${String(i + 1).padStart(3, '0')}`);
	const groups: string[][] = [];
	for (let i = 0; i < people.length; ) {
		const size = 1 + ((random() * 6) | 0);
		groups.push(people.slice(i, i + size));
		i += size;
	}
	const ids = Array.from({ length: n }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
	// Zipf-like popularity over a random ranking of the sessions.
	const rank = [...ids].sort(() => random() - 0.5);
	const weight = new Map(rank.map((s, i) => [s, 1 / Math.pow(i + 1, 0.9)]));
	const totalWeight = [...weight.values()].reduce((a, b) => a + b, 0);
	const popular = () => {
		let x = random() * totalWeight;
		for (const s of rank) {
			x -= weight.get(s)!;
			if (x <= 0) return s;
		}
		return rank[rank.length - 1];
	};
	const proposers = people.filter(() => random() < 0.06);
	const groupOf = new Map<string, string[]>();
	for (const g of groups) for (const p of g) groupOf.set(p, g);
	const sessions: PlanSession[] = ids.map((id) => {
		const proposer = pick(proposers);
		const hosts = [proposer];
		const friends = groupOf.get(proposer)!.filter((p) => p !== proposer);
		if (friends.length > 0 && random() < 0.25) hosts.push(pick(friends));
		const u = random();
		const needs = u < 0.35 ? ['projector'] : u < 0.43 ? ['laptops'] : u < 0.48 ? ['quiet'] : u < 0.5 ? ['projector', 'laptops'] : [];
		return { id, hosts, needs };
	});
	const interest: Record<string, string[]> = {};
	for (const g of groups) {
		const taste = new Set<string>();
		const tasteSize = 2 + ((random() * 4) | 0);
		while (taste.size < Math.min(tasteSize, n)) taste.add(popular());
		for (const p of g) {
			const k = Math.min(n, 3 + ((random() * 6) | 0));
			const mine = new Set<string>();
			while (mine.size < k) mine.add(random() < 0.6 ? pick([...taste]) : popular());
			interest[p] = [...mine];
		}
	}
	for (const s of sessions) {
		for (const h of s.hosts) if (random() < 0.5 && !interest[h].includes(s.id)) interest[h].push(s.id);
	}
	return { rooms, slots, sessions, interest, seed };
}

/**
 * The baseline: pins first, then the most-starred session first into the largest free room that has its features
 * and where its hosts are free (the earliest such slot on a tie), whatever that does to the score.
 */
export function greedyBaseline(inst: PlanInstance): Placement[] {
	const stars = new Map(inst.sessions.map((s) => [s.id, 0]));
	for (const list of Object.values(inst.interest)) for (const s of new Set(list)) stars.set(s, stars.get(s)! + 1);
	const taken = new Set<string>();
	const busy = new Set<string>();
	const out: Placement[] = [];
	const put = (s: PlanSession, room: string, slot: string) => {
		out.push({ session: s.id, room, slot });
		taken.add(`${room}\u0000${slot}`);
		for (const h of s.hosts) busy.add(`${h}\u0000${slot}`);
	};
	for (const s of inst.sessions) if (s.pinned) put(s, s.pinned.room, s.pinned.slot);
	const rooms = [...inst.rooms].sort((a, b) => b.capacity - a.capacity);
	const order = inst.sessions.filter((s) => !s.pinned).sort((a, b) => stars.get(b.id)! - stars.get(a.id)! || (a.id < b.id ? -1 : 1));
	for (const s of order) {
		search: for (const r of rooms) {
			if (!s.needs.every((f) => r.features.includes(f))) continue;
			for (const t of inst.slots) {
				if (taken.has(`${r.id}\u0000${t.id}`) || s.hosts.some((h) => busy.has(`${h}\u0000${t.id}`))) continue;
				put(s, r.id, t.id);
				break search;
			}
		}
	}
	return out;
}

/**
 * The exact optimum, as a compact integer program (`--compact`; too slow beyond the smallest instances, see
 * docs/PERFORMANCE.md, kept as a cross-check of `slotSetOptimum`). x[s,r,t] = 1 if session s is in room r in slot t (only rooms with its
 * features; a pinned session only at its pin, fixed to 1). Participants with the same starred and hosted sessions
 * form one group g of weight w[g]; y[g,t] in [0,1] is "attendable in slot t":
 *   y[g,t] <= sum of x over the sessions g starred, in slot t   (starred something there)
 *   y[g,t] + sum of x over the sessions g hosts, in slot t <= 1  (hosts none there: the host rows below keep that
 *                                                                sum at 0 or 1, so this is exact)
 *   each session at most once; each cell at most one session; each host at most one session per slot.
 * Maximise sum w[g] y[g,t] - sum overflow(s,r) x[s,r,t] (overflow is a constant per session and room).
 */
async function compactOptimum(inst: PlanInstance): Promise<Optimum> {
	const highs = await loadHighs();
	const stars = new Map(inst.sessions.map((s) => [s.id, new Set<string>()]));
	for (const [p, list] of Object.entries(inst.interest)) for (const s of list) stars.get(s)!.add(p);
	const R = inst.rooms.length;
	const T = inst.slots.length;
	const si = new Map(inst.sessions.map((s, i) => [s.id, i]));
	const x = (s: number, r: number, t: number) => `x_${s}_${r}_${t}`;
	// Without pins all slots are alike, so any grid can have its slots renumbered in the order in which the
	// sessions, most-starred first, first appear in them: then the k-th session (from 0) is in a slot <= k.
	// Cutting those 8! relabellings of every grid is what lets the solver finish.
	const symmetric = inst.sessions.every((s) => !s.pinned);
	const rank = new Map(
		[...inst.sessions]
			.sort((a, b) => stars.get(b.id)!.size - stars.get(a.id)!.size || (a.id < b.id ? -1 : 1))
			.map((s, i) => [s.id, i])
	);
	const cells: { s: number; r: number; t: number }[] = [];
	inst.sessions.forEach((s, i) => {
		inst.rooms.forEach((room, r) => {
			if (!s.needs.every((f) => room.features.includes(f))) return;
			for (let t = 0; t < T; t++) {
				if (symmetric && t > rank.get(s.id)!) continue;
				if (s.pinned && (s.pinned.room !== room.id || s.pinned.slot !== inst.slots[t].id)) continue;
				cells.push({ s: i, r, t });
			}
		});
	});
	const inSlot = (sessions: number[], t: number) =>
		cells.filter((c) => c.t === t && sessions.includes(c.s)).map((c) => x(c.s, c.r, c.t));

	const hosted = new Map<string, number[]>();
	inst.sessions.forEach((s, i) => {
		for (const h of new Set(s.hosts)) hosted.set(h, [...(hosted.get(h) ?? []), i]);
	});
	const groups = new Map<string, { starred: number[]; hosts: number[]; weight: number }>();
	for (const [p, list] of Object.entries(inst.interest)) {
		const starred = [...new Set(list)].map((s) => si.get(s)!).sort((a, b) => a - b);
		if (starred.length === 0) continue;
		const hosts = hosted.get(p) ?? [];
		const key = `${starred.join(',')}|${hosts.join(',')}`;
		const g = groups.get(key);
		if (g) g.weight++;
		else groups.set(key, { starred, hosts, weight: 1 });
	}

	const objective: string[] = [];
	const rows: string[] = [];
	const bounds: string[] = [];
	const overflow = (s: number, r: number) => Math.max(0, stars.get(inst.sessions[s].id)!.size - inst.rooms[r].capacity);
	for (const c of cells) {
		const ov = overflow(c.s, c.r);
		if (ov > 0) objective.push(`- ${ov} ${x(c.s, c.r, c.t)}`);
	}
	let gi = 0;
	for (const g of groups.values()) {
		for (let t = 0; t < T; t++) {
			const y = `y_${gi}_${t}`;
			const starredHere = inSlot(g.starred, t);
			if (starredHere.length === 0) continue;
			objective.push(`+ ${g.weight} ${y}`);
			bounds.push(`0 <= ${y} <= 1`);
			rows.push(`${y} - ${starredHere.join(' - ')} <= 0`);
			const hostedHere = inSlot(g.hosts, t);
			if (hostedHere.length > 0) rows.push(`${y} + ${hostedHere.join(' + ')} <= 1`);
		}
		gi++;
	}
	inst.sessions.forEach((s, i) => {
		const mine = cells.filter((c) => c.s === i).map((c) => x(c.s, c.r, c.t));
		if (mine.length > 0) rows.push(`${mine.join(' + ')} ${s.pinned ? '=' : '<='} 1`);
	});
	for (let r = 0; r < R; r++) {
		for (let t = 0; t < T; t++) {
			const here = cells.filter((c) => c.r === r && c.t === t).map((c) => x(c.s, c.r, c.t));
			if (here.length > 1) rows.push(`${here.join(' + ')} <= 1`);
		}
	}
	for (const list of hosted.values()) {
		if (list.length < 2) continue;
		for (let t = 0; t < T; t++) {
			const here = inSlot(list, t);
			if (here.length > 1) rows.push(`${here.join(' + ')} <= 1`);
		}
	}
	const lp = [
		'Maximize',
		` obj: ${objective.join(' ').replace(/^\+ /, '') || '0 dummy'}`,
		'Subject To',
		...rows.map((row, i) => ` c${i}: ${row}`),
		'Bounds',
		...bounds.map((b) => ` ${b}`),
		'Binary',
		` ${cells.map((c) => x(c.s, c.r, c.t)).join(' ')}`,
		'End'
	].join('\n');
	const started = performance.now();
	const result = highs.solve(lp, { output_flag: false, time_limit: ILP_SECONDS, mip_rel_gap: 0, threads: 1 });
	const seconds = (performance.now() - started) / 1000;
	const placements: Placement[] = [];
	if ('Columns' in result) {
		for (const c of cells) {
			const col = result.Columns[x(c.s, c.r, c.t)];
			if (col && 'Primal' in col && col.Primal > 0.5) placements.push({ session: inst.sessions[c.s].id, room: inst.rooms[c.r].id, slot: inst.slots[c.t].id });
		}
	}
	const value = result.Status === 'Optimal' ? Math.round(result.ObjectiveValue) : null;
	return { value, placements, seconds, status: result.Status, columns: cells.length };
}

type Optimum = { value: number | null; placements: Placement[]; seconds: number; status: string; columns: number };

/** Splits a long sum over several lines (the LP format allows that; very long lines are hard to read back). */
const wrap = (terms: string[]) => terms.map((t, i) => (i > 0 && i % 40 === 0 ? `\n   ${t}` : t)).join(' ');

/**
 * The exact optimum, as a set-packing integer program over slot contents. Without pins every slot is alike, so a
 * grid is at most T disjoint sets of sessions, one per slot, and its score is the sum of a value per set:
 *   v(S) = (participants who starred a session of S and host none of S) - (least overflow of S in the rooms),
 * the least overflow being an assignment of S's sessions to distinct rooms that have their features (exact, by
 * dynamic programming over the subsets of rooms); S is possible only if no two of its sessions share a host and
 * such an assignment exists. A set S with v(S) <= v(S minus one session) is left out (that smaller set does at
 * least as well and frees the session). Then: maximise sum v(S) l[S] over binary l with every session in at most
 * one chosen set and at most T sets chosen. Its LP relaxation is tight, unlike the compact model's.
 */
export async function slotSetOptimum(inst: PlanInstance): Promise<Optimum> {
	if (inst.sessions.some((s) => s.pinned)) throw new Error('slotSetOptimum assumes an instance without pins');
	const n = inst.sessions.length;
	if (n > 26) throw new Error('slotSetOptimum enumerates 2^n sets: at most 26 sessions');
	const R = inst.rooms.length;
	const T = inst.slots.length;
	const started = performance.now();
	const index = new Map(inst.sessions.map((s, i) => [s.id, i]));
	const starredMask = new Map<string, number>();
	const hostedMask = new Map<string, number>();
	for (const [p, list] of Object.entries(inst.interest)) {
		for (const s of list) starredMask.set(p, (starredMask.get(p) ?? 0) | (1 << index.get(s)!));
	}
	inst.sessions.forEach((s, i) => {
		for (const h of s.hosts) hostedMask.set(h, (hostedMask.get(h) ?? 0) | (1 << i));
	});
	const groups = new Map<string, { a: number; h: number; w: number }>();
	for (const [p, a] of starredMask) {
		const h = hostedMask.get(p) ?? 0;
		const key = `${a}:${h}`;
		const g = groups.get(key);
		if (g) g.w++;
		else groups.set(key, { a, h, w: 1 });
	}
	const ga = Int32Array.from([...groups.values()].map((g) => g.a));
	const gh = Int32Array.from([...groups.values()].map((g) => g.h));
	const gw = Int32Array.from([...groups.values()].map((g) => g.w));
	const count = inst.sessions.map((s) => [...starredMask.values()].filter((m) => m & (1 << index.get(s.id)!)).length);
	const cost = inst.sessions.map((s, i) =>
		inst.rooms.map((r) => (s.needs.every((f) => r.features.includes(f)) ? Math.max(0, count[i] - r.capacity) : Infinity))
	);
	const clash = inst.sessions.map((s, i) =>
		inst.sessions.reduce((m, o, j) => (j !== i && o.hosts.some((h) => s.hosts.includes(h)) ? m | (1 << j) : m), 0)
	);

	const roomMasks = 1 << R;
	const dp = new Float64Array(roomMasks);
	const choice = new Int8Array(roomMasks);
	const members = (mask: number) => [...Array(n).keys()].filter((i) => mask & (1 << i));
	/** Least overflow of the sessions of `mask` in distinct fitting rooms, and the rooms (Infinity if none). */
	const assign = (list: number[]): { overflow: number; rooms: number[] } => {
		dp.fill(Infinity);
		dp[0] = 0;
		for (let rm = 1; rm < roomMasks; rm++) {
			let k = 0;
			for (let x = rm; x; x &= x - 1) k++;
			if (k > list.length) continue;
			const s = list[k - 1];
			for (let r = 0; r < R; r++) {
				if (!(rm & (1 << r))) continue;
				const v = dp[rm ^ (1 << r)] + cost[s][r];
				if (v < dp[rm]) {
					dp[rm] = v;
					choice[rm] = r;
				}
			}
		}
		let best = Infinity;
		let at = -1;
		for (let rm = 0; rm < roomMasks; rm++) {
			let k = 0;
			for (let x = rm; x; x &= x - 1) k++;
			if (k === list.length && dp[rm] < best) {
				best = dp[rm];
				at = rm;
			}
		}
		const rooms: number[] = [];
		for (let rm = at, k = list.length; k > 0; k--) {
			rooms[k - 1] = choice[rm];
			rm ^= 1 << choice[rm];
		}
		return { overflow: best, rooms };
	};

	const value = new Float64Array(1 << n).fill(-Infinity);
	value[0] = 0;
	const kept: number[] = [];
	for (let mask = 1; mask < 1 << n; mask++) {
		const low = mask & -mask;
		const rest = mask ^ low;
		const s = 31 - Math.clz32(low);
		if (value[rest] === -Infinity || clash[s] & rest) continue;
		const list = members(mask);
		if (list.length > R) continue;
		const overflow = assign(list).overflow;
		if (overflow === Infinity) continue;
		let attendable = 0;
		for (let g = 0; g < ga.length; g++) if (ga[g] & mask && !(gh[g] & mask)) attendable += gw[g];
		value[mask] = attendable - overflow;
		if (list.every((i) => value[mask] > value[mask ^ (1 << i)])) kept.push(mask);
	}

	const l = (mask: number) => `l${mask}`;
	const rows: string[] = [];
	for (let i = 0; i < n; i++) {
		const mine = kept.filter((m) => m & (1 << i)).map(l);
		if (mine.length > 1) rows.push(`${wrap(mine.join(' + ').split(' '))} <= 1`);
	}
	if (kept.length > T) rows.push(`${wrap(kept.map(l).join(' + ').split(' '))} <= ${T}`);
	const lp = [
		'Maximize',
		` obj: ${kept.length ? wrap(kept.map((m) => `${value[m]} ${l(m)}`).join(' + ').split(' ')) : '0 l0'}`,
		'Subject To',
		...(rows.length ? rows.map((row, i) => ` c${i}: ${row}`) : [' c0: l0 <= 0']),
		'Binary',
		...(kept.length ? [` ${wrap(kept.map(l))}`] : [' l0']),
		'End'
	].join('\n');
	const highs = await loadHighs();
	const result = highs.solve(lp, { output_flag: false, time_limit: ILP_SECONDS, mip_rel_gap: 0, threads: 1 });
	const seconds = (performance.now() - started) / 1000;
	const placements: Placement[] = [];
	if ('Columns' in result) {
		const chosen = kept.filter((m) => {
			const col = result.Columns[l(m)];
			return col && 'Primal' in col && col.Primal > 0.5;
		});
		chosen.forEach((mask, t) => {
			const list = members(mask);
			const { rooms } = assign(list);
			list.forEach((s, k) => placements.push({ session: inst.sessions[s].id, room: inst.rooms[rooms[k]].id, slot: inst.slots[t].id }));
		});
	}
	const value_ = result.Status === 'Optimal' ? Math.round(result.ObjectiveValue) : null;
	return { value: value_, placements, seconds, status: result.Status, columns: kept.length };
}

interface Row {
	n: number;
	seed: number;
	planner: { attendable: number; overflow: number; total: number };
	bestOfSeeds: number;
	greedy: number;
	optimum: number | null;
	ms: number;
}

const percent = (a: number, b: number) => `${((100 * a) / b).toFixed(2)} %`;

async function main() {
	const startedAt = new Date();
	const load = loadavg().map((l) => l.toFixed(2)).join(' ');
	console.log(`load average at start: ${load}`);
	// The very first call pays for the JIT: measured once, apart.
	const cold = generate(60, 999);
	let t0 = performance.now();
	plan(cold);
	const coldMs = performance.now() - t0;
	console.log(`first call in the process (60 sessions, cold JIT): ${coldMs.toFixed(0)} ms`);

	const rows: Row[] = [];
	const header =
		'| sessions | seed | planner: total (attendable - overflow) | best of 8 planner seeds | greedy | optimum | planner / optimum | planner ms | exact s (sets) |';
	const rule = '|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
	console.log(header);
	console.log(rule);
	const lines: string[] = [];
	for (const n of SIZES) {
		for (const seed of SEEDS) {
			const inst = generate(n, seed);
			const times: number[] = [];
			let result = plan(inst);
			for (let i = 0; i < 3; i++) {
				t0 = performance.now();
				result = plan(inst);
				times.push(performance.now() - t0);
			}
			times.sort((a, b) => a - b);
			const broken = problems(inst, result.placements).filter((p) => p.kind !== 'over_capacity');
			if (broken.length > 0) throw new Error(`the planner broke a hard rule: ${JSON.stringify(broken[0])}`);
			if (score(inst, result.placements).total !== result.score.total) throw new Error('plan().score disagrees with score()');
			let bestOfSeeds = -Infinity;
			for (let k = 1; k <= 8; k++) bestOfSeeds = Math.max(bestOfSeeds, plan({ ...inst, seed: k }).score.total);
			const greedy = score(inst, greedyBaseline(inst)).total;
			let optimumValue: number | null = null;
			let exact = '—';
			if (n <= ILP_MAX) {
				const o = COMPACT ? await compactOptimum(inst) : await slotSetOptimum(inst);
				if (o.placements.length > 0) {
					// The integer program's own grid, checked and scored by the planner's problems() and score(): this
					// checks the formulation against the objective as the planner computes it.
					const broken = problems(inst, o.placements).filter((p) => p.kind !== 'over_capacity');
					if (broken.length > 0) throw new Error(`the ILP grid breaks a rule: ${JSON.stringify(broken[0])}`);
					const check = score(inst, o.placements).total;
					if (o.value !== null && check !== o.value) throw new Error(`ILP objective ${o.value} but its grid scores ${check}`);
				}
				optimumValue = o.value;
				exact = `${o.seconds.toFixed(1)} (${o.columns.toLocaleString('en')}${o.value === null ? `, ${o.status}` : ''})`;
			}
			rows.push({ n, seed, planner: result.score, bestOfSeeds, greedy, optimum: optimumValue, ms: times[1] });
			const { attendable, overflow, total } = result.score;
			const line = `| ${n} | ${seed} | ${total} (${attendable} - ${overflow}) | ${bestOfSeeds} | ${greedy} | ${optimumValue ?? '—'} | ${optimumValue === null ? '—' : percent(total, optimumValue)} | ${times[1].toFixed(0)} | ${exact} |`;
			lines.push(line);
			console.log(line);
		}
	}

	const known = rows.filter((r) => r.optimum !== null);
	const worst = known.length ? known.reduce((a, b) => (a.planner.total / a.optimum! <= b.planner.total / b.optimum! ? a : b)) : null;
	const atOptimum = known.filter((r) => r.planner.total === r.optimum).length;
	const belowGreedy = rows.filter((r) => r.planner.total < r.greedy);
	const margin = rows.map((r) => r.planner.total - r.greedy);
	const unknown = rows.filter((r) => r.optimum === null);
	const worstSeeds = unknown.length ? Math.min(...unknown.map((r) => r.planner.total / r.bestOfSeeds)) : null;
	const largest = Math.max(...SIZES);
	const slowest = Math.max(...rows.filter((r) => r.n === largest).map((r) => r.ms));
	const summary = [
		`- exact optimum known for ${known.length} of ${rows.filter((r) => r.n <= ILP_MAX).length} instances with at most ${ILP_MAX} sessions; the planner found it on ${atOptimum}; worst planner / optimum ${worst ? `${percent(worst.planner.total, worst.optimum!)} (${worst.n} sessions, seed ${worst.seed})` : '—'} (goal >= 99 %)`,
		`- planner below greedy on ${belowGreedy.length} of ${rows.length} instances (goal 0); planner - greedy from ${Math.min(...margin)} to ${Math.max(...margin)}`,
		`- larger instances, no optimum known: worst planner / best of 8 planner seeds ${worstSeeds === null ? '—' : percent(worstSeeds, 1)}`,
		`- ${largest} sessions: slowest median of 3 runs ${slowest.toFixed(0)} ms; first call in the process (cold JIT) ${coldMs.toFixed(0)} ms (goal < 1000 ms)`
	];
	const loadEnd = loadavg().map((l) => l.toFixed(2)).join(' ');
	const md = [
		`# BarCamp planner benchmark, ${startedAt.toISOString()}`,
		'',
		`\`npm run bench:plan -- --sizes ${SIZES.join(',')} --seeds ${SEEDS.join(',')} --ilp-max ${ILP_MAX} --ilp-seconds ${ILP_SECONDS}${COMPACT ? ' --compact' : ''}\``,
		'',
		`8 rooms, 8 slots, ${PARTICIPANTS} participants; load average ${load} at the start, ${loadEnd} at the end; Node ${process.version}.`,
		'planner ms: median of 3 runs after one warm-up run on the same instance. exact s: enumerating the slot sets and',
		'HiGHS (one thread), wall time, and the number of sets the integer program chose from.',
		'',
		header,
		rule,
		...lines,
		'',
		...summary,
		''
	].join('\n');
	console.log('');
	console.log(summary.join('\n'));
	const dir = fileURLToPath(new URL('./results/', import.meta.url));
	mkdirSync(dir, { recursive: true });
	const file = `${dir}plan-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}.md`;
	writeFileSync(file, md);
	console.log(`\nwritten to ${file}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
