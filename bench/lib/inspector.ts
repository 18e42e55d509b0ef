import WebSocket from 'ws';

/**
 * Talks to a process started with --inspect over the DevTools protocol: forces a full GC and reads the heap,
 * or evaluates an expression. Nothing in the server's code is needed for this.
 */
export async function inspect<T>(wsUrl: string, steps: { method: string; params?: Record<string, unknown> }[], timeoutMs = 15_000): Promise<T[]> {
	const ws = new WebSocket(wsUrl);
	const results: T[] = [];
	try {
		await new Promise<void>((resolve, reject) => {
			const t = setTimeout(() => reject(new Error('inspector: no connection')), timeoutMs);
			ws.once('open', () => (clearTimeout(t), resolve()));
			ws.once('error', (e) => (clearTimeout(t), reject(e)));
		});
		let id = 0;
		for (const step of steps) {
			const myId = ++id;
			const reply = await new Promise<{ result?: T; error?: { message: string } }>((resolve, reject) => {
				const t = setTimeout(() => reject(new Error(`inspector: ${step.method} timed out`)), timeoutMs);
				const onMessage = (raw: WebSocket.RawData) => {
					const msg = JSON.parse(String(raw)) as { id?: number; result?: T; error?: { message: string } };
					if (msg.id !== myId) return;
					clearTimeout(t);
					ws.off('message', onMessage);
					resolve(msg);
				};
				ws.on('message', onMessage);
				ws.send(JSON.stringify({ id: myId, method: step.method, params: step.params ?? {} }));
			});
			if (reply.error) throw new Error(`inspector: ${step.method}: ${reply.error.message}`);
			results.push(reply.result as T);
		}
		return results;
	} finally {
		ws.close();
	}
}

/** V8 heap in use after two forced full garbage collections, in bytes. */
export async function heapAfterGc(wsUrl: string): Promise<number> {
	const r = await inspect<{ usedSize?: number }>(wsUrl, [
		{ method: 'HeapProfiler.collectGarbage' },
		{ method: 'HeapProfiler.collectGarbage' },
		{ method: 'Runtime.getHeapUsage' }
	]);
	return r[2].usedSize ?? 0;
}
