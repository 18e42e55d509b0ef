// The floor: a bare ws server that echoes every frame.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0), perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
wss.on('listening', () => console.log(`ECHO LISTENING ${(wss.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
