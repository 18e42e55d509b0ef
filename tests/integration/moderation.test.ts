// Moderation that holds, through the real server: an author's edit of an approved card never reaches the room's
// document before the facilitator approves it again, and the author's phone hears what the facilitator did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeState } from '../../src/lib/protocol/events';
import type { BoardMe } from '../../src/lib/features/board/spec';
import type { BoardView, CardView } from '../../src/lib/features/board/views';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, send, sendOk, startServer, type ClientSocket } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('moderation through the server', () => {
	let s: Server;
	const sockets: ClientSocket[] = [];
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		for (const so of sockets) so.close();
		await s.close();
	});

	it("the public document never carries an approved card's new text before it is approved again", async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const facSocket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const p = makeParticipant(s.deps, w.id, 'Alex');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		sockets.push(facSocket, phone);
		await sendOk(facSocket, 'board:update', { boardId, settings: { privateUntilReveal: false, requireApproval: true } });

		const projector = replica(s.url, w.id, 'public', undefined, w.projectorToken);
		const staff = replica(s.url, w.id, 'staff', fac.cookie);
		await Promise.all([projector.synced, staff.synced]);
		// Every text the projector's document ever held, from every update it received.
		const seen = new Set<string>();
		projector.doc.on('afterTransaction', () => {
			for (const v of projector.cards().values()) seen.add((v as CardView).text);
		});

		const cardId = (await sendOk(phone, 'card:create', { boardId, text: 'Benches in the yard' })).card.id;
		await eventually(() => staff.cards().has(cardId), 2000, 'staff sees the waiting card');
		expect(projector.cards().has(cardId)).toBe(false);
		await sendOk(facSocket, 'card:moderate', { cardId, action: 'approve' });
		await eventually(() => (projector.cards().get(cardId) as CardView | undefined)?.text === 'Benches in the yard', 2000, 'approved card on the projector');

		const edited = await send(phone, 'card:update', { key: key(), cardId, text: 'Something rude' });
		expect(edited.ok && edited.data.card).toMatchObject({ status: 'pending', hidden: true });
		await eventually(() => !projector.cards().has(cardId), 2000, 'the edited card leaves the projector');
		const staffCard = await eventually(() => {
			const c = staff.cards().get(cardId) as CardView | undefined;
			return c?.status === 'pending' ? c : null;
		}, 2000, 'staff sees it waiting again');
		expect(staffCard).toMatchObject({ text: 'Something rude', hidden: true });
		expect(typeof staffCard.authorEditedAt).toBe('number');
		expect((projector.boards().get(boardId) as BoardView).unseen).toEqual({ private: 0, pending: 1, hidden: 0 });
		expect(seen.has('Something rude')).toBe(false);

		// The facilitator edits it and approves it: the room sees the facilitator's words, never the author's.
		await sendOk(facSocket, 'card:update', { cardId, text: 'Something kind' });
		await sendOk(facSocket, 'card:moderate', { cardId, action: 'approve' });
		await eventually(() => (projector.cards().get(cardId) as CardView | undefined)?.text === 'Something kind', 2000, 'approved again');
		expect(seen.has('Something rude')).toBe(false);
		expect(projector.cards().get(cardId)).not.toHaveProperty('authorEditedAt');

		// The author's phone is told (a `me` push, as after a reload): the facilitator changed the card.
		const pushed = new Promise<MeState>((r) => phone.once('me', r));
		await sendOk(facSocket, 'card:moderate', { cardId, action: 'hide' });
		const mine = ((await pushed).slices.board as BoardMe).cards.find((c) => c.id === cardId)!;
		expect(mine).toMatchObject({ status: 'hidden', editedByFacilitator: true });
		const removedPush = new Promise<MeState>((r) => phone.once('me', r));
		await sendOk(facSocket, 'card:delete', { cardId });
		expect(((await removedPush).slices.board as BoardMe).removed).toEqual([expect.objectContaining({ cardId, excerpt: 'Something kind' })]);
		projector.destroy();
		staff.destroy();
	});
});
