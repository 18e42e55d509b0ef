import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BARCAMP_MAPS } from '../../src/lib/features/barcamp/info';
import type { CampView, PlacementView, ProposalView } from '../../src/lib/features/barcamp/views';
import { applyCommand, connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, rng, send, sendOk, startServer, tempDataDir, type ClientSocket } from './harness';
import { closeTextClients, textClient } from './text-clients';
import { planPool } from '../../server/features/barcamp/plan-pool';

type Server = Awaited<ReturnType<typeof startServer>>;
const MIN = 60_000;

describe('BarCamp through real sockets: from proposals to the published grid', () => {
	let s: Server;
	let fac: ClientSocket;
	let campId: string;
	let workshopId: string;
	const phones: { id: string; cookie: string; socket: ClientSocket; name: string }[] = [];
	let rooms: string[] = [];
	let slots: string[] = [];
	const now = Date.now();

	beforeAll(async () => {
		s = await startServer(tempDataDir(), { textOptions: { flushMs: 30, snapshotMs: 100 } });
		const owner = await makeFacilitator(s.deps, 'owner');
		const w = makeWorkshop(s.deps, owner.user.id, 'Camp');
		workshopId = w.id;
		fac = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
		campId = (await sendOk(fac, 'activity:add', { type: 'barcamp', title: 'Youth BarCamp' })).activityId;
		await sendOk(fac, 'activity:activate', { activityId: campId });
		for (const name of ['Ada', 'Ben', 'Cleo']) {
			const p = makeParticipant(s.deps, w.id, name);
			phones.push({ ...p, name, socket: await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie) });
		}
	});
	afterAll(async () => {
		closeTextClients();
		for (const p of phones) p.socket.close();
		fac?.close();
		await s.close();
	});

	const phase = (p: string) => sendOk(fac, 'activity:phase', { activityId: campId, phase: p });
	const propose = (socket: ClientSocket, title: string, extra: Record<string, unknown> = {}) =>
		send(socket, 'proposal:create', { key: key(), activityId: campId, title, description: 'About ' + title, format: 'discussion', needs: [], cohostIds: [], anonymous: false, ...extra } as never);
	const proposeOk = async (socket: ClientSocket, title: string, extra: Record<string, unknown> = {}): Promise<ProposalView> => {
		const r = await propose(socket, title, extra);
		if (!r.ok) throw new Error(`proposal refused: ${r.error}`);
		return r.data.proposal;
	};

	it('sets up rooms and slots, refusing contradictions with a reason', async () => {
		for (const [name, capacity, features] of [
			['Aula', 80, ['projector', 'sound']],
			['Room B', 20, ['whiteboard']],
			['Room C', 12, []]
		] as const)
			rooms.push((await sendOk(fac, 'barcamp:rooms', { activityId: campId, op: { type: 'add', name, capacity, features } })).roomId);
		// The first slot runs now, so check-ins can be tried; lunch takes no session.
		const times = [
			[now - 10 * MIN, now + 35 * MIN, 'sessions'],
			[now + 45 * MIN, now + 90 * MIN, 'sessions'],
			[now + 90 * MIN, now + 135 * MIN, 'break'],
			[now + 135 * MIN, now + 180 * MIN, 'sessions']
		] as const;
		for (const [start, end, kind] of times) slots.push((await sendOk(fac, 'barcamp:slots', { activityId: campId, op: { type: 'add', start, end, kind, label: kind === 'break' ? 'Lunch' : '' } })).slotId);
		expect(await send(fac, 'barcamp:slots', { key: key(), activityId: campId, op: { type: 'add', start: now, end: now - 1, kind: 'sessions' } })).toEqual({ ok: false, error: 'slot_times' });
		expect(await send(fac, 'barcamp:slots', { key: key(), activityId: campId, op: { type: 'add', start: now, end: now + MIN, kind: 'break', label: '  ' } })).toEqual({ ok: false, error: 'title_empty' });
		expect(await send(fac, 'barcamp:rooms', { key: key(), activityId: campId, op: { type: 'add', name: '', capacity: 5, features: [] } })).toEqual({ ok: false, error: 'title_empty' });
		expect(await send(fac, 'barcamp:rooms', { key: key(), activityId: campId, op: { type: 'update', roomId: 'nope', capacity: 5 } })).toEqual({ ok: false, error: 'unknown_room' });
		const camp = s.deps.services ? (await eventually(() => staffCamp(), 3000, 'staff camp')) : null;
		expect(camp!.rooms.map((r) => r.name)).toEqual(['Aula', 'Room B', 'Room C']);
		expect(camp!.slots.map((x) => x.kind)).toEqual(['sessions', 'sessions', 'break', 'sessions']);
	});

	let staff: ReturnType<typeof replica>;
	let pub: ReturnType<typeof replica>[] = [];
	async function staffCamp(): Promise<CampView | undefined> {
		staff ??= replica(s.url, workshopId, 'staff', (fac.io.opts.extraHeaders as Record<string, string>).cookie);
		await staff.synced;
		return staff.doc.getMap<CampView>(BARCAMP_MAPS.camps).get(campId);
	}

	const ids: Record<string, string> = {};

	it('takes proposals only while proposals are open, with clear refusals for bad ones', async () => {
		const [ada, ben, cleo] = phones;
		expect(await propose(ada.socket, 'Too early')).toEqual({ ok: false, error: 'proposals_closed' });
		await phase('propose');
		expect(await propose(ada.socket, '   ')).toEqual({ ok: false, error: 'title_empty' });
		expect(await propose(ada.socket, 'x'.repeat(81))).toEqual({ ok: false, error: 'proposal_too_long' });
		expect(await propose(ada.socket, 'Ok', { description: 'd'.repeat(501) })).toEqual({ ok: false, error: 'description_too_long' });
		expect(await propose(ada.socket, 'Ok', { cohostIds: ['someone-else'] })).toEqual({ ok: false, error: 'unknown_cohost' });
		const a = await proposeOk(ada.socket, 'Robots with Lego', { cohostIds: [ben.id], needs: ['projector'], anonymous: true });
		ids.robots = a.id;
		expect(a.cohostIds).toEqual([ben.id]);
		ids.games = (await proposeOk(ben.socket, 'Game jam ideas')).id;
		ids.climate = (await proposeOk(cleo.socket, 'Climate data')).id;
		ids.music = (await proposeOk(cleo.socket, 'Music with code')).id;
		ids.drop = (await proposeOk(cleo.socket, 'Withdrawn later')).id;
		expect(await propose(cleo.socket, 'Fourth')).toEqual({ ok: false, error: 'proposal_limit' });
		expect(await send(ada.socket, 'interest:set', { key: key(), proposalId: ids.games, on: true })).toEqual({ ok: false, error: 'interest_closed' });
		expect(await send(ada.socket, 'proposal:update', { key: key(), proposalId: ids.games, title: 'Mine now' })).toEqual({ ok: false, error: 'not_proposer' });
		expect((await sendOk(cleo.socket, 'proposal:withdraw', { proposalId: ids.drop })).proposalId).toBe(ids.drop);

		// The room sees open proposals, the anonymous one without its proposer; staff see who proposed it.
		const p = replica(s.url, workshopId, 'public', ada.cookie);
		pub.push(p);
		await p.synced;
		const list = await eventually(() => {
			const m = p.doc.getMap<ProposalView>(BARCAMP_MAPS.proposals);
			return m.size === 4 ? [...m.values()] : null;
		});
		const robots = list.find((x) => x.id === ids.robots)!;
		expect(robots.proposer).toBeNull();
		expect(robots.cohosts).toEqual(['Ben']);
		expect(robots).not.toHaveProperty('hostIds');
		expect(list.some((x) => x.id === ids.drop)).toBe(false);
		await staffCamp();
		const staffRobots = await eventually(() => staff.doc.getMap<ProposalView>(BARCAMP_MAPS.proposals).get(ids.robots));
		expect(staffRobots.proposerName).toBe('Ada');
		expect(staffRobots.hostIds!.sort()).toEqual([ada.id, ben.id].sort());
	});

	it('moderates: reject with a reason the proposer sees, restore, merge', async () => {
		const cleo = phones[2];
		await sendOk(fac, 'proposal:reject', { proposalId: ids.music, reason: 'Please merge with climate' });
		const me = await eventually(async () => {
			const r = await send(cleo.socket, 'me:data', {} as never);
			return r.ok ? r.data : null;
		});
		expect(JSON.stringify(me)).toContain('Please merge with climate');
		await sendOk(fac, 'proposal:restore', { proposalId: ids.music });
		expect(await send(fac, 'proposal:merge', { key: key(), proposalId: ids.music, intoId: ids.music })).toEqual({ ok: false, error: 'merge_self' });
		await sendOk(fac, 'proposal:merge', { proposalId: ids.music, intoId: ids.climate });
		expect(await send(cleo.socket, 'proposal:update', { key: key(), proposalId: ids.music, title: 'Back' })).toEqual({ ok: false, error: 'proposal_gone' });
	});

	it('runs the pitch on the projector', async () => {
		await phase('pitch');
		await sendOk(fac, 'barcamp:pitch', { activityId: campId, proposalId: ids.robots });
		const camp = await eventually(() => pub[0].doc.getMap<CampView>(BARCAMP_MAPS.camps).get(campId)?.pitch);
		expect(camp.proposalId).toBe(ids.robots);
	});

	it('collects interest while voting is open; the room sees no counts unless the setting shows them', async () => {
		await phase('vote');
		const [ada, ben, cleo] = phones;
		const counts: Record<string, number>[] = [];
		ada.socket.on('tally', (t) => counts.push(t.counts));
		const staffTally: Record<string, number>[] = [];
		fac.on('tally', (t) => staffTally.push(t.counts));
		for (const [who, list] of [
			[ada, [ids.games, ids.climate]],
			[ben, [ids.climate]],
			[cleo, [ids.climate, ids.robots]]
		] as const)
			for (const id of list) expect((await sendOk(who.socket, 'interest:set', { proposalId: id, on: true })).on).toBe(true);
		await sendOk(ben.socket, 'interest:set', { proposalId: ids.climate, on: false });
		await sendOk(ben.socket, 'interest:set', { proposalId: ids.climate, on: true });
		const last = await eventually(() => {
			const t = staffTally.at(-1);
			return t && t[ids.climate] === 3 && t[ids.robots] === 1 ? t : null;
		});
		expect(last).toMatchObject({ [ids.games]: 1, [ids.robots]: 1, $voters: 3 });
		expect(counts).toEqual([]);
		expect(await send(ada.socket, 'proposal:withdraw', { key: key(), proposalId: ids.games })).toEqual({ ok: false, error: 'not_proposer' });
	});

	it('plans the grid for staff only, then publishes it to every phone', async () => {
		expect(await send(fac, 'barcamp:plan', { key: key(), activityId: campId })).toEqual({ ok: false, error: 'not_arranging' });
		await phase('plan');
		expect(await send(phones[0].socket, 'proposal:update', { key: key(), proposalId: ids.robots, title: 'Late change' })).toEqual({ ok: false, error: 'editing_closed' });
		const r = await sendOk(fac, 'barcamp:plan', { activityId: campId });
		expect(r.placed).toBe(3);
		expect(r.unplaced).toBe(0);
		const staffPl = await eventually(() => (staff.doc.getMap(BARCAMP_MAPS.placements).size === 3 ? staff.doc.getMap<PlacementView>(BARCAMP_MAPS.placements) : null));
		// The robots need a projector: only the Aula has one.
		expect(staffPl.get(ids.robots)!.roomId).toBe(rooms[0]);
		expect(pub[0].doc.getMap(BARCAMP_MAPS.placements).size).toBe(0);
		const camp = (await staffCamp())!;
		expect(camp.lastPlan).toMatchObject({ unplaced: [] });
		await phase('live');
		await eventually(() => pub[0].doc.getMap(BARCAMP_MAPS.placements).size === 3);
		expect(pub[0].doc.getMap<CampView>(BARCAMP_MAPS.camps).get(campId)!.published).toBe(true);
		expect(pub[0].doc.getMap<PlacementView>(BARCAMP_MAPS.placements).get(ids.robots)).not.toHaveProperty('pinned');
	});

	it('a move after publishing reaches every phone in one update, with where it came from', async () => {
		for (const p of phones.slice(1)) pub.push(replica(s.url, workshopId, 'public', p.cookie));
		await Promise.all(pub.map((p) => p.synced));
		await eventually(() => pub.every((p) => p.doc.getMap(BARCAMP_MAPS.placements).size === 3));
		const updates = pub.map(() => 0);
		pub.forEach((p, i) => p.doc.on('update', () => updates[i]++));
		const before = pub[0].doc.getMap<PlacementView>(BARCAMP_MAPS.placements).get(ids.climate)!;
		// Move the climate session to Room C in the other session slot of the afternoon (swapping with what is there).
		const target = { roomId: rooms[2], slotId: before.slotId === slots[3] ? slots[1] : slots[3] };
		const moved = await sendOk(fac, 'barcamp:place', { proposalId: ids.climate, ...target });
		await eventually(() => pub.every((p) => p.doc.getMap<PlacementView>(BARCAMP_MAPS.placements).get(ids.climate)?.slotId === target.slotId));
		expect(updates).toEqual([1, 1, 1]);
		const now = pub[1].doc.getMap<PlacementView>(BARCAMP_MAPS.placements).get(ids.climate)!;
		expect(now.from).toEqual({ roomId: before.roomId, slotId: before.slotId });
		expect(now.movedAt).toBeGreaterThan(0);
		// Three people starred climate; Room C holds 12: no warning. A lunch slot takes no session.
		expect(moved.problems.filter((p: { session: string; kind: string }) => p.session === ids.climate && p.kind !== 'host_clash')).toEqual([]);
		expect(await send(fac, 'barcamp:place', { key: key(), proposalId: ids.climate, roomId: rooms[0], slotId: slots[2] })).toEqual({ ok: false, error: 'not_session_slot' });
		expect(await send(fac, 'barcamp:place', { key: key(), proposalId: ids.climate, roomId: rooms[0], slotId: null })).toEqual({ ok: false, error: 'invalid_payload' });
	});

	it('warns, without refusing, when a move puts a host in two places', async () => {
		// Ben hosts "Game jam" and co-hosts "Robots": put both in the first slot.
		await sendOk(fac, 'barcamp:place', { proposalId: ids.robots, roomId: rooms[0], slotId: slots[0] });
		const r = await sendOk(fac, 'barcamp:place', { proposalId: ids.games, roomId: rooms[1], slotId: slots[0] });
		expect(r.problems.some((p: { kind: string }) => p.kind === 'host_clash')).toBe(true);
		const camp = await eventually(async () => ((await staffCamp())!.problems!.length ? (await staffCamp())! : null));
		expect(camp.problems!.some((p) => p.kind === 'host_clash')).toBe(true);
	});

	it('check-in: one session per slot, only the current slot, also when two arrive at once', async () => {
		const [ada, ben, cleo] = phones;
		expect(await send(cleo.socket, 'checkin:set', { key: key(), proposalId: ids.climate })).toEqual({ ok: false, error: 'not_current_slot' });
		// Two check-ins from one person to two sessions of the running slot, sent together: exactly one wins.
		const both = await Promise.all([send(cleo.socket, 'checkin:set', { key: key(), proposalId: ids.robots }), send(cleo.socket, 'checkin:set', { key: key(), proposalId: ids.games })]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(['already_checked_in']);
		expect((await sendOk(ada.socket, 'checkin:set', { proposalId: ids.robots })).slotId).toBe(slots[0]);
		// Checking in again to the same session is fine (a retry), and Cleo's own state shows it.
		const winner = both.find((r) => r.ok)!;
		expect((await sendOk(cleo.socket, 'checkin:set', { proposalId: winner.ok ? winner.data.proposalId : '' })).slotId).toBe(slots[0]);
		void ben;
	});

	it('session notes: hosts and checked-in people write, everyone else reads', () => {
		const mod = s.deps.modules.get('barcamp')!;
		const activity = s.deps.repos.activities.get(campId)!;
		const [ada, ben, cleo] = phones;
		expect(mod.texts!.access(s.deps, activity, ids.robots, { role: 'participant', id: ben.id })).toBe('write');
		expect(mod.texts!.access(s.deps, activity, ids.robots, { role: 'participant', id: ada.id })).toBe('write');
		expect(mod.texts!.access(s.deps, activity, ids.climate, { role: 'participant', id: ada.id })).toBe('read');
		expect(mod.texts!.access(s.deps, activity, ids.climate, { role: 'projector', id: 'x' })).toBe('read');
		expect(mod.texts!.access(s.deps, activity, ids.music, { role: 'participant', id: cleo.id })).toBeNull();
	});

	it("two phones co-edit a session's notes live; the exports carry the grid and the notes; a phone gets its own iCal", async () => {
		const [ada, , cleo] = phones;
		const entity = `${campId}.${ids.robots}`;
		const a = textClient(s, workshopId, entity, ada.cookie, { maxBackoffTime: 100 });
		const c = textClient(s, workshopId, entity, cleo.cookie, { maxBackoffTime: 100 });
		await eventually(() => a.status === 'online' && a.access === 'write' && c.status === 'online' && c.access === 'write', 5000, 'host and checked-in phone write');
		a.ytext.insert(0, 'Robots: Ada brings the kits.\n');
		await eventually(() => c.text.includes('Ada brings'), 3000, 'the other phone sees it');
		c.ytext.insert(c.text.length, 'Cleo: sensors next time.');
		await eventually(() => a.text.includes('sensors next time'), 3000, 'and back');
		await eventually(() => (s.deps.services.exportActivity(workshopId, campId, 'md')?.body ?? '').includes('sensors next time'), 5000, 'notes in the Markdown export');
		const md = s.deps.services.exportActivity(workshopId, campId, 'md')!.body;
		expect(md).toContain('Robots with Lego');
		expect(md).toContain('Aula');
		expect(md).toContain('Lunch');
		const csv = s.deps.services.exportActivity(workshopId, campId, 'csv')!;
		expect(csv.filename).toMatch(/\.csv$/);
		expect(csv.body).toContain('Cleo: sensors next time.');
		const ics = s.deps.services.exportActivity(workshopId, campId, 'ics')!.body;
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
		// Ada hosts the robots session and starred games and climate: her calendar has exactly those three.
		const mine = s.deps.services.personalExport(workshopId, campId, ada.id, 'ics')!.body;
		expect(mine.match(/BEGIN:VEVENT/g)).toHaveLength(3);
		expect(mine).toContain(`UID:${ids.robots}@`);
		// Ben hosts games, co-hosts robots and starred climate; the anonymous proposer of robots is named nowhere.
		const bens = s.deps.services.personalExport(workshopId, campId, phones[1].id, 'ics')!.body;
		expect(bens.match(/BEGIN:VEVENT/g)).toHaveLength(3);
		expect(bens).not.toContain('Ada');
		expect(s.deps.services.personalExport(workshopId, campId, ada.id, 'md')).toBeNull();
	});

	it('confirms hosts and records the participation log', async () => {
		const [ada, ben] = phones;
		expect(await send(fac, 'barcamp:hosted', { key: key(), proposalId: ids.robots, hostIds: [phones[2].id] })).toEqual({ ok: false, error: 'unknown_host' });
		await sendOk(fac, 'barcamp:hosted', { proposalId: ids.robots, hostIds: [ada.id, ben.id] });
		const kinds = s.deps.sqlite.prepare(`select kind, count(*) n from participation_events where activity_id = ? group by kind`).all(campId) as { kind: string; n: number }[];
		const by = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
		expect(by).toMatchObject({
			'barcamp.proposal.submitted': 5,
			'barcamp.proposal.pitched': 1,
			'barcamp.interest.given': 6,
			'barcamp.interest.withdrawn': 1,
			'barcamp.grid.published': 1,
			'barcamp.session.hosted': 2,
			'barcamp.session.checked_in': 2
		});
	});

	it('erasing a participant takes their proposals off every phone', async () => {
		const cleo = phones[2];
		const told = new Promise((r) => fac.once('participant:erased', r));
		await sendOk(cleo.socket, 'me:forget', {});
		// The facilitators are told that her session left the published grid (no placeholder: nobody would host it).
		expect(await told).toEqual({ removedItems: 0, sessionsRemoved: 1 });
		await eventually(() => !pub[0].doc.getMap(BARCAMP_MAPS.proposals).has(ids.climate) && !pub[0].doc.getMap(BARCAMP_MAPS.placements).has(ids.climate));
		for (const p of pub) p.destroy();
		staff.destroy();
	});
});

describe('BarCamp planning never holds up the room', () => {
	it("a phone's command sent after Plan is answered before the plan, which is made in the planner's thread", async () => {
		const s = await startServer();
		try {
			const owner = await makeFacilitator(s.deps, 'planner');
			const w = makeWorkshop(s.deps, owner.user.id, 'Big camp');
			// Seeded through the handlers directly (the socket's rate limit is for people, not for setting up a test).
			const me = { role: 'facilitator' as const, id: owner.user.id };
			const run = <C extends Parameters<typeof applyCommand>[3]>(name: C, payload: Parameters<typeof applyCommand<C>>[4]) => applyCommand(s.deps, w.id, me, name, payload);
			const campId = run('activity:add', { type: 'barcamp' }).activityId;
			run('activity:activate', { activityId: campId });
			for (let r = 0; r < 8; r++) run('barcamp:rooms', { activityId: campId, op: { type: 'add', name: `Room ${r}`, capacity: 10 + 10 * r, features: r % 3 ? [] : ['projector'] } });
			const t = Date.parse('2030-05-04T08:00:00Z');
			for (let i = 0; i < 6; i++) run('barcamp:slots', { activityId: campId, op: { type: 'add', start: t + i * 3_600_000, end: t + i * 3_600_000 + 2_700_000, kind: 'sessions' } });
			run('activity:phase', { activityId: campId, phase: 'propose' });
			const people = Array.from({ length: 200 }, (_, i) => makeParticipant(s.deps, w.id, `P${i}`));
			const ids: string[] = [];
			for (let i = 0; i < 40; i++) ids.push(run('proposal:create', { activityId: campId, title: `Session ${i}`, description: '', format: 'talk', needs: [], cohostIds: [people[i].id], anonymous: false }).proposal.id);
			run('activity:phase', { activityId: campId, phase: 'vote' });
			const random = rng(7);
			for (const p of people)
				for (let k = 0; k < 5; k++) applyCommand(s.deps, w.id, { role: 'participant', id: p.id }, 'interest:set', { proposalId: ids[Math.floor(random() ** 2 * ids.length)], on: true });
			run('activity:phase', { activityId: campId, phase: 'plan' });
			const fac = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
			const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, people[0].cookie);
			const order: string[] = [];
			const threadPlans = planPool.completed;
			const planned = send(fac, 'barcamp:plan', { key: key(), activityId: campId }).then((r) => (order.push('plan'), r));
			const answered = send(phone, 'me:data', {} as never).then((r) => (order.push('phone'), r));
			const [r] = await Promise.all([planned, answered]);
			expect(r.ok && r.data.placed).toBeGreaterThan(30);
			expect(order).toEqual(['phone', 'plan']);
			expect(planPool.completed).toBe(threadPlans + 1);
			// The plan the thread made is the one stored: the grid breaks no hard rule.
			const camp = s.deps.repos.activities.get(campId)!;
			const staff = replica(s.url, w.id, 'staff', owner.cookie);
			await staff.synced;
			const view = await eventually(() => staff.doc.getMap<CampView>(BARCAMP_MAPS.camps).get(camp.id));
			expect((view.problems ?? []).filter((p) => p.kind !== 'over_capacity')).toEqual([]);
			staff.destroy();
			phone.close();
			fac.close();
		} finally {
			await s.close();
		}
	});
});
