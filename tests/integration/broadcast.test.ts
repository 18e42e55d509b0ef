import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { YServer } from '../../server/realtime/yjs-server';
import { createLogger } from '../../server/log';

/**
 * A big room gets each update in slices (server/realtime/yjs-server.ts, BROADCAST_SLICE): every connection must
 * still get every update, in the order the updates were made, and end with the server's document.
 */
describe('yjs server: updates to a big room', () => {
	const doc = new Y.Doc();
	let server: http.Server;
	let ys: YServer;
	let url: string;

	beforeAll(async () => {
		ys = new YServer({ log: createLogger('silent'), authorize: () => ({ docName: 'big/public', canWrite: false, awareness: false, tag: 't' }), load: () => doc });
		server = http.createServer();
		server.on('upgrade', (req, socket, head) => ys.handleUpgrade(req, socket, head));
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/yjs/big/public`;
	});

	afterAll(async () => {
		ys.close();
		await new Promise((r) => server.close(r));
	});

	/** A replica that applies every frame as it comes and notes whether an update ever arrived before one it builds on. */
	function replica() {
		const rdoc = new Y.Doc();
		let outOfOrder = 0;
		let frames = 0;
		const ws = new WebSocket(url, { perMessageDeflate: false });
		ws.binaryType = 'nodebuffer';
		const synced = new Promise<void>((resolve) => {
			ws.on('message', (data: Buffer) => {
				const dec = decoding.createDecoder(new Uint8Array(data));
				const enc = encoding.createEncoder();
				decoding.readVarUint(dec);
				encoding.writeVarUint(enc, 0);
				const type = syncProtocol.readSyncMessage(dec, enc, rdoc, null);
				if (encoding.length(enc) > 1) ws.send(encoding.toUint8Array(enc));
				if (type === syncProtocol.messageYjsSyncStep2) resolve();
				if (type === syncProtocol.messageYjsUpdate) frames++;
				// Updates applied out of order leave structs pending until the missing ones arrive.
				if (rdoc.store.pendingStructs) outOfOrder++;
			});
			ws.on('open', () => {
				const e = encoding.createEncoder();
				encoding.writeVarUint(e, 0);
				syncProtocol.writeSyncStep1(e, rdoc);
				ws.send(encoding.toUint8Array(e));
			});
		});
		return { rdoc, ws, synced, outOfOrder: () => outOfOrder, frames: () => frames };
	}

	it('300 connections each get 40 server updates, in order, and converge', async () => {
		doc.getArray<number>('log').push([0]);
		const rs = Array.from({ length: 300 }, () => replica());
		await Promise.all(rs.map((r) => r.synced));
		// 40 updates, each building on the one before (an array grown at its end), made faster than the slices drain.
		let sends = 0;
		const send = ys.send.bind(ys);
		ys.send = (c, m) => (sends++, send(c, m));
		for (let i = 1; i <= 40; i++) doc.getArray<number>('log').push([i]);
		// Only the first slice went out before the event loop turned: the other 11,872 writes wait their turns.
		expect(sends).toBe(128);
		const want = doc.getArray<number>('log').toArray();
		const deadline = Date.now() + 20_000;
		while (rs.some((r) => r.rdoc.getArray('log').length < want.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		expect(sends).toBe(300 * 40);
		for (const r of rs) {
			expect(r.rdoc.getArray('log').toArray()).toEqual(want);
			expect(r.outOfOrder()).toBe(0);
			expect(r.frames()).toBe(40);
			r.ws.close();
		}
	}, 60_000);
});
