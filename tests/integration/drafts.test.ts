import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftsView, Response } from '../../src/lib/protocol/events';
import { connect, eventually, makeFacilitator, makeParticipant, makeWorkshop, send, startServer, type ClientSocket } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** Sends a draft signal and waits for its ack. */
function signal(socket: ClientSocket, payload: unknown): Promise<Response<unknown>> {
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('no ack for draft:status')), 5000);
		(socket.emit as (...a: unknown[]) => void)('draft:status', payload, (r: Response<unknown>) => {
			clearTimeout(t);
			resolve(r);
		});
	});
}

describe('drafts: who is still writing, told to the facilitators only', () => {
	let s: Server;
	let workshop: ReturnType<typeof makeWorkshop>;
	let boardId: string;
	let fac: Awaited<ReturnType<typeof makeFacilitator>>;
	let facSocket: ClientSocket;
	const facCounts: DraftsView[] = [];
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		s = await startServer();
		fac = await makeFacilitator(s.deps);
		workshop = makeWorkshop(s.deps, fac.user.id);
		boardId = workshop.activeActivityId!;
		facSocket = await connect(s.url, { workshopId: workshop.id, as: 'facilitator' }, fac.cookie);
		facSocket.on('draft:counts', (d) => facCounts.push(d));
		sockets.push(facSocket);
	});

	afterAll(async () => {
		for (const so of sockets) so.close();
		await s.close();
	});

	async function phone(cookie: string) {
		const socket = await connect(s.url, { workshopId: workshop.id, as: 'participant' }, cookie);
		sockets.push(socket);
		return socket;
	}
	const lastCount = () => facCounts.at(-1)?.counts[boardId] ?? 0;

	it('counts people (not tabs) with unsent text, drops a phone that goes, and never tells the phones or the projector', async () => {
		const mila = makeParticipant(s.deps, workshop.id, 'Mila');
		const jonas = makeParticipant(s.deps, workshop.id, 'Jonas');
		const milaPhone = await phone(mila.cookie);
		const milaTablet = await phone(mila.cookie);
		const jonasPhone = await phone(jonas.cookie);
		const projector = await connect(s.url, { workshopId: workshop.id, as: 'projector', projectorToken: workshop.projectorToken });
		sockets.push(projector);
		let leaked = 0;
		for (const so of [milaPhone, milaTablet, jonasPhone, projector]) so.on('draft:counts', () => leaked++);

		expect(await signal(milaPhone, { activityId: boardId, drafting: true })).toEqual({ ok: true, data: { activityId: boardId, drafting: true } });
		expect((await signal(milaTablet, { activityId: boardId, drafting: true })).ok).toBe(true);
		expect((await signal(jonasPhone, { activityId: boardId, drafting: true })).ok).toBe(true);
		await eventually(() => lastCount() === 2, 3000, 'two people writing');

		// A facilitator who opens the page now learns the count in the hello.
		const late = await connect(s.url, { workshopId: workshop.id, as: 'facilitator' }, fac.cookie);
		sockets.push(late);
		const hello = await send(late, 'session:hello', {});
		expect(hello.ok && hello.data.drafts).toEqual({ [boardId]: 2 });
		// Phones hear nothing of it, not even in their hello.
		const phoneHello = await send(jonasPhone, 'session:hello', {});
		expect(phoneHello.ok && phoneHello.data.drafts).toEqual({});

		// Mila posts from the phone: the tablet still has text, so she still counts; then the tablet closes.
		expect((await signal(milaPhone, { activityId: boardId, drafting: false })).ok).toBe(true);
		milaTablet.close();
		await eventually(() => lastCount() === 1, 3000, 'only Jonas writing');
		// Jonas's phone drops off the network: whatever it had, it no longer counts.
		jonasPhone.close();
		await eventually(() => facCounts.length > 0 && lastCount() === 0, 3000, 'nobody writing');
		expect(leaked).toBe(0);
	});

	it('sends the staff at most a couple of updates a second, however many phones change', async () => {
		const phones = await Promise.all(Array.from({ length: 12 }, (_, i) => phone(makeParticipant(s.deps, workshop.id, `P${i}`).cookie)));
		const before = facCounts.length;
		const t0 = Date.now();
		await Promise.all(phones.map((p) => signal(p, { activityId: boardId, drafting: true })));
		await eventually(() => lastCount() === 12, 3000, 'twelve writing');
		const frames = facCounts.length - before;
		const elapsed = Date.now() - t0;
		// Twelve changes, one frame per half second at most (plus the one already on its way).
		expect(frames).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
		for (const p of phones) p.close();
		await eventually(() => lastCount() === 0, 3000, 'all gone');
	});

	it('validates, authorises and rate-limits the signal', async () => {
		const p = makeParticipant(s.deps, workshop.id, 'Ria');
		const socket = await phone(p.cookie);
		expect(await signal(socket, { activityId: boardId, drafting: 'yes' })).toEqual({ ok: false, error: 'invalid_payload' });
		expect(await signal(socket, { activityId: boardId, drafting: true, text: 'secret' })).toEqual({ ok: false, error: 'invalid_payload' });
		// A board of another workshop is not this phone's to talk about.
		const other = makeWorkshop(s.deps, fac.user.id, 'Other');
		expect(await signal(socket, { activityId: other.activeActivityId, drafting: true })).toEqual({ ok: false, error: 'not_found' });
		// Only phones draft cards here: a facilitator's or projector's signal is refused.
		expect(await signal(facSocket, { activityId: boardId, drafting: true })).toEqual({ ok: false, error: 'forbidden' });
		// A client that floods is slowed down, and the server keeps answering.
		const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signal(socket, { activityId: boardId, drafting: i % 2 === 0 })));
		expect(answers.filter((a) => !a.ok && a.error === 'rate_limited').length).toBeGreaterThan(10);
		expect(answers.some((a) => a.ok)).toBe(true);
	});
});
