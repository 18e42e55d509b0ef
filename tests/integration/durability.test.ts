import { describe, expect, it } from 'vitest';
import { connect, eventually, key, replica, seedDatabase, send, startServerProcess, tempDataDir } from './harness';

describe('durability', () => {
	it('keeps a write acknowledged before kill -9 after the restart', async () => {
		const dataDir = tempDataDir();
		// Seed a facilitator, a workshop (cards live) and a participant straight into the database.
		const seeded = await seedDatabase(dataDir, 'durable');
		const { w: workshop, board, cookie } = seeded.workshop('Durable', 'de');
		const w = { value: workshop };
		seeded.sqlite.close();

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
