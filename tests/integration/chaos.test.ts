import { MAX_CARDS_PER_PERSON_LIMIT } from '../../src/lib/features/board/domain';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import type { Response } from '../../src/lib/protocol/events';
import type { CardView } from '../../src/lib/features/board/views';
import { applyCommand, eventually, freePort, key, replica, rng, seedDatabase, startServerProcess, tempDataDir, type ClientSocket } from './harness';

const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 20);
const DURATION_MS = Number(process.env.CHAOS_MS ?? 30_000);
const KILLS = Number(process.env.CHAOS_KILLS ?? 4);

type Op = { key: string; name: 'card:create' | 'vote:cast' | 'card:move'; payload: Record<string, unknown>; state: 'pending' | 'saved' | 'refused'; data?: unknown };

/**
 * A client like the phone's: every write goes into an outbox with its idempotency key, is shown as saved only on
 * an ack, and is re-sent with the same key after a reconnect until it is acknowledged.
 */
class OutboxClient {
	ops: Op[] = [];
	socket: ClientSocket;
	lostAcks = 0;
	constructor(
		url: string,
		auth: Record<string, unknown>,
		cookie: string,
		private random: () => number
	) {
		this.socket = ioClient(url, { auth, transports: ['websocket'], extraHeaders: { cookie }, reconnectionDelay: 100, reconnectionDelayMax: 400, forceNew: true, timeout: 2000 });
		this.socket.on('connect', () => this.flush());
	}
	submit(name: Op['name'], payload: Record<string, unknown>) {
		const op: Op = { key: key(), name, payload, state: 'pending' };
		this.ops.push(op);
		if (this.socket.connected) this.emit(op);
	}
	private emit(op: Op) {
		(this.socket.timeout(3000).emit as (...args: unknown[]) => void)(op.name, { key: op.key, ...op.payload }, ((err: Error | null, r: Response<unknown>) => {
			if (err || op.state !== 'pending') return; // lost ack: stays pending, re-sent after reconnect
			// Also lose one ack in ten on purpose, as a flaky venue network would: the write is re-sent with its key.
			if (this.random() < 0.1) {
				this.lostAcks++;
				setTimeout(() => this.socket.connected && op.state === 'pending' && this.emit(op), 50);
				return;
			}
			if (r.ok) {
				op.state = 'saved';
				op.data = r.data;
			} else if (r.error === 'rate_limited' || r.error === 'internal') {
				setTimeout(() => this.socket.connected && op.state === 'pending' && this.emit(op), 200);
			} else op.state = 'refused';
		}));
	}
	flush() {
		for (const op of this.ops) if (op.state === 'pending') this.emit(op);
	}
	get pending() {
		return this.ops.filter((o) => o.state === 'pending').length;
	}
}

describe(`chaos: kill -9 under load (seed ${SEED}; replay with CHAOS_SEED=${SEED})`, () => {
	it('keeps every acknowledged write exactly once across repeated SIGKILL restarts', async () => {
		const r = rng(SEED);
		const dataDir = tempDataDir();
		const seeded = await seedDatabase(dataDir, 'chaos');
		const { boards, services, user, facilitator, facCookie } = seeded;
		const { w: ws, board: collect } = seeded.workshop('Chaos');
		const w = { value: ws };
		// Phones act only in the activity their room follows: the voters are in a second workshop, whose board is in Vote.
		const { w: vs, board: voteBoard } = seeded.workshop('Chaos vote');
		boards.saveBoard({ ...voteBoard, settings: { ...voteBoard.settings, voteBudget: 5, maxPerItem: 3 } });
		applyCommand(seeded.deps, vs.id, facilitator, 'activity:phase', { activityId: voteBoard.id, phase: 'vote' });
		// Cards are the load here, not the per-person maximum: the largest one a facilitator can set.
		const stored = boards.board(collect.id)!;
		boards.saveBoard({ ...stored, settings: { ...stored.settings, maxCardsPerPerson: MAX_CARDS_PER_PERSON_LIMIT } });
		const items = ['i1', 'i2', 'i3', 'i4'];
		for (const [n, id] of items.entries())
			boards.insertCard({ id, boardId: voteBoard.id, authorId: user.id, authorRole: 'facilitator', text: `Item ${n}`, columnId: voteBoard.columns[0].id, laneId: null, clusterId: null, position: n, status: 'visible', revealed: true, createdAt: Date.now() });
		const people = Array.from({ length: CLIENTS - 1 }, (_, i) => {
			const room = i % 2 === 0 ? ws : vs;
			const p = services.join(room, `P${i}`);
			if (!p.ok) throw new Error(p.reason);
			return { id: p.value.id, workshopId: room.id, voter: room === vs, cookie: `plenum_p_${room.id}=${p.value.token}` };
		});
		seeded.close();

		const port = await freePort();
		let server = await startServerProcess(dataDir, port);
		const url = server.url;
		const clients = people.map((p) => ({ p, c: new OutboxClient(url, { workshopId: p.workshopId, as: 'participant' }, p.cookie, r) }));
		const fac = new OutboxClient(url, { workshopId: w.value.id, as: 'facilitator' }, facCookie, r);
		const columns = collect.columns.map((c) => c.id);

		const kills: number[] = [];
		const start = Date.now();
		for (let k = 0; k < KILLS; k++) kills.push(start + ((k + 1) * DURATION_MS) / (KILLS + 1) + (r() - 0.5) * 2000);
		let restarts = 0;
		try {
			while (Date.now() - start < DURATION_MS) {
				if (kills.length && Date.now() >= kills[0]) {
					kills.shift();
					await server.kill('SIGKILL');
					await new Promise((res) => setTimeout(res, 50 + r() * 400));
					server = await startServerProcess(dataDir, port);
					restarts++;
				}
				// About 200 writes a second across all clients.
				for (let i = 0; i < 4; i++) {
					const { p, c } = clients[Math.floor(r() * clients.length)];
					if (!p.voter) c.submit('card:create', { boardId: collect.id, text: `card ${key()}` });
					else c.submit('vote:cast', { boardId: voteBoard.id, itemId: items[Math.floor(r() * items.length)], delta: r() < 0.7 ? 1 : -1 });
				}
				if (r() < 0.3) {
					const mine = clients.flatMap(({ c }) => c.ops).filter((o) => o.name === 'card:create' && o.state === 'saved');
					if (mine.length) {
						const card = (mine[Math.floor(r() * mine.length)].data as { card: CardView }).card;
						fac.submit('card:move', { cardId: card.id, columnId: columns[Math.floor(r() * columns.length)] });
					}
				}
				await new Promise((res) => setTimeout(res, 20));
			}
			expect(restarts).toBe(KILLS);
			await eventually(() => [...clients.map(({ c }) => c), fac].every((c) => c.pending === 0), 20_000, 'every outbox drained');

			const all = [...clients.flatMap(({ c }) => c.ops), ...fac.ops];
			console.log(`chaos seed ${SEED}: ${restarts} SIGKILL restarts, ${all.length} writes, ${all.filter((o) => o.state === 'saved').length} acknowledged, ${all.filter((o) => o.state === 'refused').length} refused by rules, ${[...clients.map(({ c }) => c), fac].reduce((n, c) => n + c.lostAcks, 0)} acks dropped and retried`);
			// Verify against the database.
			const dbr = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true });
			expect(dbr.pragma('integrity_check', { simple: true })).toBe('ok');
			const cards = dbr.prepare('select id, text, column_id as columnId from cards where board_id = ?').all(collect.id) as { id: string; text: string; columnId: string }[];
			const savedCreates = clients.flatMap(({ c }) => c.ops).filter((o) => o.name === 'card:create' && o.state === 'saved');
			const texts = new Map<string, number>();
			for (const card of cards) texts.set(card.text, (texts.get(card.text) ?? 0) + 1);
			for (const op of savedCreates) expect(texts.get(op.payload.text as string), `acked card present exactly once (seed ${SEED})`).toBe(1);
			expect(cards.length, `no card that was never acked (seed ${SEED})`).toBe(savedCreates.length);
			for (const { p, c } of clients) {
				const expected: Record<string, number> = {};
				// Each acknowledged dot applied exactly once: the stored count is the sum of the acknowledged deltas.
				for (const op of c.ops.filter((o) => o.name === 'vote:cast' && o.state === 'saved')) {
					const itemId = op.payload.itemId as string;
					expected[itemId] = (expected[itemId] ?? 0) + (op.payload.delta as number);
				}
				const stored = Object.fromEntries(
					(dbr.prepare('select item_id as i, count as n from votes where participant_id = ?').all(p.id) as { i: string; n: number }[]).map((v) => [v.i, v.n])
				);
				for (const item of items) expect(stored[item] ?? 0, `dots of ${p.id} on ${item} (seed ${SEED})`).toBe(expected[item] ?? 0);
			}
			const lastMove = new Map<string, string>();
			for (const op of fac.ops.filter((o) => o.state === 'saved')) lastMove.set(op.payload.cardId as string, op.payload.columnId as string);
			const byId = new Map(cards.map((c) => [c.id, c]));
			for (const [cardId, columnId] of lastMove) expect(byId.get(cardId)?.columnId, `last acked move of ${cardId} (seed ${SEED})`).toBe(columnId);
			dbr.close();

			// Every replica equals the server.
			const rep = replica(url, w.value.id, 'public', people[0].cookie);
			await rep.synced;
			await eventually(() => rep.cards().size === cards.length, 5000, 'replica card count');
			for (const card of cards) expect((rep.cards().get(card.id) as CardView).columnId).toBe(card.columnId);
			rep.destroy();
		} finally {
			for (const { c } of clients) c.socket.close();
			fac.socket.close();
			await server.kill('SIGKILL');
		}
	}, DURATION_MS + 90_000);
});
