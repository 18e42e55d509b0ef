// The co-editing benchmark's Plenum server: the production pieces (express, socket.io, the Yjs room server with
// its text documents, SQLite) as server/index.ts wires them, minus the SvelteKit pages (the benchmark's editors are
// seeded in the database), with an access function that lets every member of a workshop write its text documents
// and its projector read them. No module grants text access in the product yet; this stands in for one.
import http from 'node:http';
import { loadConfig } from '../../server/config';
import { createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { publishDeps } from '../../server/deps-registry';
import { createHttpApp } from '../../server/http';
import { attachRealtime } from '../../server/realtime/attach';
import { installShutdown } from '../../server/lifecycle';

const config = loadConfig();
const deps = createDeps(config, SERVER_MODULES);
publishDeps(deps);
const server = http.createServer(createHttpApp(deps));
const realtime = attachRealtime(server, deps, { texts: { access: (identity) => (identity.role === 'projector' ? 'read' : 'write') } });
installShutdown(server, realtime, deps);
server.listen(config.port, config.host, () => console.log(`TEXT SERVER LISTENING ${(server.address() as { port: number }).port}`));
