import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_KINDS, type CommandName } from '../../src/lib/features/index';
import { boardRepo } from '../../server/features/board/repo';
import { connect, key, makeFacilitator, makeParticipant, makeWorkshop, rng, send, startServer, type ClientSocket } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** Every text a person typed in these tests: none of it may reach the log or a receipt. */
const PERSONAL = ['Quorblax', 'Vindelmoor', 'Zephyrine', 'Greenhouse roof', 'Night buses', 'Quiet room', 'edited by staff', 'Transport'];

describe('participation log', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	/** The log rows added since `from` (a length of the workshop's log). */
	const since = (workshopId: string, from: number) => s.deps.repos.participation.ofWorkshop(workshopId).slice(from);

	/** Everything the log and the receipts hold, as one string, to search for personal text. */
	const stored = () =>
		JSON.stringify([
			s.deps.sqlite.prepare('select * from participation_events').all(),
			s.deps.sqlite.prepare('select * from command_receipts').all()
		]);

	async function room() {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const a = makeParticipant(s.deps, w.id, 'Quorblax');
		const b = makeParticipant(s.deps, w.id, 'Vindelmoor');
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const phoneA = await connect(s.url, { workshopId: w.id, as: 'participant' }, a.cookie);
		const phoneB = await connect(s.url, { workshopId: w.id, as: 'participant' }, b.cookie);
		return { fac, w, a, b, staff, phoneA, phoneB, boardId: w.activeActivityId!, close: () => [staff, phoneA, phoneB].forEach((x) => x.close()) };
	}

	async function ok(socket: ClientSocket, name: CommandName, payload: Record<string, unknown>) {
		const r = await send(socket, name, { key: key(), ...payload } as never);
		expect(r, `${name} ${JSON.stringify(payload)}`).toMatchObject({ ok: true });
		return r.ok ? r.data : null;
	}

	it('creating a workshop writes workshop.activity.added for its first board; joining writes workshop.participant.joined with the participant as actor and subject', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const p = makeParticipant(s.deps, w.id, 'Zephyrine');
		const log = s.deps.repos.participation.ofWorkshop(w.id);
		// Creating the workshop added its first board; then the participant joined.
		expect(log).toMatchObject([
			{ kind: 'workshop.activity.added', version: 1, actorRole: 'facilitator', actorId: fac.user.id, subjectId: w.activeActivityId, activityId: w.activeActivityId, payload: '{"type":"board"}' },
			{ kind: 'workshop.participant.joined', version: 1, actorRole: 'participant', actorId: p.id, subjectId: p.id, activityId: null, payload: '{}' }
		]);
		expect(stored()).not.toContain('Zephyrine');
	});

	it('each command writes its own kind, about the card rather than the board, with no personal text', async () => {
		const r = await room();
		const { w, a, b, fac, boardId } = r;
		let at = s.deps.repos.participation.ofWorkshop(w.id).length;
		const next = () => {
			const rows = since(w.id, at);
			at += rows.length;
			return rows.map((e) => ({ kind: e.kind, subject: e.subjectId, activity: e.activityId, actor: e.actorId, owner: e.ownerId, payload: JSON.parse(e.payload) }));
		};

		const c1 = (await ok(r.phoneA, 'card:create', { boardId, text: 'Greenhouse roof' })).card.id;
		expect(next()).toEqual([{ kind: 'board.card.posted', subject: c1, activity: boardId, actor: a.id, owner: a.id, payload: { length: 15, status: 'visible' } }]);
		const c2 = (await ok(r.phoneB, 'card:create', { boardId, text: 'Night buses' })).card.id;
		next();
		const c3 = (await ok(r.phoneB, 'card:create', { boardId, text: 'Quiet room' })).card.id;
		next();

		await ok(r.phoneA, 'card:update', { cardId: c1, text: 'Greenhouse roof!' });
		expect(next()).toEqual([{ kind: 'board.card.edited', subject: c1, activity: boardId, actor: a.id, owner: a.id, payload: { length: 16 } }]);
		await ok(r.staff, 'card:update', { cardId: c2, text: 'Night buses edited by staff' });
		expect(next()).toMatchObject([{ kind: 'board.card.edited', subject: c2, actor: fac.user.id, owner: b.id }]);

		await ok(r.staff, 'card:moderate', { cardId: c3, action: 'hide' });
		expect(next()).toMatchObject([{ kind: 'board.card.hidden_by_facilitator', subject: c3, actor: fac.user.id, owner: b.id }]);
		await ok(r.staff, 'card:moderate', { cardId: c3, action: 'show' });
		expect(next()).toMatchObject([{ kind: 'board.card.shown_by_facilitator', subject: c3, owner: b.id }]);

		await ok(r.staff, 'activity:phase', { activityId: boardId, phase: 'group' });
		expect(next()).toEqual([{ kind: 'workshop.activity.phase_changed', subject: boardId, activity: boardId, actor: fac.user.id, owner: null, payload: { type: 'board', phase: 'group', from: 'collect' } }]);
		const cl = (await ok(r.staff, 'cluster:create', { boardId, title: 'Transport', cardIds: [c2, c3] })).clusterId;
		expect(next()).toEqual([{ kind: 'board.cluster.created', subject: cl, activity: boardId, actor: fac.user.id, owner: null, payload: { cards: 2 } }]);
		const board = boardRepo(s.deps).board(boardId)!;
		await ok(r.staff, 'card:move', { cardId: c1, columnId: board.columns[0].id });
		expect(next()).toMatchObject([{ kind: 'board.card.moved', subject: c1, owner: a.id, payload: { columnId: board.columns[0].id, clusterId: null } }]);

		await ok(r.staff, 'activity:phase', { activityId: boardId, phase: 'vote' });
		expect(next().map((e) => e.kind)).toEqual(['workshop.activity.phase_changed']);
		await ok(r.phoneA, 'vote:cast', { boardId, itemId: cl, delta: 1 });
		expect(next()).toEqual([{ kind: 'board.vote.cast', subject: cl, activity: boardId, actor: a.id, owner: null, payload: { dots: 1 } }]);
		await ok(r.phoneA, 'vote:cast', { boardId, itemId: cl, delta: 1 });
		await ok(r.phoneB, 'vote:cast', { boardId, itemId: c1, delta: 1 });
		await ok(r.phoneB, 'vote:cast', { boardId, itemId: c1, delta: -1 });
		expect(next().map((e) => [e.kind, e.subject, e.payload.dots])).toEqual([
			['board.vote.cast', cl, 2],
			['board.vote.cast', c1, 1],
			['board.vote.withdrawn', c1, 0]
		]);
		await ok(r.phoneB, 'vote:cast', { boardId, itemId: c1, delta: 1 });
		next();

		// Closing the vote: the outcome per ranked item and author (the cluster holds two of B's cards: one event).
		await ok(r.staff, 'board:voting', { boardId, closed: true });
		expect(next()).toEqual([
			{ kind: 'board.vote.closed', subject: boardId, activity: boardId, actor: fac.user.id, owner: null, payload: {} },
			{ kind: 'board.vote.closed_outcome', subject: cl, activity: boardId, actor: fac.user.id, owner: b.id, payload: { rank: 1, dots: 2, item: 'cluster', ranked: 2 } },
			{ kind: 'board.vote.closed_outcome', subject: c1, activity: boardId, actor: fac.user.id, owner: a.id, payload: { rank: 2, dots: 1, item: 'card', ranked: 2 } }
		]);
		await ok(r.staff, 'board:voting', { boardId, closed: false });
		expect(next().map((e) => e.kind)).toEqual(['board.vote.reopened']);
		// Moving on to Discuss closes the vote too, and so records its outcome.
		await ok(r.staff, 'activity:phase', { activityId: boardId, phase: 'discuss' });
		expect(next().map((e) => e.kind)).toEqual(['workshop.activity.phase_changed', 'board.vote.closed', 'board.vote.closed_outcome', 'board.vote.closed_outcome']);
		// A new board that skips from Collect straight to Discuss: voting never opened, so nothing closes.
		const other = (await ok(r.staff, 'activity:add', { type: 'board', title: 'Second' })).activityId;
		await ok(r.staff, 'activity:phase', { activityId: other, phase: 'discuss' });
		expect(next().map((e) => [e.kind, e.activity, e.payload])).toEqual([
			['workshop.activity.added', other, { type: 'board' }],
			['workshop.activity.phase_changed', other, { type: 'board', phase: 'discuss', from: 'collect' }]
		]);
		// Renaming, moving, activating and removing an activity: the core's kinds, about the activity.
		await ok(r.staff, 'activity:rename', { activityId: other, title: 'Renamed' });
		await ok(r.staff, 'activity:move', { activityId: other, toIndex: 0 });
		await ok(r.staff, 'activity:activate', { activityId: other });
		await ok(r.staff, 'activity:activate', { activityId: boardId });
		await ok(r.staff, 'activity:remove', { activityId: other });
		expect(next().map((e) => [e.kind, e.subject, e.payload])).toEqual([
			['workshop.activity.renamed', other, {}],
			['workshop.activity.moved', other, { toIndex: 0 }],
			['workshop.activity.activated', other, {}],
			['workshop.activity.activated', boardId, {}],
			['workshop.activity.removed', other, { type: 'board' }]
		]);
		await ok(r.staff, 'board:discuss', { boardId, itemId: cl });
		expect(next()).toMatchObject([{ kind: 'board.discussion.opened', subject: cl }]);

		// A removal by the facilitator is not the author's own delete.
		await ok(r.staff, 'card:delete', { cardId: c1 });
		expect(next()).toEqual([{ kind: 'board.card.removed_by_facilitator', subject: c1, activity: boardId, actor: fac.user.id, owner: a.id, payload: {} }]);
		await ok(r.staff, 'activity:phase', { activityId: boardId, phase: 'collect' });
		next();
		const c4 = (await ok(r.phoneA, 'card:create', { boardId, text: 'Greenhouse roof' })).card.id;
		next();
		await ok(r.phoneA, 'card:delete', { cardId: c4 });
		expect(next()).toMatchObject([{ kind: 'board.card.deleted', subject: c4, actor: a.id, owner: a.id }]);

		for (const row of s.deps.repos.participation.ofWorkshop(w.id)) expect(EVENT_KINDS[row.kind as keyof typeof EVENT_KINDS], row.kind).toBe(row.version);
		const all = stored();
		for (const t of PERSONAL) expect(all, t).not.toContain(t);
		r.close();
	});

	it('over a random sequence of commands, each applied command writes exactly its events, a refused one none, and a retry nothing', async () => {
		const r = await room();
		const { w, boardId } = r;
		await ok(r.staff, 'board:update', { boardId, settings: { privateUntilReveal: false, maxCardsPerPerson: 50 } });
		// More phones than the room needs: each connection and each person may send bursts of 30 commands only.
		const more = [];
		for (const nick of ['Quorblax', 'Vindelmoor', 'Zephyrine']) {
			const p = makeParticipant(s.deps, w.id, nick);
			more.push(await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie));
		}
		const random = rng(20261130);
		const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
		const cards: string[] = [];
		/** The kinds a successful command writes (a vote that closes also ranks, checked by prefix). */
		const expected: Partial<Record<CommandName, RegExp>> = {
			'card:create': /^board\.card\.posted$/,
			'card:update': /^board\.card\.edited$/,
			'card:delete': /^board\.card\.(deleted|removed_by_facilitator)$/,
			'card:move': /^board\.card\.moved$/,
			'card:moderate': /^board\.card\.(hidden|shown|approved)_by_facilitator$/,
			'vote:cast': /^board\.vote\.(cast|withdrawn)$/,
			'activity:phase': /^(workshop\.activity\.phase_changed|board\.vote\.(closed|closed_outcome|reopened))$/,
			'board:voting': /^board\.vote\.(closed|closed_outcome|reopened)$/
		};
		const column = boardRepo(s.deps).board(boardId)!.columns[0].id;
		let applied = 0;
		let retried = 0;
		const refusals = new Map<string, number>();
		for (let i = 0; i < 75; i++) {
			const who = pick([r.phoneA, r.phoneB, r.staff, ...more]);
			const card = cards.length ? pick(cards) : 'none';
			const [name, payload] = pick<[CommandName, Record<string, unknown>]>([
				['card:create', { boardId, text: pick(PERSONAL) }],
				['card:create', { boardId, text: pick(PERSONAL) }],
				['card:update', { cardId: card, text: pick(PERSONAL) }],
				['card:delete', { cardId: card }],
				['card:move', { cardId: card, columnId: column }],
				['card:moderate', { cardId: card, action: pick(['hide', 'show', 'approve']) }],
				['vote:cast', { boardId, itemId: card, delta: pick([1, -1]) }],
				['activity:phase', { activityId: boardId, phase: pick(['collect', 'vote', 'discuss']) }],
				['board:voting', { boardId, closed: random() < 0.5 }]
			]);
			const before = s.deps.repos.participation.ofWorkshop(w.id).length;
			const k = key();
			const res = await send(who, name, { key: k, ...payload } as never);
			const added = since(w.id, before);
			if (!res.ok) {
				expect(added, `${name} refused (${res.error}) wrote nothing`).toEqual([]);
				refusals.set(res.error, (refusals.get(res.error) ?? 0) + 1);
				continue;
			}
			applied++;
			if (name === 'card:create') cards.push(res.data.card.id);
			for (const e of added) expect(e.kind, name).toMatch(expected[name]!);
			// Phase and voting changes may change nothing about voting (closing it twice writes nothing the second time).
			if (name === 'activity:phase') expect(added[0].kind).toBe('workshop.activity.phase_changed');
			else if (name !== 'board:voting') expect(added, name).toHaveLength(1);
			if (name.startsWith('card:') && name !== 'card:create') expect(added[0].subjectId).toBe(payload.cardId);
			if (name === 'card:create') expect(added[0].subjectId).toBe(res.data.card.id);
			if (name === 'vote:cast') expect(added[0].subjectId).toBe(payload.itemId);
			// The same command again with its key: the same answer (or not_found once its card is gone), no new event.
			const again = await send(who, name, { key: k, ...payload } as never);
			if (!again.ok && again.error === 'rate_limited') continue;
			retried++;
			if (again.ok && (name === 'card:create' || name === 'card:update')) expect(again.data.card.id).toBe(res.data.card.id);
			else if (again.ok) expect(again.data).toEqual(res.data);
			else expect(again).toEqual({ ok: false, error: 'not_found' });
			expect(since(w.id, before)).toHaveLength(added.length);
		}
		expect(applied, JSON.stringify([...refusals])).toBeGreaterThan(25);
		expect(retried).toBeGreaterThan(20);
		for (const m of more) m.close();
		const all = stored();
		for (const t of PERSONAL) expect(all, t).not.toContain(t);
		r.close();
	}, 60_000);
});
