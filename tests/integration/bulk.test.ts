import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardViewFromDoc, type StoredCardView } from '../../src/lib/features/board/views';
import { applyCommand, connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, send, startServer, type ClientSocket } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('card:bulk over the wire: a spammer cleaned up in one step', () => {
	let s: Server;
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		s = await startServer();
	});

	afterAll(async () => {
		for (const so of sockets) so.close();
		await s.close();
	});

	it('hides 40 cards with one command and one document update per replica; a retry answers the same and logs nothing more', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const facActor = { role: 'facilitator' as const, id: fac.user.id };
		// Written straight through the handlers (a phone's burst is rate limited at 30), before anything connects.
		applyCommand(s.deps, w.id, facActor, 'board:update', { boardId, settings: { privateUntilReveal: false, maxCardsPerPerson: 50 } });
		const spammer = makeParticipant(s.deps, w.id, 'Spammer');
		const alex = makeParticipant(s.deps, w.id, 'Alex');
		const spam = Array.from({ length: 40 }, (_, i) => applyCommand(s.deps, w.id, { role: 'participant', id: spammer.id }, 'card:create', { boardId, text: `spam ${i}` }).card.id);
		applyCommand(s.deps, w.id, { role: 'participant', id: alex.id }, 'card:create', { boardId, text: 'Shade in the yard' });
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, spammer.cookie);
		sockets.push(staff, phone);

		const rStaff = replica(s.url, w.id, 'staff', fac.cookie);
		const rRoom = replica(s.url, w.id, 'public', alex.cookie);
		await Promise.all([rStaff.synced, rRoom.synced]);
		await eventually(() => rRoom.cards().size === 41, 5000, 'the room sees 41 cards');

		// The staff document knows whose card it is (to select all of one person's); the room's does not.
		const staffView = (id: string) => cardViewFromDoc(rStaff.cards().get(id) as StoredCardView);
		expect(staffView(spam[0]).authorId).toBe(spammer.id);
		expect((rRoom.cards().get(spam[0]) as StoredCardView).authorId).toBeUndefined();

		let staffUpdates = 0;
		let roomUpdates = 0;
		rStaff.doc.on('update', () => staffUpdates++);
		rRoom.doc.on('update', () => roomUpdates++);
		const before = s.deps.repos.participation.ofWorkshop(w.id).length;
		const k = key();
		const payload = { key: k, boardId, cardIds: spam, op: { type: 'hide' as const } };
		const r = await send(staff, 'card:bulk', payload);
		expect(r).toEqual({ ok: true, data: { boardId, cardIds: spam } });
		await eventually(() => rRoom.cards().size === 1, 5000, 'the room sees only the kept card');
		await eventually(() => spam.every((id) => staffView(id).status === 'hidden'), 5000, 'the staff see the cards hidden');
		expect(staffUpdates).toBe(1);
		expect(roomUpdates).toBe(1);
		const events = s.deps.repos.participation.ofWorkshop(w.id).slice(before);
		expect(events.map((e) => e.kind)).toEqual(spam.map(() => 'board.card.hidden_by_facilitator'));
		expect(events.map((e) => e.subjectId)).toEqual(spam);

		// The same key again: the same answer, nothing logged again.
		expect(await send(staff, 'card:bulk', payload)).toEqual(r);
		expect(s.deps.repos.participation.ofWorkshop(w.id).length).toBe(before + 40);
		// More than 200 cards, none, or a participant: refused.
		expect(await send(staff, 'card:bulk', { key: key(), boardId, cardIds: Array.from({ length: 201 }, (_, i) => `c${i}`), op: { type: 'hide' } })).toMatchObject({ ok: false });
		expect(await send(staff, 'card:bulk', { key: key(), boardId, cardIds: [], op: { type: 'hide' } })).toMatchObject({ ok: false });
		expect(await send(phone, 'card:bulk', { key: key(), boardId, cardIds: spam, op: { type: 'delete' } })).toMatchObject({ ok: false, error: 'forbidden' });
		expect(s.deps.repos.participation.ofWorkshop(w.id).length).toBe(before + 40);
		rStaff.destroy();
		rRoom.destroy();
	});
});
