import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	parseInstance,
	plan,
	problems,
	score,
	whyUnplaced,
	type Placement,
	type PlanInstance,
	type PlanSession
} from '../../../src/lib/features/barcamp/planner';

// Everything the planner promises is checked here against code written for the test: a rule checker, a scorer
// and a greedy planner that share nothing with the planner's own.

/** A few seconds of planning each; a limit only against a hang on a loaded machine, not a timing assertion. */
const PROPERTY_TIMEOUT = 120_000;
const FEATURES = ['projector', 'quiet', 'laptops'];
const PEOPLE = ['ana', 'ben', 'cem', 'dora', 'eli', 'femi', 'gus', 'hana', 'ivo', 'jo'];

/** Random instances: 0-5 rooms, 0-4 slots, 0-10 sessions, 10 people who host and star; pins kept only where valid. */
const instances = fc
	.record({
		rooms: fc.array(fc.record({ capacity: fc.nat({ max: 8 }), features: fc.subarray(FEATURES) }), { maxLength: 5 }),
		slots: fc.nat({ max: 4 }),
		sessions: fc.array(
			fc.record({
				hosts: fc.subarray(PEOPLE, { maxLength: 2 }),
				needs: fc.oneof(fc.constant([] as string[]), fc.subarray(FEATURES, { maxLength: 1 })),
				pin: fc.option(fc.record({ room: fc.nat(), slot: fc.nat() }), { freq: 4 })
			}),
			{ maxLength: 10 }
		),
		stars: fc.array(fc.array(fc.nat({ max: 20 }), { maxLength: 6 }), { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
		seed: fc.nat()
	})
	.map(({ rooms, slots, sessions, stars, seed }): PlanInstance => {
		const inst: PlanInstance = {
			rooms: rooms.map((r, i) => ({ id: `room-${i}`, ...r })),
			slots: Array.from({ length: slots }, (_, i) => ({ id: `t${i}`, start: `${9 + i}:00`, end: `${9 + i}:45` })),
			sessions: [],
			interest: {},
			seed
		};
		const cells = new Set<string>();
		const hostSlots = new Set<string>();
		sessions.forEach((raw, i) => {
			const s: PlanSession = { id: `s${i}`, hosts: raw.hosts, needs: raw.needs };
			const room = raw.pin && inst.rooms.length ? inst.rooms[raw.pin.room % inst.rooms.length] : undefined;
			const slot = raw.pin && slots ? `t${raw.pin.slot % slots}` : undefined;
			if (
				room &&
				slot &&
				s.needs.every((n) => room.features.includes(n)) &&
				!cells.has(`${room.id}/${slot}`) &&
				s.hosts.every((h) => !hostSlots.has(`${h}/${slot}`))
			) {
				s.pinned = { room: room.id, slot };
				cells.add(`${room.id}/${slot}`);
				for (const h of s.hosts) hostSlots.add(`${h}/${slot}`);
			}
			inst.sessions.push(s);
		});
		PEOPLE.forEach((p, i) => {
			if (sessions.length > 0 && stars[i].length > 0) inst.interest[p] = stars[i].map((k) => `s${k % sessions.length}`);
		});
		return inst;
	});

const byId = <T extends { id: string }>(xs: T[], id: string) => xs.find((x) => x.id === id);

/** People who starred `session` (a repeated star counts once). */
function interestIn(inst: PlanInstance, session: string): number {
	return Object.values(inst.interest).filter((list) => list.includes(session)).length;
}

/** The objective, computed the long way: every participant, every slot. */
function recompute(inst: PlanInstance, placements: Placement[]) {
	let attendable = 0;
	for (const [person, starred] of Object.entries(inst.interest)) {
		for (const slot of inst.slots) {
			const here = placements.filter((p) => p.slot === slot.id).map((p) => byId(inst.sessions, p.session)!);
			const starsOne = here.some((s) => starred.includes(s.id));
			const hostsOne = here.some((s) => s.hosts.includes(person));
			if (starsOne && !hostsOne) attendable++;
		}
	}
	let overflow = 0;
	for (const p of placements) overflow += Math.max(0, interestIn(inst, p.session) - byId(inst.rooms, p.room)!.capacity);
	return { attendable, overflow, total: attendable - overflow };
}

/** Every hard rule a grid breaks, in words (empty: none). */
function hardRuleBreaks(inst: PlanInstance, placements: Placement[]): string[] {
	const out: string[] = [];
	placements.forEach((p, i) => {
		const session = byId(inst.sessions, p.session);
		const room = byId(inst.rooms, p.room);
		if (!session || !room || !byId(inst.slots, p.slot)) {
			out.push(`unknown id in ${JSON.stringify(p)}`);
			return;
		}
		for (const n of session.needs) if (!room.features.includes(n)) out.push(`${p.session} lacks ${n} in ${p.room}`);
		if (session.pinned && (session.pinned.room !== p.room || session.pinned.slot !== p.slot)) out.push(`${p.session} off its pin`);
		placements.slice(0, i).forEach((q) => {
			if (q.room === p.room && q.slot === p.slot) out.push(`${p.session} and ${q.session} share a cell`);
			const other = byId(inst.sessions, q.session)!;
			if (q.slot === p.slot && session.hosts.some((h) => other.hosts.includes(h))) out.push(`${p.session} and ${q.session} share a host`);
		});
	});
	for (const s of inst.sessions) {
		if (s.pinned && !placements.some((p) => p.session === s.id)) out.push(`pinned ${s.id} left out`);
	}
	return out;
}

/** The greedy baseline: pins, then most-starred first into the largest free room with its features and its hosts free. */
function greedy(inst: PlanInstance): Placement[] {
	const out: Placement[] = [];
	const taken = new Set<string>();
	const busy = new Set<string>();
	const put = (s: PlanSession, room: string, slot: string) => {
		out.push({ session: s.id, room, slot });
		taken.add(`${room}/${slot}`);
		for (const h of s.hosts) busy.add(`${h}/${slot}`);
	};
	for (const s of inst.sessions) if (s.pinned) put(s, s.pinned.room, s.pinned.slot);
	const rest = inst.sessions
		.filter((s) => !s.pinned)
		.sort((a, b) => interestIn(inst, b.id) - interestIn(inst, a.id) || (a.id < b.id ? -1 : 1));
	const rooms = [...inst.rooms].sort((a, b) => b.capacity - a.capacity);
	for (const s of rest) {
		const cell = rooms
			.filter((r) => s.needs.every((n) => r.features.includes(n)))
			.flatMap((r) => inst.slots.map((t) => ({ room: r.id, slot: t.id })))
			.find((c) => !taken.has(`${c.room}/${c.slot}`) && s.hosts.every((h) => !busy.has(`${h}/${c.slot}`)));
		if (cell) put(s, cell.room, cell.slot);
	}
	return out;
}

/** Every rule a grid breaks, in the shape `problems` reports, as sorted strings. */
function expectedProblems(inst: PlanInstance, placements: Placement[]): string[] {
	const out: string[] = [];
	placements.forEach((p, i) => {
		const s = byId(inst.sessions, p.session)!;
		const room = byId(inst.rooms, p.room)!;
		for (const q of placements.slice(0, i)) {
			if (q.room === p.room && q.slot === p.slot) out.push(`cell_taken ${p.session} ${q.session} ${p.room} ${p.slot}`);
			if (q.slot !== p.slot) continue;
			const other = byId(inst.sessions, q.session)!;
			for (const h of new Set(s.hosts)) if (other.hosts.includes(h)) out.push(`host_clash ${p.session} ${q.session} ${h} ${p.slot}`);
		}
		for (const n of s.needs) if (!room.features.includes(n)) out.push(`missing_feature ${p.session} ${p.room} ${p.slot} ${n}`);
		const interest = interestIn(inst, s.id);
		if (interest > room.capacity) out.push(`over_capacity ${p.session} ${p.room} ${p.slot} ${interest} ${room.capacity}`);
	});
	return out.sort();
}

const asStrings = (ps: ReturnType<typeof problems>) =>
	ps
		.map((p) => {
			if (p.kind === 'cell_taken') return `cell_taken ${p.session} ${p.other} ${p.room} ${p.slot}`;
			if (p.kind === 'host_clash') return `host_clash ${p.session} ${p.other} ${p.host} ${p.slot}`;
			if (p.kind === 'missing_feature') return `missing_feature ${p.session} ${p.room} ${p.slot} ${p.feature}`;
			return `over_capacity ${p.session} ${p.room} ${p.slot} ${p.interest} ${p.capacity}`;
		})
		.sort();

const shuffled = <T>(xs: T[], seed: number) =>
	xs
		.map((x, i) => ({ x, k: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }))
		.sort((a, b) => a.k - b.k)
		.map((e) => e.x);

const cellKey = (p: Placement) => `${p.session}@${p.room}/${p.slot}`;

describe('plan', () => {
	it('keeps every hard rule, places each session at most once and every pinned one at its pin, scores as the long way does, and never below a simple greedy (3,000 random instances)', () => {
		fc.assert(
			fc.property(instances, (inst) => {
				expect(parseInstance(JSON.parse(JSON.stringify(inst))).ok).toBe(true);
				const result = plan(inst);
				expect(hardRuleBreaks(inst, result.placements)).toEqual([]);
				const placed = result.placements.map((p) => p.session);
				expect([...placed, ...result.unplaced].sort()).toEqual(inst.sessions.map((s) => s.id).sort());
				expect(result.unplaced).toEqual([...result.unplaced].sort());
				expect(result.score).toEqual(recompute(inst, result.placements));
				expect(score(inst, result.placements)).toEqual(result.score);
				expect(result.score.total).toBeGreaterThanOrEqual(recompute(inst, greedy(inst)).total);
				expect(problems(inst, result.placements).every((p) => p.kind === 'over_capacity')).toBe(true);
			}),
			{ numRuns: 3000, seed: 20261130 }
		);
	}, PROPERTY_TIMEOUT);

	it('is deterministic: the same instance and seed give the same plan, whatever the order of the interest keys and of the lists', () => {
		fc.assert(
			fc.property(instances, fc.nat(), (inst, shuffle) => {
				const first = plan(inst);
				expect(plan(structuredClone(inst))).toEqual(first);
				const reordered: PlanInstance = {
					...inst,
					rooms: shuffled(inst.rooms, shuffle),
					slots: shuffled(inst.slots, shuffle + 1),
					sessions: shuffled(inst.sessions, shuffle + 2),
					interest: Object.fromEntries(shuffled(Object.entries(inst.interest), shuffle + 3).map(([p, l]) => [p, shuffled(l, shuffle)]))
				};
				const again = plan(reordered);
				expect(again.placements.map(cellKey).sort()).toEqual(first.placements.map(cellKey).sort());
				expect(again.unplaced).toEqual(first.unplaced);
				expect(again.score).toEqual(first.score);
			}),
			{ numRuns: 1000, seed: 7 }
		);
	}, PROPERTY_TIMEOUT);

	it('leaves a session out only for the reason whyUnplaced gives, and "not worth it" means every free cell would lower the total', () => {
		fc.assert(
			fc.property(instances, (inst) => {
				const result = plan(inst);
				for (const id of result.unplaced) {
					const s = byId(inst.sessions, id)!;
					const fitting = inst.rooms.filter((r) => s.needs.every((n) => r.features.includes(n)));
					const free = fitting.flatMap((r) =>
						inst.slots
							.filter((t) => !result.placements.some((p) => p.room === r.id && p.slot === t.id))
							.map((t) => ({ session: id, room: r.id, slot: t.id }))
					);
					const open = free.filter((c) => hardRuleBreaks(inst, [...result.placements, c]).length === 0);
					const why = whyUnplaced(inst, result.placements, id);
					if (fitting.length === 0) expect(why).toBe('no_room_with_features');
					else if (free.length === 0) expect(why).toBe('no_free_cell');
					else if (open.length === 0) expect(why).toBe('hosts_busy');
					else {
						expect(why).toBe('not_worth_it');
						for (const c of open) expect(recompute(inst, [...result.placements, c]).total).toBeLessThan(result.score.total);
					}
				}
			}),
			{ numRuns: 1000, seed: 11 }
		);
	}, PROPERTY_TIMEOUT);

	it('keeps a pin even when the pinned session costs more than it brings', () => {
		const inst: PlanInstance = {
			rooms: [{ id: 'tiny', capacity: 1, features: [] }],
			slots: [{ id: 'am', start: '9:00', end: '10:00' }],
			sessions: [{ id: 'crowd', hosts: ['h'], needs: [], pinned: { room: 'tiny', slot: 'am' } }],
			interest: { a: ['crowd'], b: ['crowd'], c: ['crowd'], d: ['crowd'] }
		};
		const result = plan(inst);
		expect(result.placements).toEqual([{ session: 'crowd', room: 'tiny', slot: 'am' }]);
		expect(result.score).toEqual({ attendable: 4, overflow: 3, total: 1 });
	});

	it('spreads what one person starred over the slots, and puts the crowd in the big room', () => {
		const inst: PlanInstance = {
			rooms: [
				{ id: 'big', capacity: 3, features: [] },
				{ id: 'small', capacity: 1, features: [] }
			],
			slots: [
				{ id: 'am', start: '9:00', end: '10:00' },
				{ id: 'pm', start: '14:00', end: '15:00' }
			],
			sessions: [
				{ id: 'x', hosts: [], needs: [] },
				{ id: 'y', hosts: [], needs: [] }
			],
			interest: { a: ['x', 'y'], b: ['x'], c: ['x'] }
		};
		const result = plan(inst);
		expect(result.score).toEqual({ attendable: 4, overflow: 0, total: 4 });
		expect(result.placements.find((p) => p.session === 'x')!.room).toBe('big');
		expect(new Set(result.placements.map((p) => p.slot)).size).toBe(2);
	});
});

describe('score and problems on any grid, also a broken one', () => {
	/** An instance and a grid placed at random: any room, any slot, cells and hosts shared, features missing. */
	const grids = instances.chain((inst) =>
		fc
			.array(fc.option(fc.record({ room: fc.nat(), slot: fc.nat() }), { freq: 3 }), {
				minLength: inst.sessions.length,
				maxLength: inst.sessions.length
			})
			.map((cells) => {
				const placements: Placement[] = [];
				cells.forEach((c, i) => {
					if (c && inst.rooms.length && inst.slots.length) {
						placements.push({ session: `s${i}`, room: inst.rooms[c.room % inst.rooms.length].id, slot: inst.slots[c.slot % inst.slots.length].id });
					}
				});
				return { inst, placements };
			})
	);

	it('score equals the long way, and problems names exactly the broken rules (3,000 random grids)', () => {
		fc.assert(
			fc.property(grids, ({ inst, placements }) => {
				expect(score(inst, placements)).toEqual(recompute(inst, placements));
				expect(asStrings(problems(inst, placements))).toEqual(expectedProblems(inst, placements));
				// Given the interest per session as counts (the server's tally), the same problems without the marks.
				const counts: Record<string, number> = {};
				for (const list of Object.values(inst.interest)) for (const id of new Set(list)) counts[id] = (counts[id] ?? 0) + 1;
				expect(asStrings(problems({ ...inst, interest: {} }, placements, counts))).toEqual(expectedProblems(inst, placements));
			}),
			{ numRuns: 3000, seed: 3 }
		);
	}, PROPERTY_TIMEOUT);

	it('counts a host who starred their own session as starring it, and their slot as not attendable', () => {
		const inst: PlanInstance = {
			rooms: [{ id: 'r', capacity: 1, features: [] }],
			slots: [{ id: 't', start: '9:00', end: '10:00' }],
			sessions: [{ id: 's', hosts: ['host'], needs: [] }],
			interest: { host: ['s'], guest: ['s'] }
		};
		expect(score(inst, [{ session: 's', room: 'r', slot: 't' }])).toEqual({ attendable: 1, overflow: 1, total: 0 });
	});

	it('reports a clash with the ids of both sessions, the host and the slot', () => {
		const inst: PlanInstance = {
			rooms: [
				{ id: 'a', capacity: 5, features: ['projector'] },
				{ id: 'b', capacity: 0, features: [] }
			],
			slots: [{ id: 't', start: '9:00', end: '10:00' }],
			sessions: [
				{ id: 'talk', hosts: ['mia'], needs: ['projector'] },
				{ id: 'chat', hosts: ['mia', 'leo'], needs: [] }
			],
			interest: { x: ['chat'] }
		};
		expect(
			problems(inst, [
				{ session: 'talk', room: 'b', slot: 't' },
				{ session: 'chat', room: 'b', slot: 't' }
			])
		).toEqual([
			{ kind: 'missing_feature', session: 'talk', room: 'b', slot: 't', feature: 'projector' },
			{ kind: 'cell_taken', session: 'chat', other: 'talk', room: 'b', slot: 't' },
			{ kind: 'host_clash', session: 'chat', other: 'talk', host: 'mia', slot: 't' },
			{ kind: 'over_capacity', session: 'chat', room: 'b', slot: 't', interest: 1, capacity: 0 }
		]);
	});
});

describe('whyUnplaced', () => {
	const base: PlanInstance = {
		rooms: [{ id: 'hall', capacity: 10, features: [] }],
		slots: [{ id: 'am', start: '9:00', end: '10:00' }],
		sessions: [
			{ id: 'open', hosts: ['kim'], needs: [] },
			{ id: 'film', hosts: ['kim'], needs: ['projector'] },
			{ id: 'other', hosts: ['kim'], needs: [] },
			{ id: 'third', hosts: ['zoe'], needs: [] }
		],
		interest: {}
	};
	it('names the reason: features, a full grid, a busy host, or the planner\'s choice', () => {
		expect(whyUnplaced(base, [], 'film')).toBe('no_room_with_features');
		expect(whyUnplaced(base, [], 'open')).toBe('not_worth_it');
		expect(whyUnplaced(base, [{ session: 'third', room: 'hall', slot: 'am' }], 'open')).toBe('no_free_cell');
		const twoRooms = { ...base, rooms: [...base.rooms, { id: 'yard', capacity: 10, features: [] }] };
		expect(whyUnplaced(twoRooms, [{ session: 'other', room: 'hall', slot: 'am' }], 'open')).toBe('hosts_busy');
		// Its own placement is left out of the question.
		expect(whyUnplaced(base, [{ session: 'open', room: 'hall', slot: 'am' }], 'open')).toBe('not_worth_it');
	});
});

describe('parseInstance', () => {
	const valid = () => ({
		rooms: [
			{ id: 'aula', capacity: 40, features: ['projector'] },
			{ id: 'yard', capacity: 10, features: [] }
		],
		slots: [
			{ id: 'am', start: '9:00', end: '10:00' },
			{ id: 'pm', start: '14:00', end: '15:00' }
		],
		sessions: [
			{ id: 'talk', hosts: ['mia'], needs: ['projector'], pinned: { room: 'aula', slot: 'am' } },
			{ id: 'walk', hosts: ['leo'], needs: [] }
		],
		interest: { ana: ['talk', 'walk'] },
		seed: 3
	});
	type Raw = ReturnType<typeof valid> & Record<string, unknown>;

	it('accepts a valid instance and returns a clean copy', () => {
		const r = parseInstance(valid());
		expect(r).toEqual({ ok: true, value: valid() });
	});

	const cases: [string, (i: Raw) => unknown, RegExp][] = [
		['not an object', () => [1, 2], /must be an object/],
		['no rooms', ({ rooms, ...rest }) => (void rooms, rest), /has no "rooms"/],
		['an unknown field', (i) => ({ ...i, sessions: [{ ...i.sessions[1], pin: { room: 'aula', slot: 'pm' } }] }), /session #1 has an unknown field "pin"/],
		['a room id that is a number', (i) => ({ ...i, rooms: [{ id: 7, capacity: 1, features: [] }] }), /room #1 must be a non-empty string/],
		['a negative capacity', (i) => ({ ...i, rooms: [...i.rooms, { id: 'cellar', capacity: -5, features: [] }] }), /room "cellar" has a negative capacity \(-5\)/],
		['a fractional capacity', (i) => ({ ...i, rooms: [...i.rooms, { id: 'cellar', capacity: 2.5, features: [] }] }), /"cellar".*whole number/],
		['two rooms with one id', (i) => ({ ...i, rooms: [...i.rooms, { id: 'yard', capacity: 3, features: [] }] }), /two rooms have the id "yard"/],
		['two slots with one id', (i) => ({ ...i, slots: [...i.slots, { id: 'am', start: '8:00', end: '9:00' }] }), /two slots have the id "am"/],
		['two sessions with one id', (i) => ({ ...i, sessions: [...i.sessions, { id: 'walk', hosts: [], needs: [] }] }), /two sessions have the id "walk"/],
		['a slot without an end', (i) => ({ ...i, slots: [{ id: 'am', start: '9:00' }] }), /slot #1 has no "end"/],
		['hosts that are not a list', (i) => ({ ...i, sessions: [{ id: 'walk', hosts: 'leo', needs: [] }] }), /hosts of session "walk" must be a list/],
		['a pin to an unknown room', (i) => ({ ...i, sessions: [{ ...i.sessions[0], pinned: { room: 'roof', slot: 'am' } }, i.sessions[1]] }), /session "talk" is pinned to an unknown room "roof"/],
		['a pin to an unknown slot', (i) => ({ ...i, sessions: [{ ...i.sessions[0], pinned: { room: 'aula', slot: 'noon' } }, i.sessions[1]] }), /session "talk" is pinned to an unknown slot "noon"/],
		['a pin in a room without a needed feature', (i) => ({ ...i, sessions: [{ ...i.sessions[0], pinned: { room: 'yard', slot: 'am' } }, i.sessions[1]] }), /session "talk" is pinned to room "yard", which lacks the feature "projector"/],
		['two pins on one room and slot', (i) => ({ ...i, sessions: [i.sessions[0], { id: 'walk', hosts: ['leo'], needs: [], pinned: { room: 'aula', slot: 'am' } }] }), /sessions "talk" and "walk" are both pinned to room "aula" in slot "am"/],
		['a host pinned twice in one slot', (i) => ({ ...i, sessions: [i.sessions[0], { id: 'walk', hosts: ['leo', 'mia'], needs: [], pinned: { room: 'yard', slot: 'am' } }] }), /host "mia" is pinned twice in slot "am": sessions "talk" and "walk"/],
		['interest in an unknown session', (i) => ({ ...i, interest: { ana: ['talk', 'swim'] } }), /participant "ana" is interested in an unknown session "swim"/],
		['interest that is not a list', (i) => ({ ...i, interest: { ana: 'talk' } }), /interest of participant "ana" must be a list/],
		['interest that is a list', (i) => ({ ...i, interest: [] }), /"interest" must be an object/],
		['a negative seed', (i) => ({ ...i, seed: -1 }), /"seed" must be a whole number/]
	];
	for (const [what, mutate, message] of cases) {
		it(`refuses ${what}, naming it`, () => {
			const r = parseInstance(mutate(valid() as Raw));
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.error).toMatch(message);
		});
	}

	it('reads lists inside an entry as sets', () => {
		const raw = valid();
		raw.interest.ana = ['talk', 'talk', 'walk'];
		raw.sessions[1].hosts = ['leo', 'leo'];
		const r = parseInstance(raw);
		expect(r.ok && r.value.interest.ana).toEqual(['talk', 'walk']);
		expect(r.ok && r.value.sessions[1].hosts).toEqual(['leo']);
	});
});

describe('npm run plan', () => {
	const run = promisify(execFile);
	const root = fileURLToPath(new URL('../../../', import.meta.url));
	const example = join(root, 'bench/plan/example.json');
	const cli = (file: string) => run(process.execPath, ['--import', 'tsx', join(root, 'scripts/plan.ts'), file], { cwd: root });

	it('prints the plan of the example as JSON', async () => {
		const { stdout } = await cli(example);
		const printed = JSON.parse(stdout);
		const inst = parseInstance(JSON.parse(readFileSync(example, 'utf8')));
		expect(inst.ok).toBe(true);
		if (!inst.ok) return;
		expect(printed).toEqual(plan(inst.value));
		expect(hardRuleBreaks(inst.value, printed.placements)).toEqual([]);
		expect(printed.placements).toContainEqual({ session: '3d-printing', room: 'aula', slot: '13:30' });
	});

	it('refuses a contradictory instance with the reason and exit code 2, and a missing file too', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
		const file = join(dir, 'clash.json');
		const instance = JSON.parse(readFileSync(example, 'utf8'));
		instance.sessions[0].pinned = { room: 'aula', slot: '13:30' };
		writeFileSync(file, JSON.stringify(instance));
		await expect(cli(file)).rejects.toMatchObject({
			code: 2,
			stdout: '',
			stderr: 'error: sessions "game-jam" and "3d-printing" are both pinned to room "aula" in slot "13:30"\n'
		});
		await expect(cli(join(dir, 'none.json'))).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: no file .*none\.json\n$/) });
	});
});
