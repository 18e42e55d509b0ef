/**
 * The BarCamp's session planner: puts proposed sessions into a grid of rooms and time slots.
 *
 * Pure and deterministic (the same instance and seed give the same plan), with no Node or browser API, so the
 * server, the facilitator's browser and `npm run plan` all run this one file.
 *
 * Hard rules, never broken by `plan`: at most one session per room and slot; a host is in at most one placed
 * session per slot; a session's room has every feature it needs; a pinned session is placed exactly at its pin.
 * Objective, maximised: `attendable - overflow` (see `score`).
 *
 * Algorithm: a greedy start (pins first, then the most-starred session first into the cell that adds the most);
 * four chains of simulated annealing from it, with a seeded PRNG (mulberry32 from `seed ?? 1`) over a fixed
 * number of moves (place, unplace, replace, move, swap), each move's effect computed incrementally from per-slot
 * counts of starred and hosted sessions per person; each chain ends with a deterministic hill climb over every
 * single move until none improves; the best chain is kept, and every session still out that fits a free cell
 * without lowering the total is placed. The effort is a number of moves, never wall time, so the plan is
 * deterministic. `npm run bench:plan` measures it against the exact optimum (docs/PERFORMANCE.md).
 */

import { mulberry32 } from '../../domain/random';

export interface PlanRoom {
	id: string;
	capacity: number;
	features: string[];
}
/** A time slot open for sessions (breaks and common events are simply not listed). */
export interface PlanSlot {
	id: string;
	start: string;
	end: string;
}
export interface PlanSession {
	id: string;
	hosts: string[];
	needs: string[];
	pinned?: { room: string; slot: string };
}
export interface PlanInstance {
	rooms: PlanRoom[];
	slots: PlanSlot[];
	sessions: PlanSession[];
	/** Participant id -> the sessions they starred. */
	interest: Record<string, string[]>;
	seed?: number;
}
export interface Placement {
	session: string;
	room: string;
	slot: string;
}
export interface Score {
	attendable: number;
	overflow: number;
	total: number;
}
export interface Plan {
	placements: Placement[];
	unplaced: string[];
	score: Score;
}
/** Why a session stayed out of a grid. */
export type Unplaced = 'no_room_with_features' | 'hosts_busy' | 'no_free_cell' | 'not_worth_it';
/** One rule a grid breaks; `over_capacity` is the soft one (the planner allows it, at the cost of overflow). */
export type Problem = {
	kind: 'cell_taken' | 'host_clash' | 'missing_feature' | 'over_capacity';
	session: string;
	other?: string;
	room?: string;
	slot?: string;
	host?: string;
	feature?: string;
	interest?: number;
	capacity?: number;
};

// ---------------------------------------------------------------------------------------------------------------
// Reading an instance

type Parsed = { ok: true; value: PlanInstance } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const q = (s: string) => JSON.stringify(s);

class InstanceError extends Error {}
const fail = (message: string): never => {
	throw new InstanceError(message);
};

function fields(v: unknown, what: string, allowed: string[], required: string[]): Record<string, unknown> {
	if (!isObject(v)) return fail(`${what} must be an object`);
	for (const key of Object.keys(v)) {
		if (!allowed.includes(key)) fail(`${what} has an unknown field ${q(key)} (expected ${allowed.map(q).join(', ')})`);
	}
	for (const key of required) if (!(key in v)) fail(`${what} has no ${q(key)}`);
	return v;
}

function id(v: unknown, what: string): string {
	if (typeof v !== 'string' || v.length === 0) return fail(`${what} must be a non-empty string`);
	return v;
}

function ids(v: unknown, what: string): string[] {
	if (!Array.isArray(v)) return fail(`${what} must be a list of strings`);
	return v.map((x, i) => id(x, `${what}[${i}]`));
}

function list(v: unknown, what: string): unknown[] {
	if (!Array.isArray(v)) return fail(`${q(what)} must be a list`);
	return v;
}

/**
 * Checks that `json` is a planner instance that does not contradict itself, and returns a clean copy of it;
 * otherwise an English sentence naming the problem (and the ids involved). Unknown fields are refused, so a typo
 * such as `"pin"` for `"pinned"` is not silently ignored. Lists inside an entry (hosts, needs, features, a
 * participant's stars) are read as sets: a repeated entry counts once.
 */
export function parseInstance(json: unknown): Parsed {
	try {
		return { ok: true, value: readInstance(json) };
	} catch (e) {
		if (e instanceof InstanceError) return { ok: false, error: e.message };
		throw e;
	}
}

function readInstance(json: unknown): PlanInstance {
	const top = fields(json, 'the instance', ['rooms', 'slots', 'sessions', 'interest', 'seed'], [
		'rooms',
		'slots',
		'sessions',
		'interest'
	]);

	const rooms: PlanRoom[] = list(top.rooms, 'rooms').map((raw, i) => {
		const o = fields(raw, `room #${i + 1}`, ['id', 'capacity', 'features'], ['id', 'capacity']);
		const roomId = id(o.id, `the id of room #${i + 1}`);
		const capacity = o.capacity;
		if (typeof capacity !== 'number' || !Number.isFinite(capacity)) fail(`room ${q(roomId)} has no numeric capacity`);
		if ((capacity as number) < 0) fail(`room ${q(roomId)} has a negative capacity (${capacity})`);
		if (!Number.isInteger(capacity)) fail(`room ${q(roomId)} has a capacity that is not a whole number (${capacity})`);
		const features = o.features === undefined ? [] : ids(o.features, `the features of room ${q(roomId)}`);
		return { id: roomId, capacity: capacity as number, features: [...new Set(features)] };
	});
	unique(rooms.map((r) => r.id), 'rooms');

	const slots: PlanSlot[] = list(top.slots, 'slots').map((raw, i) => {
		const o = fields(raw, `slot #${i + 1}`, ['id', 'start', 'end'], ['id', 'start', 'end']);
		const slotId = id(o.id, `the id of slot #${i + 1}`);
		if (typeof o.start !== 'string' || typeof o.end !== 'string') fail(`slot ${q(slotId)} needs "start" and "end" as strings`);
		return { id: slotId, start: o.start as string, end: o.end as string };
	});
	unique(slots.map((s) => s.id), 'slots');

	const sessions: PlanSession[] = list(top.sessions, 'sessions').map((raw, i) => {
		const o = fields(raw, `session #${i + 1}`, ['id', 'hosts', 'needs', 'pinned'], ['id']);
		const sessionId = id(o.id, `the id of session #${i + 1}`);
		const hosts = o.hosts === undefined ? [] : ids(o.hosts, `the hosts of session ${q(sessionId)}`);
		const needs = o.needs === undefined ? [] : ids(o.needs, `the needs of session ${q(sessionId)}`);
		const session: PlanSession = { id: sessionId, hosts: [...new Set(hosts)], needs: [...new Set(needs)] };
		if (o.pinned !== undefined) {
			const p = fields(o.pinned, `the pin of session ${q(sessionId)}`, ['room', 'slot'], ['room', 'slot']);
			session.pinned = {
				room: id(p.room, `the pinned room of session ${q(sessionId)}`),
				slot: id(p.slot, `the pinned slot of session ${q(sessionId)}`)
			};
		}
		return session;
	});
	unique(sessions.map((s) => s.id), 'sessions');

	if (!isObject(top.interest)) fail('"interest" must be an object from participant ids to lists of session ids');
	const sessionIds = new Set(sessions.map((s) => s.id));
	const interest: Record<string, string[]> = {};
	for (const [person, starred] of Object.entries(top.interest as Record<string, unknown>)) {
		if (person.length === 0) fail('"interest" names a participant with an empty id');
		const list = ids(starred, `the interest of participant ${q(person)}`);
		for (const s of list) if (!sessionIds.has(s)) fail(`participant ${q(person)} is interested in an unknown session ${q(s)}`);
		interest[person] = [...new Set(list)];
	}

	const roomById = new Map(rooms.map((r) => [r.id, r]));
	const slotIds = new Set(slots.map((s) => s.id));
	const pinAt = new Map<string, string>();
	const hostAt = new Map<string, string>();
	for (const s of sessions) {
		if (!s.pinned) continue;
		const room = roomById.get(s.pinned.room);
		if (!room) fail(`session ${q(s.id)} is pinned to an unknown room ${q(s.pinned.room)}`);
		if (!slotIds.has(s.pinned.slot)) fail(`session ${q(s.id)} is pinned to an unknown slot ${q(s.pinned.slot)}`);
		const lacking = s.needs.find((n) => !room!.features.includes(n));
		if (lacking !== undefined) {
			fail(`session ${q(s.id)} is pinned to room ${q(room!.id)}, which lacks the feature ${q(lacking)} it needs`);
		}
		const cell = JSON.stringify([s.pinned.room, s.pinned.slot]);
		const first = pinAt.get(cell);
		if (first !== undefined) {
			fail(`sessions ${q(first)} and ${q(s.id)} are both pinned to room ${q(s.pinned.room)} in slot ${q(s.pinned.slot)}`);
		}
		pinAt.set(cell, s.id);
		for (const h of s.hosts) {
			const key = JSON.stringify([h, s.pinned.slot]);
			const other = hostAt.get(key);
			if (other !== undefined) {
				fail(`host ${q(h)} is pinned twice in slot ${q(s.pinned.slot)}: sessions ${q(other)} and ${q(s.id)}`);
			}
			hostAt.set(key, s.id);
		}
	}

	const value: PlanInstance = { rooms, slots, sessions, interest };
	if (top.seed !== undefined) {
		const seed = top.seed;
		if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
			fail(`"seed" must be a whole number from 0 to 4294967295, got ${JSON.stringify(seed)}`);
		}
		value.seed = seed as number;
	}
	return value;
}

function unique(values: string[], what: string): void {
	const seen = new Set<string>();
	for (const v of values) {
		if (seen.has(v)) fail(`two ${what} have the id ${q(v)}`);
		seen.add(v);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring and checking any grid (also one moved by hand)

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Who starred each session (participants counted once, unknown sessions ignored). */
function starrers(inst: PlanInstance): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>(inst.sessions.map((s) => [s.id, new Set<string>()]));
	for (const [person, starred] of Object.entries(inst.interest)) {
		for (const s of starred) out.get(s)?.add(person);
	}
	return out;
}

/** Placements that name a known session, room and slot (others are ignored by `score` and `problems`). */
function known(inst: PlanInstance, placements: Placement[]) {
	const sessions = new Map(inst.sessions.map((s) => [s.id, s]));
	const rooms = new Map(inst.rooms.map((r) => [r.id, r]));
	const slots = new Set(inst.slots.map((s) => s.id));
	const out: { p: Placement; session: PlanSession; room: PlanRoom }[] = [];
	for (const p of placements) {
		const session = sessions.get(p.session);
		const room = rooms.get(p.room);
		if (session && room && slots.has(p.slot)) out.push({ p, session, room });
	}
	return out;
}

/**
 * The objective of a grid. Attendable: for each participant and slot, 1 if they starred at least one session
 * placed in that slot and host none placed there. Overflow: for each placed session, the people who starred it
 * beyond its room's capacity. Total = attendable - overflow. Placements naming an unknown id count nothing.
 */
export function score(inst: PlanInstance, placements: Placement[]): Score {
	const stars = starrers(inst);
	const bySlot = new Map<string, PlanSession[]>();
	let overflow = 0;
	for (const { p, session, room } of known(inst, placements)) {
		overflow += Math.max(0, stars.get(session.id)!.size - room.capacity);
		const here = bySlot.get(p.slot) ?? [];
		here.push(session);
		bySlot.set(p.slot, here);
	}
	let attendable = 0;
	for (const here of bySlot.values()) {
		const starring = new Set<string>();
		const hosting = new Set<string>();
		for (const s of here) {
			for (const person of stars.get(s.id)!) starring.add(person);
			for (const h of s.hosts) hosting.add(h);
		}
		for (const person of starring) if (!hosting.has(person)) attendable++;
	}
	return { attendable, overflow, total: attendable - overflow };
}

/**
 * Every rule a grid breaks, in the order of its placements: a second session in a taken cell (`session` the later
 * placement, `other` the earlier), a host in two sessions of one slot (once per pair and host), a needed feature
 * the room lacks (once per feature), and more interest than the room's capacity. Placements naming an unknown id
 * are ignored.
 */
export function problems(inst: PlanInstance, placements: Placement[], counts?: Readonly<Record<string, number>>): Problem[] {
	// Interest per session: given by the caller (the server's tally), or counted from the instance's stars.
	const stars = counts ? null : starrers(inst);
	const out: Problem[] = [];
	const seen: { p: Placement; session: PlanSession }[] = [];
	for (const { p, session, room } of known(inst, placements)) {
		for (const e of seen) {
			if (e.p.room === p.room && e.p.slot === p.slot) {
				out.push({ kind: 'cell_taken', session: p.session, other: e.p.session, room: p.room, slot: p.slot });
			}
		}
		for (const e of seen) {
			if (e.p.slot !== p.slot) continue;
			for (const host of new Set(session.hosts)) {
				if (e.session.hosts.includes(host)) {
					out.push({ kind: 'host_clash', session: p.session, other: e.p.session, host, slot: p.slot });
				}
			}
		}
		for (const feature of new Set(session.needs)) {
			if (!room.features.includes(feature)) {
				out.push({ kind: 'missing_feature', session: p.session, room: p.room, slot: p.slot, feature });
			}
		}
		const interest = stars ? stars.get(session.id)!.size : (counts![session.id] ?? 0);
		if (interest > room.capacity) {
			out.push({ kind: 'over_capacity', session: p.session, room: p.room, slot: p.slot, interest, capacity: room.capacity });
		}
		seen.push({ p, session });
	}
	return out;
}

/**
 * Why `session` is not in the grid (its own placement, if any, is left out of the question): no room has every
 * feature it needs; every such room is taken in every slot; in every slot with such a room free, one of its hosts
 * is already in another session; or a cell is there, and leaving the session out was the planner's choice
 * (for a grid from `plan`: placing it in any such cell would lower the total).
 */
export function whyUnplaced(inst: PlanInstance, placements: Placement[], session: string): Unplaced {
	const s = inst.sessions.find((x) => x.id === session);
	const needs = s?.needs ?? [];
	const hosts = new Set(s?.hosts ?? []);
	const fitting = inst.rooms.filter((r) => needs.every((n) => r.features.includes(n)));
	if (fitting.length === 0) return 'no_room_with_features';
	const others = known(inst, placements).filter((k) => k.p.session !== session);
	const taken = new Set(others.map((k) => JSON.stringify([k.p.room, k.p.slot])));
	const busy = new Set<string>();
	for (const k of others) if (k.session.hosts.some((h) => hosts.has(h))) busy.add(k.p.slot);
	let free = false;
	for (const t of inst.slots) {
		for (const r of fitting) {
			if (taken.has(JSON.stringify([r.id, t.id]))) continue;
			free = true;
			if (!busy.has(t.id)) return 'not_worth_it';
		}
	}
	return free ? 'hosts_busy' : 'no_free_cell';
}

// ---------------------------------------------------------------------------------------------------------------
// The model the search works on: everything as small integers

interface Model {
	S: number;
	R: number;
	T: number;
	/** People: participants and hosts. */
	P: number;
	sessionIds: string[];
	roomIds: string[];
	slotIds: string[];
	/** allowed[s * R + r]: room r has every feature session s needs. */
	allowed: Uint8Array;
	allowedRooms: number[][];
	/** The pinned cell (t * R + r), -1 for none, -2 for a pin that cannot be kept (the session stays out). */
	pin: Int32Array;
	hosts: number[][];
	stars: Int32Array;
	/** overflow[s * R + r]: people beyond room r's capacity if session s is there. */
	overflow: Int32Array;
	/** The people a session touches (its starrers and hosts, once each) with whether they star and host it. */
	affectedStart: Int32Array;
	affectedPerson: Int32Array;
	/** What the session adds to the person's packed count (see `Grid`): 1 if they star it, 65536 if they host it. */
	affectedStep: Int32Array;
}

/**
 * Sessions, rooms and slots are taken in order of their ids (so the plan does not depend on the order of the
 * lists), people in any order (they are only ever summed over). An instance that `parseInstance` would refuse
 * still gives a grid that keeps every hard rule: the first of two sessions with one id is used, and a pin that
 * cannot be kept leaves its session out.
 */
function buildModel(inst: PlanInstance): Model {
	const firstById = <T extends { id: string }>(xs: T[]) => {
		const m = new Map<string, T>();
		for (const x of xs) if (!m.has(x.id)) m.set(x.id, x);
		return [...m.values()].sort((a, b) => byCode(a.id, b.id));
	};
	const sessions = firstById(inst.sessions);
	const rooms = firstById(inst.rooms);
	const slots = firstById(inst.slots);
	const S = sessions.length;
	const R = rooms.length;
	const T = slots.length;
	const sessionIndex = new Map(sessions.map((s, i) => [s.id, i]));
	const roomIndex = new Map(rooms.map((r, i) => [r.id, i]));
	const slotIndex = new Map(slots.map((t, i) => [t.id, i]));

	const personIndex = new Map<string, number>();
	const person = (p: string) => {
		let i = personIndex.get(p);
		if (i === undefined) personIndex.set(p, (i = personIndex.size));
		return i;
	};
	const starredBy: Set<number>[] = sessions.map(() => new Set());
	for (const [p, starred] of Object.entries(inst.interest)) {
		for (const s of starred) {
			const si = sessionIndex.get(s);
			if (si !== undefined) starredBy[si].add(person(p));
		}
	}
	const hosts = sessions.map((s) => [...new Set(s.hosts.map(person))]);

	const allowed = new Uint8Array(S * R);
	const allowedRooms: number[][] = [];
	const overflow = new Int32Array(S * R);
	const stars = new Int32Array(S);
	for (let s = 0; s < S; s++) {
		stars[s] = starredBy[s].size;
		const mine: number[] = [];
		for (let r = 0; r < R; r++) {
			overflow[s * R + r] = Math.max(0, stars[s] - rooms[r].capacity);
			if (sessions[s].needs.every((n) => rooms[r].features.includes(n))) {
				allowed[s * R + r] = 1;
				mine.push(r);
			}
		}
		allowedRooms.push(mine);
	}

	const pin = new Int32Array(S).fill(-1);
	const pinTaken = new Set<number>();
	const hostPinned = new Set<string>();
	for (let s = 0; s < S; s++) {
		const p = sessions[s].pinned;
		if (!p) continue;
		const r = roomIndex.get(p.room);
		const t = slotIndex.get(p.slot);
		const cell = r === undefined || t === undefined ? -1 : t * R + r;
		const clash = t !== undefined && hosts[s].some((h) => hostPinned.has(`${h}:${t}`));
		if (cell < 0 || !allowed[s * R + r!] || pinTaken.has(cell) || clash) {
			pin[s] = -2;
			continue;
		}
		pin[s] = cell;
		pinTaken.add(cell);
		for (const h of hosts[s]) hostPinned.add(`${h}:${t}`);
	}

	const affectedStart = new Int32Array(S + 1);
	const affPerson: number[] = [];
	const affStep: number[] = [];
	for (let s = 0; s < S; s++) {
		affectedStart[s] = affPerson.length;
		const hostSet = new Set(hosts[s]);
		for (const p of starredBy[s]) {
			affPerson.push(p);
			affStep.push(1 + (hostSet.has(p) ? HOSTS : 0));
		}
		for (const h of hosts[s]) {
			if (starredBy[s].has(h)) continue;
			affPerson.push(h);
			affStep.push(HOSTS);
		}
	}
	affectedStart[S] = affPerson.length;

	return {
		S,
		R,
		T,
		P: personIndex.size,
		sessionIds: sessions.map((s) => s.id),
		roomIds: rooms.map((r) => r.id),
		slotIds: slots.map((t) => t.id),
		allowed,
		allowedRooms,
		pin,
		hosts,
		stars,
		overflow,
		affectedStart,
		affectedPerson: Int32Array.from(affPerson),
		affectedStep: Int32Array.from(affStep)
	};
}

/**
 * A grid under search, with per-slot counts that make a move's effect cheap: for person p and slot t,
 * `counts[t * P + p]` holds the number of placed sessions there that p starred (low 16 bits) and hosts (above).
 * p can attend slot t exactly when that number is between 1 and 65535 (starred something, hosts nothing). The
 * packing holds up to 65,535 starred sessions in one slot, which no BarCamp comes near.
 */
class Grid {
	readonly occupant: Int32Array;
	readonly cell: Int32Array;
	readonly counts: Int32Array;
	attendable = 0;
	overflow = 0;
	/** Per person, for `exchange`: the count after the session leaves, valid where `mark` holds the current stamp. */
	private readonly scratch: Int32Array;
	private readonly mark: Int32Array;
	private stamp = 0;

	constructor(readonly m: Model) {
		this.occupant = new Int32Array(m.R * m.T).fill(-1);
		this.cell = new Int32Array(m.S).fill(-1);
		this.counts = new Int32Array(m.T * m.P);
		this.scratch = new Int32Array(m.P);
		this.mark = new Int32Array(m.P);
	}

	get total(): number {
		return this.attendable - this.overflow;
	}

	/** No host of `s` is in a placed session of slot `t`. */
	hostsFree(s: number, t: number): boolean {
		const base = t * this.m.P;
		for (const h of this.m.hosts[s]) if (this.counts[base + h] >= HOSTS) return false;
		return true;
	}

	/** No host of `s` is in a placed session of slot `t` other than `o` (which is about to leave it). */
	hostsFreeWithout(s: number, t: number, o: number): boolean {
		const base = t * this.m.P;
		for (const h of this.m.hosts[s]) {
			let hosted = this.counts[base + h] >>> 16;
			if (hosted > 0 && this.m.hosts[o].includes(h)) hosted--;
			if (hosted > 0) return false;
		}
		return true;
	}

	/**
	 * Change of `attendable` if, in slot `t`, the placed session `out` left and `into` came (either may be -1),
	 * without touching the grid: the counts after `out` leaves are kept per person for the people `into` touches.
	 */
	exchange(t: number, out: number, into: number): number {
		const m = this.m;
		const counts = this.counts;
		const person = m.affectedPerson;
		const step = m.affectedStep;
		const base = t * m.P;
		if (this.stamp === 0x7fffffff) {
			this.mark.fill(0);
			this.stamp = 0;
		}
		const stamp = ++this.stamp;
		let d = 0;
		if (out >= 0) {
			for (let i = m.affectedStart[out], end = m.affectedStart[out + 1]; i < end; i++) {
				const p = person[i];
				const c = counts[base + p];
				const after = c - step[i];
				this.scratch[p] = after;
				this.mark[p] = stamp;
				d += attends(after) - attends(c);
			}
		}
		if (into >= 0) {
			for (let i = m.affectedStart[into], end = m.affectedStart[into + 1]; i < end; i++) {
				const p = person[i];
				const c = this.mark[p] === stamp ? this.scratch[p] : counts[base + p];
				d += attends(c + step[i]) - attends(c);
			}
		}
		return d;
	}

	/** Change of `attendable` if `s` were added to slot `t` (sign 1, `s` not there) or taken out of it (sign -1). */
	gain(s: number, t: number, sign: number): number {
		const m = this.m;
		const counts = this.counts;
		const person = m.affectedPerson;
		const step = m.affectedStep;
		const base = t * m.P;
		let d = 0;
		for (let i = m.affectedStart[s], end = m.affectedStart[s + 1]; i < end; i++) {
			const c = counts[base + person[i]];
			d += attends(c + sign * step[i]) - attends(c);
		}
		return d;
	}

	/** Adds `s` to slot `t` (sign 1) or takes it out (-1) in the counts; returns the change of `attendable`. */
	private count(s: number, t: number, sign: number): number {
		const m = this.m;
		const counts = this.counts;
		const person = m.affectedPerson;
		const step = m.affectedStep;
		const base = t * m.P;
		let d = 0;
		for (let i = m.affectedStart[s], end = m.affectedStart[s + 1]; i < end; i++) {
			const k = base + person[i];
			const c = counts[k];
			const after = c + sign * step[i];
			counts[k] = after;
			d += attends(after) - attends(c);
		}
		return d;
	}

	/** Moves placed `s` to the free cell `c` of the same slot. */
	shift(s: number, c: number): void {
		const R = this.m.R;
		const from = this.cell[s];
		this.overflow += this.m.overflow[s * R + (c % R)] - this.m.overflow[s * R + (from % R)];
		this.occupant[from] = -1;
		this.occupant[c] = s;
		this.cell[s] = c;
	}

	/** Swaps the cells of placed `s` and `o`, which are in the same slot. */
	swapInSlot(s: number, o: number): void {
		const R = this.m.R;
		const a = this.cell[s];
		const b = this.cell[o];
		const ov = this.m.overflow;
		this.overflow += ov[s * R + (b % R)] + ov[o * R + (a % R)] - ov[s * R + (a % R)] - ov[o * R + (b % R)];
		this.occupant[a] = o;
		this.occupant[b] = s;
		this.cell[s] = b;
		this.cell[o] = a;
	}

	put(s: number, c: number): void {
		const R = this.m.R;
		this.attendable += this.count(s, (c / R) | 0, 1);
		this.overflow += this.m.overflow[s * R + (c % R)];
		this.occupant[c] = s;
		this.cell[s] = c;
	}

	take(s: number): void {
		const c = this.cell[s];
		const R = this.m.R;
		this.attendable += this.count(s, (c / R) | 0, -1);
		this.overflow -= this.m.overflow[s * R + (c % R)];
		this.occupant[c] = -1;
		this.cell[s] = -1;
	}
}

/** One hosted session in the packed per-slot count. */
const HOSTS = 65536;
/** 1 if a packed count means "starred something here, hosts nothing here". */
const attends = (c: number) => (c > 0 && c < HOSTS ? 1 : 0);

const LN2 = 0.6931471805599453;
/** ln(COLD), written out: Math.log may differ in the last bit between JavaScript engines. */
const LN_COLD = -3.912023005428146;

/**
 * e^x for x <= 0, from + - * / and Math.round only, which IEEE 754 fixes to the bit, so the annealing accepts
 * the same moves in every JavaScript engine (Math.exp may differ in the last bit between them).
 */
function expNegative(x: number): number {
	if (x < -60) return 0;
	const n = Math.round(x / LN2);
	const r = x - n * LN2;
	let p = 1;
	for (let k = 14; k >= 1; k--) p = 1 + (p * r) / k;
	for (let i = 0; i > n; i--) p *= 0.5;
	for (let i = 0; i < n; i++) p *= 2;
	return p;
}

// ---------------------------------------------------------------------------------------------------------------
// The search

/** The pins, then the most-starred sessions first, each into the cell that adds the most (if anything). */
function greedy(g: Grid): void {
	const m = g.m;
	for (let s = 0; s < m.S; s++) if (m.pin[s] >= 0) g.put(s, m.pin[s]);
	const order = [...Array(m.S).keys()].filter((s) => m.pin[s] === -1).sort((a, b) => m.stars[b] - m.stars[a] || a - b);
	placeEach(g, order, 0);
}

/** Each of `order` in turn into the free cell that adds the most, if that is more than `above`. */
function placeEach(g: Grid, order: number[], above: number): void {
	const m = g.m;
	for (const s of order) {
		let best = -1;
		let bestGain = above;
		for (let t = 0; t < m.T; t++) {
			if (!g.hostsFree(s, t)) continue;
			const add = g.gain(s, t, 1);
			for (const r of m.allowedRooms[s]) {
				const c = t * m.R + r;
				if (g.occupant[c] >= 0) continue;
				const gain = add - m.overflow[s * m.R + r];
				if (gain > bestGain) {
					bestGain = gain;
					best = c;
				}
			}
		}
		if (best >= 0) g.put(s, best);
	}
}

/** What `move` changed, so that it can be undone. */
interface Undo {
	s: number;
	from: number;
	o: number;
	to: number;
}

/**
 * Moves `s` to cell `to` (-1: out of the grid), placing it if it was out. A non-pinned session already in `to`
 * goes to `s`'s old cell if it may (room features, hosts), else out. Returns what to undo, or null (and changes
 * nothing) if a hard rule forbids the move.
 */
function move(g: Grid, s: number, to: number): Undo | null {
	const m = g.m;
	const from = g.cell[s];
	const o = to >= 0 ? g.occupant[to] : -1;
	if (o >= 0 && m.pin[o] !== -1) return null;
	if (from >= 0) g.take(s);
	if (o >= 0) g.take(o);
	if (to >= 0 && !g.hostsFree(s, (to / m.R) | 0)) {
		if (from >= 0) g.put(s, from);
		if (o >= 0) g.put(o, to);
		return null;
	}
	if (to >= 0) g.put(s, to);
	if (o >= 0 && from >= 0 && m.allowed[o * m.R + (from % m.R)] && g.hostsFree(o, (from / m.R) | 0)) g.put(o, from);
	return { s, from, o, to };
}

function undo(g: Grid, u: Undo): void {
	if (g.cell[u.s] >= 0) g.take(u.s);
	if (u.o >= 0 && g.cell[u.o] >= 0) g.take(u.o);
	if (u.from >= 0) g.put(u.s, u.from);
	if (u.o >= 0) g.put(u.o, u.to);
}

const movableSessions = (m: Model) =>
	[...Array(m.S).keys()].filter((s) => m.pin[s] === -1 && m.allowedRooms[s].length > 0);

/** Simulated annealing over single moves; leaves `g` at the best grid it saw. */
function anneal(g: Grid, random: () => number, iterations: number): void {
	const m = g.m;
	const movable = movableSessions(m);
	if (movable.length === 0 || m.T === 0) return;
	const R = m.R;
	const best = Int32Array.from(g.cell);
	let bestTotal = g.total;
	const hot = HOT * typicalLoss(g, movable, random);
	const cooling = expNegative(LN_COLD / Math.max(1, iterations));
	let temperature = hot;
	const accept = (delta: number) => delta >= 0 || random() < expNegative(delta / temperature);

	for (let it = 0; it <= iterations; it++, temperature *= cooling) {
		// The previous move's result (checked here, so that every branch below may `continue`).
		if (g.total > bestTotal) {
			bestTotal = g.total;
			best.set(g.cell);
		}
		if (it === iterations) break;
		const s = movable[(random() * movable.length) | 0];
		const rooms = m.allowedRooms[s];
		const r2 = rooms[(random() * rooms.length) | 0];
		const t2 = (random() * m.T) | 0;
		const to = t2 * R + r2;
		const from = g.cell[s];
		const o = g.occupant[to];
		if (o >= 0 && o !== s && m.pin[o] !== -1) continue;
		if (from >= 0 && (from === to || random() < UNPLACE_SHARE)) {
			if (accept(g.gain(s, (from / R) | 0, -1) + m.overflow[s * R + (from % R)])) g.take(s);
		} else if (o < 0) {
			// Into a free cell: the effect is computed without touching the grid.
			const t1 = from >= 0 ? (from / R) | 0 : -1;
			if (t1 === t2) {
				if (accept(m.overflow[s * R + (from % R)] - m.overflow[s * R + r2])) g.shift(s, to);
				continue;
			}
			if (!g.hostsFree(s, t2)) continue;
			let delta = g.gain(s, t2, 1) - m.overflow[s * R + r2];
			if (from >= 0) delta += g.gain(s, t1, -1) + m.overflow[s * R + (from % R)];
			if (accept(delta)) {
				if (from >= 0) g.take(s);
				g.put(s, to);
			}
		} else if (from >= 0 && m.allowed[o * R + (from % R)]) {
			// Swap s and o.
			const t1 = (from / R) | 0;
			const r1 = from % R;
			const overflow = m.overflow[s * R + r1] + m.overflow[o * R + r2] - m.overflow[s * R + r2] - m.overflow[o * R + r1];
			if (t1 === t2) {
				if (accept(overflow)) g.swapInSlot(s, o);
				continue;
			}
			if (!g.hostsFreeWithout(s, t2, o) || !g.hostsFreeWithout(o, t1, s)) continue;
			if (accept(g.exchange(t1, s, o) + g.exchange(t2, o, s) + overflow)) {
				g.take(s);
				g.take(o);
				g.put(s, to);
				g.put(o, from);
			}
		} else {
			// s into o's cell and o out (s comes from outside, or o may not go to s's room).
			const t1 = from >= 0 ? (from / R) | 0 : -1;
			let delta = m.overflow[o * R + r2] - m.overflow[s * R + r2];
			if (t1 === t2) {
				delta += g.exchange(t2, o, -1) + m.overflow[s * R + (from % R)];
			} else {
				if (!g.hostsFreeWithout(s, t2, o)) continue;
				delta += g.exchange(t2, o, s);
				if (from >= 0) delta += g.gain(s, t1, -1) + m.overflow[s * R + (from % R)];
			}
			if (accept(delta)) {
				g.take(o);
				if (t1 === t2) g.shift(s, to);
				else {
					if (from >= 0) g.take(s);
					g.put(s, to);
				}
			}
		}
	}
	restore(g, best);
}

/**
 * The mean loss of a random move of a placed session to another slot (or of placing one, when none is placed):
 * the scale of the annealing's temperature, which differs by orders of magnitude between a camp of 10 sessions
 * with hundreds of stars each and one of 60.
 */
function typicalLoss(g: Grid, movable: number[], random: () => number): number {
	const m = g.m;
	let sum = 0;
	let count = 0;
	for (let i = 0; i < 200; i++) {
		const s = movable[(random() * movable.length) | 0];
		const t2 = (random() * m.T) | 0;
		const from = g.cell[s];
		const t1 = from >= 0 ? (from / m.R) | 0 : -1;
		if (t1 === t2 || !g.hostsFree(s, t2)) continue;
		const delta = g.gain(s, t2, 1) + (from >= 0 ? g.gain(s, t1, -1) : 0);
		if (delta < 0) {
			sum -= delta;
			count++;
		}
	}
	return count > 0 ? sum / count : 1;
}

/** Puts `g` into the grid described by `cells` (session -> cell or -1). */
function restore(g: Grid, cells: Int32Array): void {
	for (let s = 0; s < g.m.S; s++) if (g.cell[s] >= 0) g.take(s);
	for (let s = 0; s < g.m.S; s++) if (cells[s] >= 0) g.put(s, cells[s]);
}

/**
 * Deterministic hill climb: for each movable session in turn, the best single move (unplace, or `move` to any
 * allowed cell) if it raises the total; until a whole round finds none.
 */
function climb(g: Grid): void {
	const m = g.m;
	const movable = movableSessions(m);
	let improved = true;
	while (improved) {
		improved = false;
		for (const s of movable) {
			const before = g.total;
			let bestTo = -2;
			let bestTotal = before;
			const from = g.cell[s];
			for (let to = from >= 0 ? -1 : 0; to < m.R * m.T; to++) {
				if (to === from || (to >= 0 && !m.allowed[s * m.R + (to % m.R)])) continue;
				const u = move(g, s, to);
				if (!u) continue;
				if (g.total > bestTotal) {
					bestTotal = g.total;
					bestTo = to;
				}
				undo(g, u);
			}
			if (bestTo !== -2) {
				move(g, s, bestTo);
				improved = true;
			}
		}
	}
}

/** Sessions still out that fit a free cell without lowering the total go in, most-starred first. */
function fill(g: Grid): void {
	const m = g.m;
	const order = [...Array(m.S).keys()]
		.filter((s) => m.pin[s] === -1 && g.cell[s] < 0)
		.sort((a, b) => m.stars[b] - m.stars[a] || a - b);
	placeEach(g, order, -1);
}

/**
 * Annealing schedule, tuned with `npm run bench:plan` against the exact optimum: a chain starts at a quarter of
 * the typical loss of a move (see `typicalLoss`) and cools geometrically to 2 % of that; one move in twenty
 * takes a placed session out; four chains from the greedy grid, the best kept (one long chain sometimes settles
 * in a grid several per cent worse, e.g. one that misses leaving the most-starred session alone in its slot).
 */
const HOT = 0.25;
const COLD = 0.02;
const UNPLACE_SHARE = 0.05;
const CHAINS = 4;

/**
 * Search effort: a fixed number of annealing moves (not wall time, so the plan is deterministic), 4,000 per
 * session on a grid of 40 cells or more (fewer on smaller grids, which have fewer places to try), 400,000 at most.
 */
function iterationsFor(m: Model): number {
	return Math.min(400_000, m.S * Math.min(4_000, 100 * m.R * m.T));
}

/** The best grid the planner finds for `inst`; the same instance and seed always give the same plan. */
export function plan(inst: PlanInstance): Plan {
	const m = buildModel(inst);
	const g = new Grid(m);
	greedy(g);
	const start = Int32Array.from(g.cell);
	const random = mulberry32(inst.seed ?? 1);
	const iterations = iterationsFor(m);
	let best: Int32Array | null = null;
	let bestTotal = -Infinity;
	for (let chain = 0; chain < CHAINS; chain++) {
		restore(g, start);
		anneal(g, random, Math.floor(iterations / CHAINS));
		climb(g);
		if (g.total > bestTotal) {
			bestTotal = g.total;
			best = Int32Array.from(g.cell);
		}
	}
	restore(g, best!);
	fill(g);
	return toPlan(inst, m, g);
}

function toPlan(inst: PlanInstance, m: Model, g: Grid): Plan {
	const slotOrder = new Map(inst.slots.map((t, i) => [t.id, i]));
	const roomOrder = new Map(inst.rooms.map((r, i) => [r.id, i]));
	const placements: Placement[] = [];
	const unplaced: string[] = [];
	for (let s = 0; s < m.S; s++) {
		const c = g.cell[s];
		if (c < 0) unplaced.push(m.sessionIds[s]);
		else placements.push({ session: m.sessionIds[s], room: m.roomIds[c % m.R], slot: m.slotIds[(c / m.R) | 0] });
	}
	placements.sort(
		(a, b) => slotOrder.get(a.slot)! - slotOrder.get(b.slot)! || roomOrder.get(a.room)! - roomOrder.get(b.room)!
	);
	unplaced.sort(byCode);
	return { placements, unplaced, score: { attendable: g.attendable, overflow: g.overflow, total: g.total } };
}
