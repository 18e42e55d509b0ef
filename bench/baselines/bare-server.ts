// The bare baselines in one process: the socket.io relay and the y-websocket server on one loopback port.
import fs from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { attachRelay } from './relay';
import { attachYws } from './yws';

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const server = http.createServer((req, res) => {
	if (!req.url?.startsWith('/stats')) return void res.writeHead(404).end();
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end(JSON.stringify({ eventLoop: { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 } }));
	if (req.url.includes('reset=1')) loop.reset();
});
attachRelay(server);
attachYws(server, process.env.SEED_FILE ? new Uint8Array(fs.readFileSync(process.env.SEED_FILE)) : undefined);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`BARE LISTENING ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
