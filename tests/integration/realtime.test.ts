import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MeState } from '../../src/lib/protocol/events';
import type { BoardMe } from '../../src/lib/features/board/spec';
import type { CardView } from '../../src/lib/features/board/views';
import { boardRepo } from '../../server/features/board/repo';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, send, startServer, type ClientSocket } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('realtime: commands, replicas and refusals', () => {
	let s: Server;
	let fac: Awaited<ReturnType<typeof makeFacilitator>>;
	let workshop: ReturnType<typeof makeWorkshop>;
	let boardId: string;
	let facSocket: ClientSocket;
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		s = await startServer();
		fac = await makeFacilitator(s.deps);
		workshop = makeWorkshop(s.deps, fac.user.id);
		boardId = workshop.activeActivityId!;
		facSocket = await connect(s.url, { workshopId: workshop.id, as: 'facilitator' }, fac.cookie);
		sockets.push(facSocket);
	});

	afterAll(async () => {
		for (const so of sockets) so.close();
		await s.close();
	});

	async function participant(nickname: string) {
		const p = makeParticipant(s.deps, workshop.id, nickname);
		const socket = await connect(s.url, { workshopId: workshop.id, as: 'participant' }, p.cookie);
		sockets.push(socket);
		return { ...p, socket };
	}

	it('private cards reach only their author and the staff until Reveal, then every replica converges', async () => {
		const alex = await participant('Alex');
		const bo = await participant('Bo');
		const rAlex = replica(s.url, workshop.id, 'public', alex.cookie);
		const rBo = replica(s.url, workshop.id, 'public', bo.cookie);
		const rStaff = replica(s.url, workshop.id, 'staff', fac.cookie);
		const rProj = replica(s.url, workshop.id, 'public', undefined, workshop.projectorToken);
		await Promise.all([rAlex.synced, rBo.synced, rStaff.synced, rProj.synced]);

		// Alex's second device learns of the new card by a `me` push; the sending phone has it in its ack and gets no push.
		const otherDevice = await connect(s.url, { workshopId: workshop.id, as: 'participant' }, alex.cookie);
		sockets.push(otherDevice);
		const me = new Promise<MeState>((r) => otherDevice.once('me', r));
		let senderPushes = 0;
		alex.socket.on('me', () => senderPushes++);
		const created = await send(alex.socket, 'card:create', { key: key(), boardId, text: 'More water fountains' });
		expect(created.ok).toBe(true);
		const cardId = created.ok && created.data.card.id;
		expect(created.ok && created.data.card.text).toBe('More water fountains');
		expect(((await me).slices.board as BoardMe).cards.map((c) => c.id)).toContain(cardId);
		expect(senderPushes).toBe(0);

		const staffCard = await eventually(() => rStaff.cards().get(cardId) as CardView, 2000, 'staff replica');
		expect(staffCard.authorName).toBe('Alex');
		expect(staffCard.hidden).toBe(true);
		expect(rBo.cards().has(cardId)).toBe(false);
		expect(rProj.cards().has(cardId)).toBe(false);

		expect((await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'reveal' })).ok).toBe(true);
		for (const r of [rAlex, rBo, rProj]) await eventually(() => r.cards().has(cardId), 2000, 'public replicas after reveal');
		const pub = rBo.cards().get(cardId) as CardView;
		expect(pub.text).toBe('More water fountains');
		expect(pub.author).toBeNull();
		expect(pub.authorName).toBeUndefined();
		expect(JSON.stringify(rAlex.cards().toJSON())).toBe(JSON.stringify(rProj.cards().toJSON()));
		for (const r of [rAlex, rBo, rStaff, rProj]) r.destroy();
	});

	it('a replica that syncs from empty gets the cached encoding plus every update after it, and converges', async () => {
		const staffCards = async (n: number, prefix: string) => {
			const ids: string[] = [];
			for (let i = 0; i < n; i++) {
				const r = await send(facSocket, 'card:create', { key: key(), boardId, text: `${prefix} ${i}` });
				if (r.ok) ids.push(r.data.card.id);
			}
			return ids;
		};
		const ids = await staffCards(5, 'Before');
		const first = replica(s.url, workshop.id, 'staff', fac.cookie);
		await first.synced; // the full encoding is cached now
		// Changes after the cached encoding, one flush each: a later replica must get them too.
		for (let round = 0; round < 4; round++) {
			ids.push(...(await staffCards(2, `After ${round}`)));
			await eventually(() => ids.every((id) => first.cards().has(id)), 2000, 'first replica');
		}
		const second = replica(s.url, workshop.id, 'staff', fac.cookie);
		await second.synced;
		await eventually(() => ids.every((id) => second.cards().has(id)), 2000, 'second replica has every card');
		ids.push(...(await staffCards(2, 'Later')));
		await eventually(() => ids.every((id) => second.cards().has(id) && first.cards().has(id)), 2000, 'both replicas');
		expect(JSON.stringify(second.cards().toJSON())).toBe(JSON.stringify(first.cards().toJSON()));
		first.destroy();
		second.destroy();
	});

	it('tells the facilitators how many people are in the room, and not every phone', async () => {
		const watcher = await participant('Watcher');
		let phoneGot = 0;
		watcher.socket.on('presence', () => phoneGot++);
		const staffSaw = new Promise<{ participants: number }>((r) => facSocket.once('presence', r));
		await participant('Newcomer');
		expect((await staffSaw).participants).toBeGreaterThanOrEqual(2);
		await new Promise((r) => setTimeout(r, 100));
		expect(phoneGot).toBe(0);
	});

	it('holds the vote budget and the per-item maximum under concurrent double submission from two tabs', async () => {
		const voter = makeParticipant(s.deps, workshop.id, 'Voter');
		const tabA = await connect(s.url, { workshopId: workshop.id, as: 'participant' }, voter.cookie);
		const tabB = await connect(s.url, { workshopId: workshop.id, as: 'participant' }, voter.cookie);
		sockets.push(tabA, tabB);
		const ids: string[] = [];
		for (const text of ['A', 'B', 'C']) {
			const r = await send(facSocket, 'card:create', { key: key(), boardId, text });
			ids.push(r.ok ? r.data.card.id : '');
		}
		expect((await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'vote' })).ok).toBe(true);

		// 2 tabs x 4 taps on each of 3 cards, all in flight at once; budget 3, max 2 per card.
		const taps = ids.flatMap((itemId) => [tabA, tabB, tabA, tabB].map((t) => send(t, 'vote:cast', { key: key(), boardId, itemId, delta: 1 })));
		const results = await Promise.all(taps);
		const accepted = results.filter((r) => r.ok).length;
		expect(accepted).toBe(3);
		const reasons = new Set(results.filter((r) => !r.ok).map((r) => !r.ok && r.error));
		expect([...reasons].every((e) => e === 'budget_exhausted' || e === 'item_max')).toBe(true);
		const mine = boardRepo(s.deps).myVotes(boardId, voter.id);
		expect(Object.values(mine).reduce((a, b) => a + b, 0)).toBe(3);
		expect(Math.max(...Object.values(mine))).toBeLessThanOrEqual(2);

		// A retry after a lost ack carries the same key and is applied once.
		const itemId = Object.keys(mine)[0];
		const k = key();
		const back1 = await send(tabA, 'vote:cast', { key: k, boardId, itemId, delta: -1 });
		const back2 = await send(tabB, 'vote:cast', { key: k, boardId, itemId, delta: -1 });
		expect(back1).toEqual(back2);
		expect(Object.values(boardRepo(s.deps).myVotes(boardId, voter.id)).reduce((a, b) => a + b, 0)).toBe(2);
	});

	it('sends tallies in batches, not one broadcast per vote', async () => {
		const watcher = await participant('Watcher');
		let tallies = 0;
		watcher.socket.on('tally', () => tallies++);
		const facTallies: Record<string, number>[] = [];
		facSocket.on('tally', (t) => {
			expect(t.activityId).toBe(boardId);
			facTallies.push(t.counts);
		});
		const card = await send(facSocket, 'card:create', { key: key(), boardId, text: 'Popular' });
		const itemId = card.ok ? card.data.card.id : '';
		const voters = await Promise.all(Array.from({ length: 12 }, (_, i) => participant(`V${i}`)));
		const lastSeen = new Map<string, number>();
		for (const v of voters) v.socket.on('tally', (t) => lastSeen.set(v.id, t.counts[itemId] ?? 0));
		await Promise.all(voters.map((v) => send(v.socket, 'vote:cast', { key: key(), boardId, itemId, delta: 1 })));
		await eventually(() => facTallies.at(-1)?.[itemId] === 12, 2000, 'facilitator tally of 12');
		// Counts are hidden from the room until voting closes.
		expect(tallies).toBe(0);
		expect((await send(facSocket, 'board:voting', { key: key(), boardId, closed: true })).ok).toBe(true);
		await eventually(() => tallies > 0, 2000, 'room tally after closing');
		expect(tallies).toBeLessThan(12);
		// Phones get the tally slice by slice; every one of them, whatever its slice, sees the final count.
		await eventually(() => voters.every((v) => lastSeen.get(v.id) === 12), 2000, 'every phone has the final tally');
		// A phone that says hello now gets the tallies by activity, and its own dots in the board's slice of `me`.
		const hello = await send(voters[0].socket, 'session:hello', {});
		expect(hello.ok && hello.data.tallies[boardId][itemId]).toBe(12);
		expect(hello.ok && (hello.data.me.slices.board as BoardMe).votes[boardId]).toEqual({ [itemId]: 1 });
		facSocket.off('tally');
	});

	it('refuses forged authors, malformed payloads, other workshops and commands outside the role', async () => {
		const p = await participant('Mallory');
		const forged = await send(p.socket, 'card:create', { key: key(), boardId, text: 'x', authorId: 'someone' } as never);
		expect(forged).toEqual({ ok: false, error: 'invalid_payload' });
		expect(await send(p.socket, 'card:create', { key: 'short', boardId, text: 'x' } as never)).toEqual({ ok: false, error: 'invalid_payload' });
		expect(await send(p.socket, 'card:create', 'garbage' as never)).toEqual({ ok: false, error: 'invalid_payload' });
		expect((await send(p.socket, 'activity:phase', { key: key(), activityId: boardId, phase: 'collect' })).ok).toBe(false);
		// Voting is closed now; a vote is refused with a reason.
		expect(await send(p.socket, 'vote:cast', { key: key(), boardId, itemId: 'nothing', delta: 1 })).toEqual({ ok: false, error: 'voting_closed' });
		// A board of another workshop is not found from here.
		const other = makeWorkshop(s.deps, fac.user.id, 'Other');
		expect(await send(facSocket, 'card:create', { key: key(), boardId: other.activeActivityId!, text: 'x' })).toEqual({ ok: false, error: 'not_found' });
		// A participant of this workshop cannot connect to the other one.
		await expect(connect(s.url, { workshopId: other.id, as: 'participant' }, p.cookie)).rejects.toThrow(/unauthorized/);
		await expect(connect(s.url, { workshopId: workshop.id, as: 'facilitator' }, p.cookie)).rejects.toThrow(/unauthorized/);
		await expect(connect(s.url, { workshopId: workshop.id, as: 'projector', projectorToken: 'wrong' })).rejects.toThrow(/unauthorized/);
	});

	it('refuses a foreign Origin on socket.io and on the Yjs upgrade', async () => {
		const p = makeParticipant(s.deps, workshop.id, 'Origin');
		await expect(connect(s.url, { workshopId: workshop.id, as: 'participant' }, p.cookie, { origin: 'https://evil.example' })).rejects.toThrow();
		const status = await new Promise<number>((resolve) => {
			const ws = new WebSocket(`${s.url.replace('http', 'ws')}/yjs/${workshop.id}/public`, { headers: { cookie: p.cookie, origin: 'https://evil.example' } });
			ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.on('open', () => resolve(101));
		});
		expect(status).toBe(403);
	});

	it('refuses Yjs upgrades without a session or for the staff document, before loading any document', async () => {
		const before = s.realtime.yjs.roomCount;
		const p = makeParticipant(s.deps, workshop.id, 'Peek');
		const other = makeWorkshop(s.deps, fac.user.id, 'Unloaded');
		const tryUpgrade = (path: string, cookie?: string) =>
			new Promise<number>((resolve) => {
				const ws = new WebSocket(`${s.url.replace('http', 'ws')}${path}`, { headers: cookie ? { cookie } : {} });
				ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
				ws.on('open', () => (ws.close(), resolve(101)));
				ws.on('error', () => resolve(-1));
			});
		expect(await tryUpgrade(`/yjs/${other.id}/public`)).toBe(403);
		expect(await tryUpgrade(`/yjs/${other.id}/public`, p.cookie)).toBe(403);
		expect(await tryUpgrade(`/yjs/${workshop.id}/staff`, p.cookie)).toBe(403);
		expect(s.realtime.yjs.loaded(`${other.id}/public`)).toBeNull();
		expect(s.realtime.yjs.roomCount).toBeLessThanOrEqual(before);
	});

	it('drops Yjs writes from a participant connection', async () => {
		const p = await participant('Writer');
		const mine = replica(s.url, workshop.id, 'public', p.cookie);
		const theirs = replica(s.url, workshop.id, 'public', undefined, workshop.projectorToken);
		await Promise.all([mine.synced, theirs.synced]);
		mine.doc.getMap('board.cards').set('forged', { id: 'forged', boardId, text: 'I wrote this directly', columnId: 'x' });
		// A real command after the forged write proves the pipe is flowing.
		const r = await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'group' });
		expect(r.ok).toBe(true);
		await eventually(() => (theirs.boards().get(boardId) as { phase: string })?.phase === 'group', 2000, 'phase on replica');
		expect(theirs.cards().has('forged')).toBe(false);
		expect(s.realtime.yjs.loaded(`${workshop.id}/public`)!.getMap('board.cards').has('forged')).toBe(false);
		mine.destroy();
		theirs.destroy();
	});

	it('closes only the connection that sent a malformed Yjs frame', async () => {
		const good = replica(s.url, workshop.id, 'public', undefined, workshop.projectorToken);
		await good.synced;
		const p = makeParticipant(s.deps, workshop.id, 'Fuzzy');
		const bad = new WebSocket(`${s.url.replace('http', 'ws')}/yjs/${workshop.id}/public`, { headers: { cookie: p.cookie } });
		await new Promise((r) => bad.once('open', r));
		const closed = new Promise<number>((r) => bad.once('close', (code) => r(code)));
		bad.send(Buffer.from([0x00, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
		expect(await closed).toBe(4400);
		expect(good.provider.wsconnected).toBe(true);
		const r = await send(facSocket, 'card:create', { key: key(), boardId, text: 'Still alive' });
		const id = r.ok ? r.data.card.id : '';
		await eventually(() => good.cards().has(id), 2000, 'update after the bad frame');
		const health = await fetch(`${s.url}/healthz`);
		expect(health.status).toBe(200);
		// The health report counts commands and their handling time (the server's share of an ack's latency).
		const body = (await health.json()) as { commands: { count: number; p99Ms: number; maxMs: number } };
		expect(body.commands.count).toBeGreaterThan(0);
		expect(body.commands.maxMs).toBeGreaterThanOrEqual(body.commands.p99Ms);
		good.destroy();
	});

	it('applies a retried command once and returns the same result', async () => {
		const p = await participant('Retry');
		await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'collect' });
		const k = key();
		const a = await send(p.socket, 'card:create', { key: k, boardId, text: 'Only once' });
		const b = await send(p.socket, 'card:create', { key: k, boardId, text: 'Only once' });
		expect(a).toEqual(b);
		expect(boardRepo(s.deps).cardsByAuthor(boardId, p.id)).toHaveLength(1);
		const cardId = a.ok ? a.data.card.id : '';
		expect(s.deps.repos.participation.ofWorkshop(workshop.id).filter((e) => e.subjectId === cardId).map((e) => e.kind)).toEqual(['board.card.posted']);
		expect(s.deps.repos.receipts.find(p.id, k)?.result).toEqual({ cardRef: cardId });
	});

	it('answers a command flood on one connection with "slow down" and keeps serving others', async () => {
		const p = await participant('Flood');
		const other = await participant('Calm');
		await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'collect' });
		const results = await Promise.all(Array.from({ length: 80 }, (_, i) => send(p.socket, 'card:update', { key: key(), cardId: `nope${i}`, text: 'x' })));
		const limited = results.filter((r) => !r.ok && r.error === 'rate_limited').length;
		expect(limited).toBeGreaterThan(30);
		expect(results.filter((r) => !r.ok && r.error === 'not_found').length).toBeGreaterThan(0);
		expect((await send(other.socket, 'card:create', { key: key(), boardId, text: 'still fine' })).ok).toBe(true);
	});

	it('refuses an expired facilitator session and an oversized Yjs frame closes only its connection', async () => {
		const expired = s.deps.repos.accounts.createSession(fac.user.id, Date.now() - 15 * 24 * 3600 * 1000);
		await expect(connect(s.url, { workshopId: workshop.id, as: 'facilitator' }, `plenum_session=${expired.token}`)).rejects.toThrow(/unauthorized/);
		const p = makeParticipant(s.deps, workshop.id, 'Big');
		const ws = new WebSocket(`${s.url.replace('http', 'ws')}/yjs/${workshop.id}/public`, { headers: { cookie: p.cookie } });
		await new Promise((r) => ws.once('open', r));
		const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
		ws.send(Buffer.alloc(2 * 1024 * 1024, 1));
		expect(await closed).toBe(1009);
		expect((await send(facSocket, 'card:create', { key: key(), boardId, text: 'after the big frame' })).ok).toBe(true);
	});

	it('a phase change resets a countdown that has run out, and leaves a running one alone', async () => {
		const timer = () => JSON.parse(s.deps.repos.workshops.get(workshop.id)!.timer) as { status: string };
		expect((await send(facSocket, 'timer:control', { key: key(), action: 'start', seconds: 1 })).ok).toBe(true);
		await eventually(() => JSON.parse(s.deps.repos.workshops.get(workshop.id)!.timer).endsAt < Date.now(), 3000, 'the countdown ends');
		expect(timer().status).toBe('running');
		expect((await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'group' })).ok).toBe(true);
		expect(timer().status).toBe('idle');

		expect((await send(facSocket, 'timer:control', { key: key(), action: 'start', seconds: 600 })).ok).toBe(true);
		expect((await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'collect' })).ok).toBe(true);
		expect(timer().status).toBe('running');
		await send(facSocket, 'timer:control', { key: key(), action: 'reset' });
	});

	it('phones act only in the activity the room follows, and follow another one when the facilitator activates it', async () => {
		const p = await participant('Follower');
		const rPhone = replica(s.url, workshop.id, 'public', p.cookie);
		await rPhone.synced;
		await send(facSocket, 'activity:phase', { key: key(), activityId: boardId, phase: 'collect' });
		const added = await send(facSocket, 'activity:add', { key: key(), type: 'board', title: 'Next round' });
		expect(added.ok).toBe(true);
		const next = added.ok ? (added.data.activityId as string) : '';
		await eventually(() => (rPhone.activities().get(next) as { type: string; title: string } | undefined)?.title === 'Next round', 2000, 'the new activity on the phone');
		expect(rPhone.activities().get(next)).toMatchObject({ id: next, type: 'board', phase: 'collect' });
		// The staff prepare the new board; the phone may not write there yet.
		expect((await send(facSocket, 'card:create', { key: key(), boardId: next, text: 'Prepared' })).ok).toBe(true);
		expect(await send(p.socket, 'card:create', { key: key(), boardId: next, text: 'Too early' })).toEqual({ ok: false, error: 'not_active' });
		expect((await send(facSocket, 'activity:activate', { key: key(), activityId: next })).ok).toBe(true);
		await eventually(() => (rPhone.meta().get('workshop') as { activeActivityId: string }).activeActivityId === next, 2000, 'the phone follows');
		expect((await send(p.socket, 'card:create', { key: key(), boardId: next, text: 'Now' })).ok).toBe(true);
		expect(await send(p.socket, 'card:create', { key: key(), boardId, text: 'Back there' })).toEqual({ ok: false, error: 'not_active' });
		// Removing the active activity: the room follows the one beside it.
		expect((await send(facSocket, 'activity:remove', { key: key(), activityId: next })).ok).toBe(true);
		await eventually(() => (rPhone.meta().get('workshop') as { activeActivityId: string }).activeActivityId === boardId && !rPhone.activities().has(next), 2000, 'back on the first board');
		expect([...rPhone.cards().values()].some((c) => (c as CardView).boardId === next)).toBe(false);
		rPhone.destroy();
	});
});
