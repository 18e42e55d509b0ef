import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually, makeFacilitator, makeParticipant, makeWorkshop, replica, sendOk, startServer, type ClientSocket } from './harness';

// Issue 14, item 3: the room's document carries how many cards wait for the facilitator's approval (the projector
// says "3 cards are waiting for the facilitator's OK" instead of "no cards yet"), never their text.
describe('pending cards on the public document', () => {
	let s: Awaited<ReturnType<typeof startServer>>;
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		for (const so of sockets) so.close();
		await s.close();
	});

	it('counts cards awaiting approval, without their text, and stops counting an approved one', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const facSocket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		sockets.push(facSocket);
		await sendOk(facSocket, 'board:update', { boardId, settings: { privateUntilReveal: false, requireApproval: true } });
		const p = makeParticipant(s.deps, w.id, 'Lou');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		sockets.push(phone);
		const room = replica(s.url, w.id, 'public', p.cookie);
		await room.synced;
		try {
			const pendingCount = () => (room.boards().get(boardId) as { unseen?: { pending: number } } | undefined)?.unseen?.pending;
			expect(pendingCount()).toBe(0);
			const first = await sendOk(phone, 'card:create', { boardId, text: 'a very private thought' });
			await sendOk(phone, 'card:create', { boardId, text: 'another private thought' });
			await eventually(() => pendingCount() === 2, 5000, 'two pending cards counted');
			expect(room.cards().size).toBe(0);
			expect(JSON.stringify(room.doc.toJSON())).not.toContain('private thought');

			await sendOk(facSocket, 'card:moderate', { cardId: first.card.id, action: 'approve' });
			await eventually(() => pendingCount() === 1 && room.cards().size === 1, 5000, 'one approved, one pending');
		} finally {
			room.destroy();
		}
	});
});
