import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as sync from 'y-protocols/sync';
import * as awareness from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/**
 * Baseline (b): a bare y-websocket server on y-protocols. One Y.Doc per path, every update relayed to every
 * other connection at once; no auth, no batching, no back-pressure, no eviction.
 */
export function attachYws(httpServer: HttpServer, seed?: Uint8Array) {
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
	const docs = new Map<string, { doc: Y.Doc; aw: awareness.Awareness; conns: Set<WebSocket> }>();
	const frame = (type: number, write: (e: encoding.Encoder) => void) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, type);
		write(e);
		return encoding.toUint8Array(e);
	};
	const room = (name: string) => {
		let r = docs.get(name);
		if (r) return r;
		const doc = new Y.Doc();
		if (seed) Y.applyUpdate(doc, seed);
		const aw = new awareness.Awareness(doc);
		aw.setLocalState(null);
		const conns = new Set<WebSocket>();
		doc.on('update', (u: Uint8Array, origin: unknown) => {
			const msg = frame(0, (e) => sync.writeUpdate(e, u));
			for (const c of conns) if (c !== origin) c.send(msg);
		});
		aw.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
			const msg = frame(1, (e) => encoding.writeVarUint8Array(e, awareness.encodeAwarenessUpdate(aw, added.concat(updated, removed))));
			for (const c of conns) if (c !== origin) c.send(msg);
		});
		docs.set(name, (r = { doc, aw, conns }));
		return r;
	};
	httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (!req.url?.startsWith('/yjs/')) return;
		wss.handleUpgrade(req, socket, head, (ws) => {
			const r = room(req.url!.split('?')[0]);
			r.conns.add(ws);
			ws.on('message', (data: Buffer) => {
				const d = decoding.createDecoder(new Uint8Array(data));
				const type = decoding.readVarUint(d);
				if (type === 0) {
					const e = encoding.createEncoder();
					encoding.writeVarUint(e, 0);
					sync.readSyncMessage(d, e, r.doc, ws);
					if (encoding.length(e) > 1) ws.send(encoding.toUint8Array(e));
				} else if (type === 1) awareness.applyAwarenessUpdate(r.aw, decoding.readVarUint8Array(d), ws);
			});
			ws.on('close', () => r.conns.delete(ws));
			ws.send(frame(0, (e) => sync.writeSyncStep1(e, r.doc)));
		});
	});
	return { docs };
}
