import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { AccountRepo } from '../../server/db/accounts';
import { WorkshopRepo } from '../../server/db/workshops';
import { BoardRepo } from '../../server/db/boards';
import { EventRepo } from '../../server/db/events';
import { Services } from '../../server/services';
import { connect, eventually, key, replica, send, startServerProcess, tempDataDir } from './harness';

describe('durability', () => {
	it('keeps a write acknowledged before kill -9 after the restart', async () => {
		const dataDir = tempDataDir();
		// Seed a facilitator, a workshop (cards live) and a participant straight into the database.
		const { sqlite, db } = openDatabase(dataDir);
		const repos = { accounts: new AccountRepo(db), workshops: new WorkshopRepo(db), boards: new BoardRepo(db), events: new EventRepo(db) };
		const services = new Services(db, repos, { signupOpen: true });
		const user = await services.signUp('127.0.0.1', 'durable', 'correct horse battery');
		if (!user.ok) throw new Error(user.reason);
		const w = services.createWorkshop(user.value.id, 'Durable', 'de');
		if (!w.ok) throw new Error(w.reason);
		const board = repos.boards.board(w.value.activeBoardId!)!;
		repos.boards.saveBoard({ ...board, settings: { ...board.settings, privateUntilReveal: false } });
		const p = services.join(w.value, 'Kim');
		if (!p.ok) throw new Error(p.reason);
		sqlite.close();
		const cookie = `plenum_p_${w.value.id}=${p.value.token}`;

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
});
