import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { io as ioClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps, type Deps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import type { ServerModule } from '../../server/realtime/modules';
import { publishDeps } from '../../server/deps-registry';
import { createHttpApp } from '../../server/http';
import { attachRealtime, type Realtime } from '../../server/realtime/attach';
import { createLogger } from '../../server/log';
import { boardRepo } from '../../server/features/board/repo';
import { applyCommand as applyDirectly } from '../../server/realtime/commands';
import type { EventActor } from '../../src/lib/domain/participation';
import type { ClientToServerEvents, HandshakeAuth, Response, ServerToClientEvents } from '../../src/lib/protocol/events';
import type { CommandName, CommandPayload, CommandResults } from '../../src/lib/features/index';
import { BOARD_MAPS } from '../../src/lib/features/board/spec';
import type { Phase } from '../../src/lib/features/board/domain';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The statistics reset token of servers started by these tests (`/healthz?reset=<it>`). */
export const HEALTHZ_RESET_TOKEN = 'test-reset-token';

/** A fresh temporary data folder. */
export function tempDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-test-'));
}

/** A real Plenum server (express + socket.io + Yjs, without the SvelteKit pages) on port 0 in this process. */
export async function startServer(dataDir = tempDataDir(), realtimeOpts: Parameters<typeof attachRealtime>[2] = {}, modules: readonly ServerModule[] = SERVER_MODULES) {
	const config = { ...loadConfig({ HEALTHZ_RESET_TOKEN }), dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' };
	const deps = createDeps(config, modules, createLogger('silent'));
	publishDeps(deps);
	const server = http.createServer(createHttpApp(deps));
	const realtime = attachRealtime(server, deps, realtimeOpts);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as { port: number }).port;
	return {
		deps,
		realtime,
		dataDir,
		port,
		url: `http://127.0.0.1:${port}`,
		async close() {
			realtime.close();
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
			closeDeps(deps);
		}
	};
}

/** The same server as a child process, so a test can kill it with SIGKILL and start it again on the same data. */
export async function startServerProcess(dataDir: string, fixedPort = 0): Promise<{ url: string; port: number; child: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> }> {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server-child.ts')], {
		env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: String(fixedPort), HEALTHZ_RESET_TOKEN },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const port = await new Promise<number>((resolve, reject) => {
		let buf = '';
		const t = setTimeout(() => reject(new Error('server child did not start in 20 s')), 20_000);
		child.stdout!.on('data', (d) => {
			buf += d;
			const m = /LISTENING (\d+)/.exec(buf);
			if (m) {
				clearTimeout(t);
				resolve(Number(m[1]));
			}
		});
		child.on('exit', (code) => reject(new Error(`server child exited with ${code}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		child,
		kill: (signal = 'SIGKILL') =>
			new Promise<void>((r) => {
				if (child.exitCode !== null) return r();
				child.once('exit', () => r());
				child.kill(signal);
			})
	};
}

/** A TCP port that was free a moment ago (for a server that must come back on the same port). */
export async function freePort(): Promise<number> {
	const srv = http.createServer();
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
	const port = (srv.address() as { port: number }).port;
	await new Promise<void>((r) => srv.close(() => r()));
	return port;
}

/** Signs up a facilitator directly through the services and returns the session cookie. */
export async function makeFacilitator(deps: Deps, name = `fac${Math.random().toString(36).slice(2, 8)}`) {
	const r = await deps.services.signUp('127.0.0.1', name, 'correct horse battery');
	if (!r.ok) throw new Error(r.reason);
	const session = deps.repos.accounts.createSession(r.value.id, Date.now());
	return { user: r.value, cookie: `plenum_session=${session.token}` };
}

/** Creates a workshop owned by the facilitator. */
export function makeWorkshop(deps: Deps, userId: string, title = 'Test workshop') {
	const r = deps.services.createWorkshop(userId, title, 'en');
	if (!r.ok) throw new Error(r.reason);
	return r.value;
}

/**
 * Joins a workshop as a participant and returns the device cookie. Nicknames are unique per workshop: a name taken
 * already gets a number (Alex, Alex 2, Alex 3 ...), so tests that only need "another phone" need not invent names
 * (tests of the rule itself call `services.join`).
 */
export function makeParticipant(deps: Deps, workshopId: string, nickname = 'Alex') {
	const w = deps.repos.workshops.get(workshopId)!;
	let r = deps.services.join(w, nickname);
	for (let n = 2; !r.ok && r.reason === 'nickname_taken'; n++) r = deps.services.join(w, `${nickname} ${n}`);
	if (!r.ok) throw new Error(r.reason);
	return { id: r.value.id, cookie: `plenum_p_${workshopId}=${r.value.token}` };
}

/** A connected socket.io client (rejects with the server's reason if the handshake is refused). */
export function connect(url: string, auth: HandshakeAuth, cookie?: string, extraHeaders: Record<string, string> = {}): Promise<ClientSocket> {
	const socket: ClientSocket = ioClient(url, {
		auth,
		transports: ['websocket'],
		extraHeaders: { ...(cookie ? { cookie } : {}), ...extraHeaders },
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (e) => {
			socket.close();
			reject(e);
		});
	});
}

/** Sends a command and waits for its ack. */
export function send<C extends CommandName>(socket: ClientSocket, name: C, payload: CommandPayload<C>): Promise<Response<any>> {
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error(`no ack for ${name}`)), 5000);
		(socket.emit as any)(name, payload, (r: Response<unknown>) => {
			clearTimeout(t);
			resolve(r);
		});
	});
}

/** Sends a command with a fresh key and expects it applied; resolves to its ack's data. */
export async function sendOk(socket: ClientSocket, name: CommandName, payload: Record<string, unknown>): Promise<any> {
	const r = await send(socket, name, { key: key(), ...payload } as never);
	if (!r.ok) throw new Error(`${name} refused: ${r.error}`);
	return r.data;
}

/**
 * Every text and blob value of every table of a database (blobs read as UTF-8) that contains one of the needles, as
 * `table.column: needle`: the whole-database search after an erasure.
 */
export function searchDatabase(sqlite: { prepare(sql: string): { all(...a: unknown[]): unknown[] } }, needles: string[]): { tables: string[]; hits: string[] } {
	const hits: string[] = [];
	const tables = (sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((t) => t.name);
	for (const name of tables)
		for (const row of sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[])
			for (const [column, value] of Object.entries(row)) {
				const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
				if (text !== null) for (const n of needles) if (text.includes(n)) hits.push(`${name}.${column}: ${n}`);
			}
	return { tables, hits: [...new Set(hits)] };
}

/** The needles found in the raw bytes of a database's file and its write-ahead log, as `<file>: needle`. */
export function searchFiles(sqlite: { name: string }, needles: string[]): string[] {
	const found: string[] = [];
	for (const f of [sqlite.name, `${sqlite.name}-wal`]) {
		const bytes = fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0);
		for (const t of needles) if (bytes.includes(Buffer.from(t))) found.push(`${path.basename(f)}: ${t}`);
	}
	return found;
}

/** Whether a database's write-ahead log is gone or empty (truncated after an erasure). */
export function walEmpty(sqlite: { name: string }): boolean {
	const wal = `${sqlite.name}-wal`;
	return !fs.existsSync(wal) || fs.statSync(wal).size === 0;
}

let keySeq = 0;
/** A fresh idempotency key. */
export const key = () => `k${Date.now().toString(36)}${(keySeq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A y-websocket replica of a workshop document, connected with the given cookie (and projector token). */
export function replica(url: string, workshopId: string, audience: 'public' | 'staff', cookie?: string, projectorToken?: string) {
	const headers = cookie ? { cookie } : {};
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url.replace('http', 'ws') + `/yjs/${workshopId}`, audience, doc, {
		WebSocketPolyfill: CookieWebSocket as never,
		disableBc: true,
		params: projectorToken ? { projector: projectorToken } : {},
		maxBackoffTime: 200
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		provider.once('sync', (s: boolean) => s && resolve());
	});
	return {
		doc,
		provider,
		synced,
		/** The board's maps (`board.cards`, `board.boards`, `board.clusters`) and the core's (`activities`, `meta`). */
		cards: () => doc.getMap(BOARD_MAPS.cards),
		boards: () => doc.getMap(BOARD_MAPS.boards),
		clusters: () => doc.getMap(BOARD_MAPS.clusters),
		activities: () => doc.getMap('activities'),
		meta: () => doc.getMap('meta'),
		destroy: () => (provider.destroy(), doc.destroy())
	};
}

/** Polls until `check` passes (returns truthy) or the time runs out. */
export async function eventually<T>(check: () => T | Promise<T>, ms = 5000, what = 'condition'): Promise<NonNullable<T>> {
	const end = Date.now() + ms;
	let last: unknown;
	while (Date.now() < end) {
		try {
			const v = await check();
			if (v) return v as NonNullable<T>;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** A small seeded PRNG (mulberry32), so fuzz and chaos runs can be replayed from their seed. */
export { mulberry32 as rng } from '../../src/lib/domain/random';

/**
 * Applies one command directly through its handler (the core's or its module's), as `actor`, in one transaction
 * with its participation events, without a socket or a receipt: for seeding data folders and for handler tests.
 */
export function applyCommand<C extends CommandName>(deps: Deps, workshopId: string, actor: EventActor, name: C, payload: Omit<CommandPayload<C>, 'key'>, now = Date.now()): CommandResults[C] {
	return applyDirectly(deps, workshopId, actor, name, payload as Record<string, unknown>, now) as CommandResults[C];
}

/** Adds a board to a workshop as a facilitator would (`activity:add`, then `activity:phase` when a phase is given); returns its (its activity's) id. */
export function addBoard(deps: Deps, workshopId: string, actor: EventActor, opts: { title?: string; phase?: Phase } = {}): string {
	const { activityId } = applyCommand(deps, workshopId, actor, 'activity:add', { type: 'board', title: opts.title });
	if (opts.phase && opts.phase !== 'collect') applyCommand(deps, workshopId, actor, 'activity:phase', { activityId, phase: opts.phase });
	return activityId;
}

/**
 * Opens a data folder directly (no server) with a facilitator and its session, for tests that then start the
 * server as a child process on the same data. Call `close()` before starting the server.
 */
export async function seedDatabase(dataDir: string, name = 'seeded') {
	const config = { ...loadConfig({}), dataDir, logLevel: 'silent' };
	const deps = createDeps(config, SERVER_MODULES, createLogger('silent'));
	const { sqlite, repos, services } = deps;
	const boards = boardRepo(deps);
	const user = await services.signUp('127.0.0.1', name, 'correct horse battery');
	if (!user.ok) throw new Error(user.reason);
	const session = repos.accounts.createSession(user.value.id, Date.now());
	/** A workshop (cards live, not private until reveal) with one participant; returns its cookie. */
	const workshop = (title: string, locale = 'en') => {
		const w = services.createWorkshop(user.value.id, title, locale);
		if (!w.ok) throw new Error(w.reason);
		const stored = boards.board(w.value.activeActivityId!)!;
		const board = { ...stored, settings: { ...stored.settings, privateUntilReveal: false } };
		boards.saveBoard(board);
		const p = services.join(w.value, 'Seed');
		if (!p.ok) throw new Error(p.reason);
		return { w: w.value, board, boardId: board.id, participantId: p.value.id, cookie: `plenum_p_${w.value.id}=${p.value.token}` };
	};
	const facilitator = { role: 'facilitator' as const, id: user.value.id };
	return { deps, sqlite, repos, boards, services, user: user.value, facilitator, facCookie: `plenum_session=${session.token}`, workshop, close: () => closeDeps(deps) };
}
