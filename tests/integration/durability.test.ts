import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { MAX_CARDS_PER_BOARD } from '../../src/lib/features/board/domain';
import { Checkpointer } from '../../server/db/checkpointer';
import { openDatabase } from '../../server/db/client';
import { createLogger } from '../../server/log';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, seedDatabase, send, startServer, startServerProcess, tempDataDir } from './harness';
import { boardRepo } from '../../server/features/board/repo';

describe('durability', () => {
	it('keeps a write acknowledged before kill -9 after the restart', async () => {
		const dataDir = tempDataDir();
		// Seed a facilitator, a workshop (cards live) and a participant straight into the database.
		const seeded = await seedDatabase(dataDir, 'durable');
		const { w: workshop, board, cookie } = seeded.workshop('Durable', 'de');
		const w = { value: workshop };
		seeded.close();

		let server = await startServerProcess(dataDir);
		const socket = await connect(server.url, { workshopId: w.value.id, as: 'participant' }, cookie);
		const acked: string[] = [];
		for (let i = 0; i < 20; i++) {
			const r = await send(socket, 'card:create', { key: key(), boardId: board.id, text: `Card ${i}` });
			if (r.ok) acked.push(r.data.card.id);
		}
		expect(acked).toHaveLength(20);
		socket.close();
		await server.kill('SIGKILL');

		server = await startServerProcess(dataDir);
		try {
			const r = replica(server.url, w.value.id, 'public', cookie);
			await r.synced;
			await eventually(() => acked.every((id) => r.cards().has(id)), 5000, 'all acknowledged cards after restart');
			r.destroy();
		} finally {
			await server.kill('SIGKILL');
		}
	}, 60_000);

	it('keeps the card count on the board row equal to the cards, through create, delete, erasure and the cap', async () => {
		const srv = await startServer();
		try {
			const { deps } = srv;
			const { user } = await makeFacilitator(deps);
			const w = makeWorkshop(deps, user.id);
			const boardId = w.activeActivityId!;
			const a = makeParticipant(deps, w.id, 'Ana');
			const b = makeParticipant(deps, w.id, 'Ben');
			const sa = await connect(srv.url, { workshopId: w.id, as: 'participant' }, a.cookie);
			const sb = await connect(srv.url, { workshopId: w.id, as: 'participant' }, b.cookie);
			const counted = () => (deps.sqlite.prepare('select count(*) as n from cards where board_id = ?').get(boardId) as { n: number }).n;
			const kept = () => boardRepo(deps).countCards(boardId);
			const ids: string[] = [];
			for (let i = 0; i < 6; i++) {
				const r = await send(i % 2 ? sb : sa, 'card:create', { key: key(), boardId, text: `Card ${i}` });
				expect(r.ok).toBe(true);
				if (r.ok) ids.push(r.data.card.id);
			}
			expect(kept()).toBe(6);
			expect((await send(sa, 'card:delete', { key: key(), cardId: ids[0] })).ok).toBe(true);
			expect(kept()).toBe(5);
			// Erasing Ben removes his three cards; the trigger follows the deletes.
			expect((await send(sb, 'me:forget', { key: key() })).ok).toBe(true);
			expect(kept()).toBe(2);
			expect(kept()).toBe(counted());

			// At the cap, a new card is refused with a clear reason and nothing is stored.
			deps.sqlite.prepare('update boards set card_count = ? where id = ?').run(MAX_CARDS_PER_BOARD, boardId);
			const refused = await send(sa, 'card:create', { key: key(), boardId, text: 'one too many' });
			expect(refused).toEqual({ ok: false, error: 'too_many_cards' });
			expect(counted()).toBe(2);
			sa.close();
			sb.close();
		} finally {
			await srv.close();
		}
	});

	it('checkpoints the write-ahead log on its worker: commits never do it, and the log stays small', async () => {
		const { sqlite, file } = openDatabase(tempDataDir());
		const checkpointer = new Checkpointer(sqlite, file, createLogger('silent'), 100);
		try {
			expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
			sqlite.exec('create table scratch (id integer primary key, body text)');
			const insert = sqlite.prepare('insert into scratch (body) values (?)');
			const body = 'x'.repeat(1000);
			let largest = 0;
			// 24,000 commits of 1 KB (about 150 MB of log frames), with pauses in which the worker can checkpoint.
			for (let batch = 0; batch < 40; batch++) {
				for (let i = 0; i < 600; i++) insert.run(body);
				largest = Math.max(largest, fs.statSync(`${file}-wal`).size);
				await new Promise((r) => setTimeout(r, 60));
			}
			expect((sqlite.prepare('select count(*) as n from scratch').get() as { n: number }).n).toBe(24_000);
			// Without checkpoints the log grows to about 150 MB; with them it is reused from its start (11 to 15 MB here).
			expect(largest).toBeLessThan(40 * 1024 * 1024);
		} finally {
			checkpointer.close();
			sqlite.close();
		}
	});
});
