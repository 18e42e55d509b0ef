import type { Duplex } from 'node:stream';
import { RateLimiter } from '../rate-limit';

/**
 * Open connections per IP, over socket.io (counted from the engine.io handshake, so a client that never finishes
 * the socket.io handshake counts too) and Yjs, plus the rate of new ones. A school hall of 1,000 phones behind one
 * NAT holds about 2,000 (one socket.io and one Yjs connection each), and after a Wi-Fi drop the dead ones linger
 * until their ping times out while the phones reconnect: the default ceiling leaves room for twice that.
 */
export class ConnectionLimits {
	private open = new Map<string, number>();
	private rate: RateLimiter;

	constructor(readonly maxPerIp: number) {
		// A whole hall may reconnect at once while its dead connections still count: a burst of twice the ceiling,
		// then a tenth of it a second.
		this.rate = new RateLimiter(2 * maxPerIp, Math.max(1, maxPerIp / 10));
	}

	/** Whether a new connection from this IP may start now (below the ceiling and the rate); takes a rate token. */
	admit(ip: string | undefined): boolean {
		const key = ip ?? '?';
		return (this.open.get(key) ?? 0) < this.maxPerIp && this.rate.take(key);
	}

	/** Counts one open connection of this IP until the returned release is called (once; later calls do nothing). */
	hold(ip: string | undefined): () => void {
		const key = ip ?? '?';
		this.open.set(key, (this.open.get(key) ?? 0) + 1);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const n = (this.open.get(key) ?? 1) - 1;
			if (n <= 0) this.open.delete(key);
			else this.open.set(key, n);
		};
	}

	/** Open connections of an IP now. */
	openOf(ip: string): number {
		return this.open.get(ip) ?? 0;
	}
}

/** Answers an upgrade nobody may take with an HTTP status and closes the TCP connection once it is written. */
export function refuseUpgrade(socket: Duplex, status: 400 | 403 | 429, text: string) {
	socket.on('error', () => socket.destroy());
	if (!socket.writable) return void socket.destroy();
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
	// A peer that never reads keeps the write pending: cut it off anyway.
	setTimeout(() => socket.destroy(), 2000).unref();
}
