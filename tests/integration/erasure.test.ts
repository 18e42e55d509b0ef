import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRepo } from '../../server/features/board/repo';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, searchDatabase, send, sendOk, startServer, type ClientSocket } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Issue 14, item 7: one participant's "erase my data" in the middle of a discussion removes her words and her name
 * everywhere, but not the room's structure: her cards stay as "removed by its author" in their columns and groups
 * with their dots, the discussed item stays discussed, the ranking keeps its places, and the facilitators are told.
 */
describe('erasure keeps the room’s structure', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it('her cards stay as placeholders with their dots, the discussion does not jump, and nothing of her is left in the database', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const nickname = 'Lealoquence';
		const lea = makeParticipant(s.deps, w.id, nickname);
		const ben = makeParticipant(s.deps, w.id, 'Ben');
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, lea.cookie);
		const benPhone = await connect(s.url, { workshopId: w.id, as: 'participant' }, ben.cookie);
		const texts = ['Quorblenty shade sails', 'Zephyrquill water taps', 'Snorkelwhim hidden idea'];
		const grouped = (await sendOk(phone, 'card:create', { boardId, text: texts[0] })).card.id;
		const alone = (await sendOk(phone, 'card:create', { boardId, text: texts[1] })).card.id;
		const hidden = (await sendOk(phone, 'card:create', { boardId, text: texts[2] })).card.id;
		const bens = (await sendOk(benPhone, 'card:create', { boardId, text: 'More benches' })).card.id;
		await sendOk(staff, 'card:moderate', { cardId: hidden, action: 'hide' });
		await sendOk(staff, 'activity:phase', { activityId: boardId, phase: 'group' });
		const group = (await sendOk(staff, 'cluster:create', { boardId, title: 'Comfort', cardIds: [grouped, bens] })).clusterId;
		await sendOk(staff, 'activity:phase', { activityId: boardId, phase: 'vote' });
		// Léa puts two dots on the group and one on her own card; Ben one on her card.
		await sendOk(phone, 'vote:cast', { boardId, itemId: group, delta: 1 });
		await sendOk(phone, 'vote:cast', { boardId, itemId: group, delta: 1 });
		await sendOk(phone, 'vote:cast', { boardId, itemId: alone, delta: 1 });
		await sendOk(benPhone, 'vote:cast', { boardId, itemId: alone, delta: 1 });
		await sendOk(staff, 'activity:phase', { activityId: boardId, phase: 'discuss' });
		await sendOk(staff, 'board:discuss', { boardId, itemId: group });
		const tallyBefore = boardRepo(s.deps).tally(boardId);
		expect(tallyBefore).toEqual({ [group]: 2, [alone]: 2 });

		const room = replica(s.url, w.id, 'public', ben.cookie);
		const staffDoc = replica(s.url, w.id, 'staff', fac.cookie);
		await Promise.all([room.synced, staffDoc.synced]);
		await eventually(() => room.cards().has(grouped) && staffDoc.cards().has(hidden), 3000, 'replicas hold the cards');
		const notice = new Promise<{ removedItems: number; sessionsRemoved: number }>((r) => staff.once('participant:erased', r));

		expect((await send(phone, 'me:forget', { key: key() })).ok).toBe(true);
		phone.close();

		// The facilitator is told how many of her things now show as removed (the two the room saw).
		expect(await notice).toEqual({ removedItems: 2, sessionsRemoved: 0 });
		// Her two visible cards stay in place, without text or author; the hidden one, which the room never saw, is gone.
		const repo = boardRepo(s.deps);
		expect(repo.card(grouped)).toMatchObject({ text: '', authorId: '', clusterId: group, erasedAt: expect.any(Number) });
		expect(repo.card(alone)).toMatchObject({ text: '', authorId: '', clusterId: null, erasedAt: expect.any(Number) });
		expect(repo.card(hidden)).toBeNull();
		// The discussion stays where it was, and the ranking keeps every place and count: her dots are anonymous counts.
		expect(repo.board(boardId)?.discussItemId).toBe(group);
		expect(repo.tally(boardId)).toEqual(tallyBefore);
		// The projector's and phones' replica shows the placeholder in its group; the staff's loses the hidden card.
		await eventually(() => (room.cards().get(grouped) as { removed?: boolean } | undefined)?.removed === true, 3000, 'placeholder in the room');
		expect(room.cards().get(grouped)).toMatchObject({ text: '', author: null, clusterId: group, removed: true });
		expect(room.cards().get(alone)).toMatchObject({ text: '', author: null, removed: true });
		await eventually(() => !staffDoc.cards().has(hidden), 3000, 'hidden card gone from the staff');
		expect(staffDoc.cards().get(grouped)).toMatchObject({ text: '', authorName: '', removed: true });
		expect((room.boards().get(boardId) as { discussItemId: string }).discussItemId).toBe(group);
		// Nothing in any table names her or holds her words.
		expect(searchDatabase(s.deps.sqlite, [nickname, ...texts, lea.id]).hits).toEqual([]);

		// The export says the same, in the workshop's language, with no author.
		const render = s.deps.modules.get('board')!.exports!.render;
		const csv = render(s.deps, s.deps.repos.workshops.get(w.id)!, s.deps.repos.activities.get(boardId)!, 'csv', { now: Date.now() })!.body as string;
		expect(csv).toContain('Removed by its author');
		expect(csv).not.toContain(nickname);

		// A placeholder takes no new words, not even from the facilitator; it can still be moved or deleted (its dots go with it).
		expect(await send(staff, 'card:update', { key: key(), cardId: alone, text: 'Written in her name' })).toEqual({ ok: false, error: 'not_found' });
		await sendOk(staff, 'card:delete', { cardId: alone });
		expect(repo.tally(boardId)).toEqual({ [group]: 2 });
		await sendOk(staff, 'cluster:delete', { clusterId: group });
		expect(repo.tally(boardId)).toEqual({});
		expect(s.deps.sqlite.prepare('select count(*) n from kept_votes').get()).toEqual({ n: 0 });

		room.destroy();
		staffDoc.destroy();
		for (const c of [staff, benPhone] as ClientSocket[]) c.close();
	});

	it('cards still private until reveal go entirely, and the notice says nothing stays', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const lea = makeParticipant(s.deps, w.id, 'Privatelea');
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, lea.cookie);
		const card = (await sendOk(phone, 'card:create', { boardId, text: 'Not yet revealed' })).card.id;
		const notice = new Promise<{ removedItems: number; sessionsRemoved: number }>((r) => staff.once('participant:erased', r));
		expect((await send(phone, 'me:forget', { key: key() })).ok).toBe(true);
		expect(await notice).toEqual({ removedItems: 0, sessionsRemoved: 0 });
		expect(boardRepo(s.deps).card(card)).toBeNull();
		phone.close();
		staff.close();
	});

	it('"Your data" says what is kept in plain terms: cards with text and time, votes with the item’s title and time, the minutes they helped write; nothing once erased', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id, 'Schoolyard');
		const boardId = w.activeActivityId!;
		const noa = makeParticipant(s.deps, w.id, 'Noa');
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, noa.cookie);
		const card = (await sendOk(phone, 'card:create', { boardId, text: 'Trees along the fence' })).card.id;
		await sendOk(staff, 'card:create', { boardId, text: 'Paint the wall' });
		await sendOk(staff, 'activity:phase', { activityId: boardId, phase: 'group' });
		const group = (await sendOk(staff, 'cluster:create', { boardId, title: 'Green', cardIds: [card] })).clusterId;
		await sendOk(staff, 'activity:phase', { activityId: boardId, phase: 'vote' });
		const before = Date.now();
		await sendOk(phone, 'vote:cast', { boardId, itemId: group, delta: 1 });
		await sendOk(phone, 'vote:cast', { boardId, itemId: group, delta: 1 });

		const mine = s.deps.services.myData(w.id, noa.id)!;
		expect(mine).toMatchObject({ workshopTitle: 'Schoolyard', nickname: 'Noa', joinedAt: expect.any(Number) });
		const board = mine.modules.board as { cards: unknown[]; votes: unknown[]; minutes: unknown[] };
		expect(board.cards).toEqual([expect.objectContaining({ text: 'Trees along the fence', board: 'Board', createdAt: expect.any(Number) })]);
		expect(board.votes).toEqual([expect.objectContaining({ item: 'Green', kind: 'cluster', count: 2, at: expect.any(Number) })]);
		expect((board.votes[0] as { at: number }).at).toBeGreaterThanOrEqual(before);
		// The phone's panel asks the same over the socket.
		const r = await send(phone, 'me:data', {} as never);
		expect(r.ok && r.data).toEqual(mine);
		// Someone else's id in the same workshop is not theirs to read through the socket: the socket names no one.
		expect(s.deps.services.myData('another-workshop', noa.id)).toBeNull();

		expect((await send(phone, 'me:forget', { key: key() })).ok).toBe(true);
		expect(s.deps.services.myData(w.id, noa.id)).toBeNull();
		phone.close();
		staff.close();
	});
});
