// PLACEHOLDER until the planner branch lands (same API; greedy only). Replaced on merge.
export interface PlanRoom { id: string; capacity: number; features: string[] }
export interface PlanSlot { id: string; start: string; end: string }
export interface PlanSession { id: string; hosts: string[]; needs: string[]; pinned?: { room: string; slot: string } }
export interface PlanInstance { rooms: PlanRoom[]; slots: PlanSlot[]; sessions: PlanSession[]; interest: Record<string, string[]>; seed?: number }
export interface Placement { session: string; room: string; slot: string }
export interface Score { attendable: number; overflow: number; total: number }
export interface Plan { placements: Placement[]; unplaced: string[]; score: Score }
export type Unplaced = 'no_room_with_features' | 'hosts_busy' | 'no_free_cell' | 'not_worth_it';
export type Problem = { kind: 'cell_taken' | 'host_clash' | 'missing_feature' | 'over_capacity'; session: string; other?: string; room?: string; slot?: string; host?: string; feature?: string; interest?: number; capacity?: number };
export function score(inst: PlanInstance, placements: Placement[]): Score {
	const at = new Map(placements.map((p) => [p.session, p]));
	const hosts = new Map(inst.sessions.map((s) => [s.id, s.hosts]));
	const stars = new Map<string, number>();
	let attendable = 0;
	for (const [p, list] of Object.entries(inst.interest)) {
		for (const s of list) stars.set(s, (stars.get(s) ?? 0) + 1);
		for (const t of inst.slots) {
			const hostsHere = placements.some((x) => x.slot === t.id && hosts.get(x.session)?.includes(p));
			if (!hostsHere && list.some((s) => at.get(s)?.slot === t.id)) attendable++;
		}
	}
	const cap = new Map(inst.rooms.map((r) => [r.id, r.capacity]));
	let overflow = 0;
	for (const p of placements) overflow += Math.max(0, (stars.get(p.session) ?? 0) - (cap.get(p.room) ?? 0));
	return { attendable, overflow, total: attendable - overflow };
}
export function plan(inst: PlanInstance): Plan {
	const placements: Placement[] = [];
	const taken = new Set<string>();
	const busy = new Set<string>();
	for (const s of inst.sessions) if (s.pinned) { placements.push({ session: s.id, ...s.pinned }); taken.add(`${s.pinned.room}|${s.pinned.slot}`); for (const h of s.hosts) busy.add(`${h}|${s.pinned.slot}`); }
	const unplaced: string[] = [];
	for (const s of inst.sessions) {
		if (s.pinned) continue;
		let done = false;
		for (const t of inst.slots) {
			if (s.hosts.some((h) => busy.has(`${h}|${t.id}`))) continue;
			const r = inst.rooms.find((r) => !taken.has(`${r.id}|${t.id}`) && s.needs.every((n) => r.features.includes(n)));
			if (!r) continue;
			placements.push({ session: s.id, room: r.id, slot: t.id });
			taken.add(`${r.id}|${t.id}`);
			for (const h of s.hosts) busy.add(`${h}|${t.id}`);
			done = true;
			break;
		}
		if (!done) unplaced.push(s.id);
	}
	return { placements, unplaced, score: score(inst, placements) };
}
export function whyUnplaced(_inst: PlanInstance, _p: Placement[], _s: string): Unplaced { return 'no_free_cell'; }
export function problems(_inst: PlanInstance, _p: Placement[]): Problem[] { return []; }
export function parseInstance(json: unknown): { ok: true; value: PlanInstance } | { ok: false; error: string } { return { ok: true, value: json as PlanInstance }; }
