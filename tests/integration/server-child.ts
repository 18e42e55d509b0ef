// A Plenum server without the SvelteKit pages, for tests that kill and restart the process.
import http from 'node:http';
import { loadConfig } from '../../server/config';
import { createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { publishDeps } from '../../server/deps-registry';
import { createHttpApp } from '../../server/http';
import { attachRealtime } from '../../server/realtime/attach';
import { installShutdown } from '../../server/lifecycle';

const deps = createDeps({ ...loadConfig(), port: 0, host: '127.0.0.1' }, SERVER_MODULES);
publishDeps(deps);
const server = http.createServer(createHttpApp(deps));
installShutdown(server, attachRealtime(server, deps), deps);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	console.log(`LISTENING ${(server.address() as { port: number }).port}`);
});
