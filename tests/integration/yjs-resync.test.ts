// The Yjs server's answer to a resync (sync step 1 with a non-empty state vector) is kept per room until the document
// changes: a change that leaves the state vector as it was (a deletion) must still reach the next client that asks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { createLogger } from '../../server/log';
import { YServer } from '../../server/realtime/yjs-server';

const closers: (() => void)[] = [];
afterEach(() => {
	for (const c of closers.splice(0)) c();
});

async function serve(doc: Y.Doc) {
	const yjs = new YServer({ log: createLogger('silent'), authorize: () => ({ docName: 'w/public', canWrite: false, awareness: false, tag: 't' }), load: () => doc });
	const server = http.createServer();
	server.on('upgrade', (req, socket, head) => yjs.handleUpgrade(req, socket, head));
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	closers.push(() => {
		yjs.close();
		server.close();
	});
	return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/yjs/w/public`;
}

/** Connects, sends sync step 1 with `replica`'s state vector and applies the step 2 it gets to `replica`. */
async function resync(url: string, replica: Y.Doc): Promise<void> {
	const ws = new WebSocket(url);
	ws.binaryType = 'nodebuffer';
	await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
	const step2 = new Promise<Uint8Array>((resolve) =>
		ws.on('message', (data: Buffer) => {
			const dec = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(dec) !== 0 || decoding.readVarUint(dec) !== 1) return;
			resolve(decoding.readVarUint8Array(dec));
		})
	);
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, 0);
	encoding.writeVarUint(enc, 0);
	encoding.writeVarUint8Array(enc, Y.encodeStateVector(replica));
	ws.send(encoding.toUint8Array(enc));
	Y.applyUpdate(replica, await step2);
	ws.close();
}

describe('Yjs resync answers', () => {
	it('answer a deletion made since the last answer to the same state vector', async () => {
		const doc = new Y.Doc();
		doc.getMap('m').set('a', 'one');
		doc.getMap('m').set('b', 'two');
		const url = await serve(doc);
		// Two replicas at the same state as the server: the first resync's answer is the one kept.
		const r1 = new Y.Doc();
		const r2 = new Y.Doc();
		Y.applyUpdate(r1, Y.encodeStateAsUpdate(doc));
		Y.applyUpdate(r2, Y.encodeStateAsUpdate(doc));
		await resync(url, r1);
		expect(r1.getMap('m').toJSON()).toEqual({ a: 'one', b: 'two' });
		// A deletion: the state vector stays the same, only the delete set grows.
		const sv = Y.encodeStateVector(doc);
		doc.getMap('m').delete('a');
		expect(Y.encodeStateVector(doc)).toEqual(sv);
		await resync(url, r2);
		expect(r2.getMap('m').toJSON()).toEqual({ b: 'two' });
		// And a later insertion as well.
		doc.getMap('m').set('c', 'three');
		await resync(url, r1);
		expect(r1.getMap('m').toJSON()).toEqual({ b: 'two', c: 'three' });
	});
});
