import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

/** Baseline (a): a bare socket.io relay. Receive, acknowledge, broadcast to the room; no auth, no storage, no batching. */
export function attachRelay(httpServer: HttpServer) {
	const io = new Server(httpServer, { serveClient: false, destroyUpgrade: false });
	io.on('connection', (socket) => {
		const rooms = socket.handshake.auth.rooms;
		if (Array.isArray(rooms)) for (const r of rooms) if (typeof r === 'string') socket.join(r);
		socket.on('msg', (room: unknown, payload: unknown, ack?: unknown) => {
			if (typeof room === 'string') io.to(room).emit('msg', payload);
			if (typeof ack === 'function') ack({ ok: true });
		});
	});
	return io;
}
