import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { TextConnection } from '../../src/lib/realtime/text-connection';
import { eventually } from './harness';

/** A WebSocket class that sends this cookie (the browser would; node's ws does not). */
export function cookieSocket(cookie?: string) {
	return class extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: cookie ? { cookie } : {} });
		}
	};
}

const open: TextConnection[] = [];

/** The app's own text client on a co-edited text document, as the cookie's person (or the projector link). */
export function textClient(s: { url: string }, workshopId: string, entity: string, cookie?: string, opts: { projectorToken?: string; maxBackoffTime?: number } = {}) {
	const c = new TextConnection({
		base: s.url.replace('http', 'ws') + '/yjs',
		workshopId,
		entity,
		projectorToken: opts.projectorToken,
		WebSocketPolyfill: cookieSocket(cookie),
		maxBackoffTime: opts.maxBackoffTime ?? 200
	});
	open.push(c);
	return c;
}

/** Closes every text client made by `textClient` (after a test file). */
export function closeTextClients() {
	for (const c of open.splice(0)) c.destroy();
}

/** Resolves once the client is online and the server said what it may do. */
export const online = (c: TextConnection) => eventually(() => c.status === 'online' && c.access !== null, 5000, 'client online');

/** An update message (sync, type 2) carrying a document update. */
export function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** A sync step 1 from an empty replica (asks for the whole document). */
export function emptyStep1(): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
	return encoding.toUint8Array(e);
}
