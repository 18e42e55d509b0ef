import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { connect, eventually, HEALTHZ_RESET_TOKEN, key, replica, rng, seedDatabase, send, startServerProcess, tempDataDir } from './harness';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 1500);
const FUZZ_MS = Number(process.env.FUZZ_MS ?? 25_000);

async function seed(dataDir: string) {
	const db = await seedDatabase(dataDir, 'fuzzer');
	const target = db.workshop('Target');
	const bystander = db.workshop('Bystander');
	db.close();
	return { target, bystander, facCookie: db.facCookie };
}

/** A fingerprint of everything stored about a workshop's board. */
function fingerprint(dataDir: string, boardId: string): string {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true });
	const rows = [
		db.prepare('select id, text, column_id, status from cards where board_id = ? order by id').all(boardId),
		db.prepare('select columns, lanes, settings from boards where id = ?').all(boardId),
		db.prepare('select title, phase, position from activities where id = ?').all(boardId),
		db.prepare('select item_id, count from votes where board_id = ? order by item_id').all(boardId)
	];
	db.close();
	return JSON.stringify(rows);
}

function randomBytes(r: () => number, max: number): Buffer {
	const n = Math.floor(r() * max);
	const b = Buffer.alloc(n);
	for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
	return b;
}

/** One malformed Yjs frame of a random kind. */
function yjsFrame(r: () => number, validUpdate: Uint8Array): Buffer | string {
	const kind = Math.floor(r() * 9);
	const e = encoding.createEncoder();
	switch (kind) {
		case 0:
			return randomBytes(r, 64);
		case 1: // truncated valid update
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 2);
			encoding.writeVarUint8Array(e, validUpdate.slice(0, Math.floor(r() * validUpdate.length)));
			return Buffer.from(encoding.toUint8Array(e)).subarray(0, 3 + Math.floor(r() * validUpdate.length));
		case 2: // huge length prefix
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, Math.floor(r() * 3));
			encoding.writeVarUint(e, 0xffffffff);
			return Buffer.concat([Buffer.from(encoding.toUint8Array(e)), randomBytes(r, 16)]);
		case 3: // unknown message type
			encoding.writeVarUint(e, 4 + Math.floor(r() * 200));
			return Buffer.concat([Buffer.from(encoding.toUint8Array(e)), randomBytes(r, 16)]);
		case 4: // unknown sync sub-type
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 3 + Math.floor(r() * 100));
			return Buffer.from(encoding.toUint8Array(e));
		case 5: // garbage awareness
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, randomBytes(r, 64));
			return Buffer.from(encoding.toUint8Array(e));
		case 6: // awareness for someone else's client id, or with broken JSON
			encoding.writeVarUint(e, 1);
			{
				const inner = encoding.createEncoder();
				encoding.writeVarUint(inner, 2);
				for (let i = 0; i < 2; i++) {
					encoding.writeVarUint(inner, Math.floor(r() * 1e9));
					encoding.writeVarUint(inner, 1);
					encoding.writeVarString(inner, r() < 0.5 ? '{"user":' : JSON.stringify({ name: 'x'.repeat(Math.floor(r() * 4000)) }));
				}
				encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
			}
			return Buffer.from(encoding.toUint8Array(e));
		case 7: // a valid-looking write from a read-only connection
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 2);
			encoding.writeVarUint8Array(e, validUpdate);
			return Buffer.from(encoding.toUint8Array(e));
		default:
			return 'not binary ' + randomBytes(r, 20).toString('hex');
	}
}

/** One malformed socket.io packet (engine.io "4" message + socket.io type + data). */
function socketIoPacket(r: () => number): string | Buffer {
	const cases = [
		() => '42[',
		() => '42["card:create",{"key":1}]',
		() => `42["card:create",${'['.repeat(500)}${']'.repeat(500)}]`,
		() => '42["vote:cast",{"key":"aaaaaaaaaa","boardId":"x","itemId":"y","delta":5},',
		() => '451-["card:create",{"_placeholder":true,"num":99}]',
		() => `4${Math.floor(r() * 10)}${randomBytes(r, 40).toString('latin1')}`,
		() => '42' + JSON.stringify(['card:create', { key: 'k'.repeat(64), boardId: '../../etc', text: 'x'.repeat(2000) }]),
		() => '42' + JSON.stringify(['__proto__', { constructor: { prototype: { polluted: true } } }]),
		() => '42' + JSON.stringify(['session:hello', null]),
		() => randomBytes(r, 100),
		() => '4' + 'x'.repeat(70_000)
	];
	return cases[Math.floor(r() * cases.length)]();
}

describe(`fuzzer (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
	it('malformed socket.io and Yjs frames close only their connection; the process, other rooms and the data are unaffected', async () => {
		const r = rng(SEED);
		const dataDir = tempDataDir();
		const { target, bystander, facCookie } = await seed(dataDir);
		const server = await startServerProcess(dataDir);
		const ws = server.url.replace('http', 'ws');
		try {
			// A bystander room that must keep working throughout.
			const bySocket = await connect(server.url, { workshopId: bystander.w.id, as: 'participant' }, bystander.cookie);
			const byReplica = replica(server.url, bystander.w.id, 'public', undefined, bystander.w.projectorToken);
			await byReplica.synced;
			let bystanderDisconnected = false;
			bySocket.on('disconnect', () => (bystanderDisconnected = true));
			await fetch(`${server.url}/healthz?reset=${HEALTHZ_RESET_TOKEN}`);
			const before = fingerprint(dataDir, target.boardId);

			const doc = new Y.Doc();
			doc.getMap('board.cards').set('forged', { text: 'forged' });
			const validUpdate = Y.encodeStateAsUpdate(doc);

			let sent = 0;
			const deadline = Date.now() + FUZZ_MS;
			while (sent < FRAMES && Date.now() < deadline) {
				const useYjs = r() < 0.6;
				const path = useYjs ? `/yjs/${target.w.id}/${r() < 0.5 ? 'public' : 'staff'}` : `/socket.io/?EIO=4&transport=websocket`;
				const cookie = path.endsWith('staff') ? facCookie : target.cookie;
				const sock = new WebSocket(ws + path, { headers: { cookie } });
				const opened = await new Promise<boolean>((res) => {
					sock.once('open', () => res(true));
					sock.once('error', () => res(false));
					sock.once('unexpected-response', () => res(false));
				});
				if (!opened) continue;
				if (!useYjs) sock.send(`40${JSON.stringify({ workshopId: target.w.id, as: 'participant' })}`);
				const burst = 1 + Math.floor(r() * 8);
				for (let i = 0; i < burst && sock.readyState === WebSocket.OPEN; i++, sent++) sock.send(useYjs ? yjsFrame(r, validUpdate) : socketIoPacket(r));
				await new Promise((res) => setTimeout(res, 2));
				sock.terminate();
			}
			expect(sent, `seed ${SEED}`).toBeGreaterThan(Math.min(FRAMES, 300));

			// Still up, never blocked for more than 100 ms, other rooms unaffected, data unchanged.
			expect(server.child.exitCode, `server exited (seed ${SEED})`).toBeNull();
			const health = await (await fetch(`${server.url}/healthz`)).json();
			console.log(`fuzz seed ${SEED}: ${sent} malformed frames; server event-loop delay p99 ${health.eventLoop.p99Ms} ms, max ${health.eventLoop.maxMs} ms`);
			expect(health.status).toBe('ok');
			expect(health.eventLoop.maxMs, `event loop blocked (seed ${SEED})`).toBeLessThan(100);
			expect(bystanderDisconnected, `bystander disconnected (seed ${SEED})`).toBe(false);
			const made = await send(bySocket, 'card:create', { key: key(), boardId: bystander.boardId, text: 'after the storm' });
			expect(made.ok).toBe(true);
			await eventually(() => made.ok && byReplica.cards().has(made.data.card.id), 3000, 'bystander replica update');
			expect(fingerprint(dataDir, target.boardId), `stored data changed (seed ${SEED})`).toBe(before);
			const check = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true });
			expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
			check.close();
			bySocket.close();
			byReplica.destroy();
		} finally {
			await server.kill('SIGKILL');
		}
	}, FUZZ_MS + 60_000);
});
