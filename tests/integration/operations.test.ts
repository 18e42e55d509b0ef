import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import WebSocket from 'ws';
import type { BoardView } from '../../src/lib/features/board/views';
import { Dirty } from '../../server/realtime/dirty';
import { BUCKET } from '../../server/features/board/views';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, seedDatabase, send, startServer, startServerProcess, tempDataDir } from './harness';
import { boardRepo } from '../../server/features/board/repo';

const root = path.resolve(import.meta.dirname, '../..');

async function seedWorkshop(dataDir: string) {
	const seeded = await seedDatabase(dataDir, 'ops');
	const { w, cookie } = seeded.workshop('Ops', 'fr');
	return { sqlite: seeded.sqlite, w, cookie, close: seeded.close };
}

describe('operations', () => {
	it('resolves ws to a version without the fragment-flood DoS (>= 8.21) everywhere in the tree', () => {
		const out = execFileSync('npm', ['ls', 'ws', '--all', '--json'], { cwd: root, encoding: 'utf8' });
		const versions: string[] = [];
		const walk = (deps: Record<string, { version?: string; dependencies?: object }> | undefined) => {
			for (const [name, d] of Object.entries(deps ?? {})) {
				if (name === 'ws' && d.version) versions.push(d.version);
				walk(d.dependencies as never);
			}
		};
		walk(JSON.parse(out).dependencies);
		expect(versions.length).toBeGreaterThan(0);
		for (const v of versions) {
			const [major, minor] = v.split('.').map(Number);
			expect(major > 8 || (major === 8 && minor >= 21), `ws ${v}`).toBe(true);
		}
	});

	it('starts despite a damaged row and serves the room from what is still good', async () => {
		const dataDir = tempDataDir();
		const { sqlite, w, cookie, close } = await seedWorkshop(dataDir);
		sqlite.prepare('update boards set columns = ?, settings = ? where id = ?').run('{"broken', 'null', w.activeActivityId);
		sqlite.prepare('update workshops set timer = ? where id = ?').run('\u0000garbage', w.id);
		close();
		const server = await startServerProcess(dataDir);
		try {
			const r = replica(server.url, w.id, 'public', cookie);
			await r.synced;
			const board = await eventually(() => r.boards().get(w.activeActivityId!) as BoardView, 3000, 'board in replica');
			expect(board.columns.length).toBeGreaterThan(0);
			expect((r.doc.getMap('meta').get('timer') as { status: string }).status).toBe('idle');
			r.destroy();
		} finally {
			await server.kill('SIGKILL');
		}
	}, 30_000);

	it('refuses to start on a database file that fails the integrity check, with a clear message', async () => {
		const dataDir = tempDataDir();
		const file = path.join(dataDir, 'plenum.sqlite');
		fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096, 0xab)]));
		const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server-child.ts')], {
			env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
			encoding: 'utf8',
			timeout: 20_000
		});
		expect(r.status).not.toBe(0);
		expect(r.stderr).toMatch(/database|malformed|not a database|integrity/i);
	}, 30_000);

	it('shuts down gracefully on SIGTERM: clients are told, the process exits 0, acknowledged writes are kept', async () => {
		const dataDir = tempDataDir();
		const { w, cookie, close } = await seedWorkshop(dataDir);
		close();
		const server = await startServerProcess(dataDir);
		const socket = await connect(server.url, { workshopId: w.id, as: 'participant' }, cookie);
		const made = await send(socket, 'card:create', { key: key(), boardId: w.activeActivityId!, text: 'before shutdown' });
		expect(made.ok).toBe(true);
		const ended = new Promise<string>((r) => socket.once('session:ended', (e) => r(e.reason)));
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${w.id}/public`, { headers: { cookie } });
		await new Promise((r) => ws.once('open', r));
		const wsClosed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
		const exited = new Promise<number | null>((r) => server.child.once('exit', (code) => r(code)));
		server.child.kill('SIGTERM');
		expect(await ended).toBe('shutdown');
		expect(await wsClosed).toBe(1001);
		expect(await exited).toBe(0);
		socket.close();
		const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true });
		expect(db.prepare('select count(*) as n from cards where text = ?').get('before shutdown')).toEqual({ n: 1 });
		db.close();
	}, 30_000);

	it('writes a consistent backup while the server runs (npm run backup)', async () => {
		const dataDir = tempDataDir();
		const { w, cookie, close } = await seedWorkshop(dataDir);
		close();
		const server = await startServerProcess(dataDir);
		try {
			const socket = await connect(server.url, { workshopId: w.id, as: 'participant' }, cookie);
			for (let i = 0; i < 10; i++) await send(socket, 'card:create', { key: key(), boardId: w.activeActivityId!, text: `kept ${i}` });
			const target = path.join(dataDir, 'copy.sqlite');
			const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/backup.ts'), target], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
			expect(out).toMatch(/integrity ok/);
			const copy = new Database(target, { readonly: true });
			expect((copy.prepare('select count(*) as n from cards').get() as { n: number }).n).toBe(10);
			copy.close();
			socket.close();
		} finally {
			await server.kill('SIGKILL');
		}
	}, 30_000);

	it('lets a participant see and erase what the workshop holds about them', async () => {
		const s = await startServer();
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const p = makeParticipant(s.deps, w.id, 'Sam');
			const socket = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
			await send(socket, 'card:create', { key: key(), boardId: w.activeActivityId!, text: 'my idea' });
			const data = await send(socket, 'me:data', {});
			expect(data.ok && data.data.nickname).toBe('Sam');
			expect(data.ok && data.data.modules.board.cards.map((c: { text: string }) => c.text)).toEqual(['my idea']);
			expect(data.ok && data.data.events.map((e: { kind: string }) => e.kind)).toEqual(['workshop.participant.joined', 'board.card.posted']);
			expect(data.ok && data.data.texts).toBe(0);
			const ended = new Promise<string>((r) => socket.once('session:ended', (e) => r(e.reason)));
			expect((await send(socket, 'me:forget', { key: key() })).ok).toBe(true);
			expect(await ended).toBe('forgotten');
			expect(s.deps.repos.workshops.participant(p.id)).toBeNull();
			expect(boardRepo(s.deps).cardsByAuthor(w.activeActivityId!, p.id)).toHaveLength(0);
			expect(s.deps.repos.participation.ofWorkshop(w.id).filter((e) => e.actorId === p.id || e.ownerId === p.id)).toHaveLength(0);
			await expect(connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie)).rejects.toThrow(/unauthorized/);
		} finally {
			await s.close();
		}
	});

	it('lets the owner delete a workshop with everything in it', async () => {
		const s = await startServer();
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const p = makeParticipant(s.deps, w.id, 'Gone');
			const facSocket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
			const pSocket = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
			await send(pSocket, 'card:create', { key: key(), boardId: w.activeActivityId!, text: 'bye' });
			expect(await send(facSocket, 'workshop:delete', { key: key(), confirmCode: 'WRONG' })).toEqual({ ok: false, error: 'confirm_mismatch' });
			const ended = new Promise<string>((r) => pSocket.once('session:ended', (e) => r(e.reason)));
			expect((await send(facSocket, 'workshop:delete', { key: key(), confirmCode: w.code })).ok).toBe(true);
			expect(await ended).toBe('workshop_deleted');
			for (const table of ['workshops', 'activities', 'boards', 'cards', 'clusters', 'participants', 'command_receipts', 'participation_events', 'votes', 'workshop_members'])
				expect((s.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n, table).toBe(0);
		} finally {
			await s.close();
		}
	});

	it('throttles sign-in attempts and join-code guessing, and a closed workshop code is dead', async () => {
		const s = await startServer();
		try {
			const results = [];
			for (let i = 0; i < 12; i++) results.push(await s.deps.services.signIn('10.0.0.9', 'nobody', 'wrong password'));
			expect(results.slice(0, 5).every((r) => !r.ok && r.reason === 'bad_credentials')).toBe(true);
			expect(results.at(-1)).toEqual({ ok: false, reason: 'rate_limited' });
			const guesses = Array.from({ length: 30 }, () => s.deps.services.findOpenByCode('10.0.0.8', 'ZZZZZZZ'));
			expect(guesses.at(-1)).toEqual({ ok: false, reason: 'rate_limited' });
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			expect(s.deps.services.findOpenByCode('10.0.0.7', w.code).ok).toBe(true);
			const socket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
			expect((await send(socket, 'workshop:close', { key: key() })).ok).toBe(true);
			expect(s.deps.services.findOpenByCode('10.0.0.7', w.code)).toEqual({ ok: false, reason: 'workshop_closed' });
			expect(await send(socket, 'card:create', { key: key(), boardId: w.activeActivityId!, text: 'late' })).toEqual({ ok: false, error: 'workshop_closed' });
			socket.close();
		} finally {
			await s.close();
		}
	});

	it('drops a socket.io client that stops reading instead of buffering for it without bound', async () => {
		const s = await startServer();
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const slow = ioClient(s.url, { auth: { workshopId: w.id, as: 'facilitator' }, transports: ['websocket'], extraHeaders: { cookie: fac.cookie }, reconnection: false, forceNew: true });
			await new Promise<void>((r) => slow.once('connect', () => r()));
			// Stop reading: pause the underlying TCP socket of the client.
			const raw = (slow.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;
			raw.pause();
			const server = [...s.realtime.gateway.io.sockets.sockets.values()][0];
			const big = 'x'.repeat(64 * 1024);
			const gone = new Promise<void>((r) => server.once('disconnect', () => r()));
			const t0 = Date.now();
			while (server.connected && Date.now() - t0 < 15_000) {
				for (let i = 0; i < 50; i++) server.emit('presence', { participants: 0, pad: big } as never);
				await new Promise((r) => setTimeout(r, 50));
			}
			await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
			const stillConnected = server.connected;
			raw.resume();
			slow.close();
			expect(stillConnected, 'slow consumer still connected').toBe(false);
		} finally {
			await s.close();
		}
	}, 30_000);

	it('drops a Yjs client that stops reading (bounded send buffer); it can resync afterwards', async () => {
		const s = await startServer(undefined, { yjs: { maxBufferedBytes: 256 * 1024 } });
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const boardId = w.activeActivityId!;
			const board = boardRepo(s.deps).board(boardId)!;
			boardRepo(s.deps).saveBoard({ ...board, settings: { ...board.settings, privateUntilReveal: false } });
			const ws = new WebSocket(`${s.url.replace('http', 'ws')}/yjs/${w.id}/public?projector=${w.projectorToken}`);
			await new Promise((r) => ws.once('open', r));
			const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
			(ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
			let n = 0;
			const burst = () => {
				for (let i = 0; i < 2000; i++, n++)
					boardRepo(s.deps).insertCard({ id: `bulk${n}`, boardId, authorId: fac.user.id, authorRole: 'facilitator', text: `${n} ${'y'.repeat(270)}`, columnId: board.columns[0].id, laneId: null, clusterId: null, position: n, status: 'visible', revealed: true, createdAt: Date.now() });
				const dirty = new Dirty();
				dirty.mark(BUCKET.boards, boardId);
				dirty.full.add(boardId);
				s.realtime.projection.markDirty(w.id, dirty);
				s.realtime.projection.flush(w.id);
			};
			const t0 = Date.now();
			expect(s.realtime.yjs.connectionCount).toBe(1);
			while (s.realtime.yjs.connectionCount > 0 && Date.now() - t0 < 20_000 && n < 100_000) {
				burst();
				await new Promise((r) => setTimeout(r, 100));
			}
			// The server let go of the stuck connection while the client was still not reading.
			expect(s.realtime.yjs.connectionCount, 'server still holds the stuck connection').toBe(0);
			(ws as unknown as { _socket: { resume(): void } })._socket.resume();
			expect([4508, 1006]).toContain(await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 5000))]));
			const again = replica(s.url, w.id, 'public', undefined, w.projectorToken);
			await again.synced;
			expect(again.cards().size).toBe(n);
			again.destroy();
		} finally {
			await s.close();
		}
	}, 60_000);
});
