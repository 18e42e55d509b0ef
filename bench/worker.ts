// A harness worker: holds simulated participants (real socket.io and y-websocket clients) and runs what the
// orchestrator asks, over IPC. Several of these run as separate processes beside the server under test.
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { Histogram, type HistogramData } from './lib/hist';
import {
	command,
	connectSocket,
	fullReplica,
	httpJoin,
	marker,
	newKey,
	newTraffic,
	scanMarkers,
	SeqSet,
	textReplica,
	thinReplica,
	type PlenumSocket,
	type Traffic,
	type YConn
} from './lib/clients';
import { now, sleep } from './lib/proc';
import type { Op, OpArgs, OpResult, Task, TaskResult } from './lib/protocol';
import { BOARD_MAPS } from '../src/lib/features/board/spec';
import type { CommandName } from '../src/lib/features/index';

interface Client {
	idx: number;
	addr: string;
	cookie?: string;
	sio?: PlenumSocket;
	y?: YConn;
	seen: SeqSet;
	own: Set<number>;
	/** Phones: [time, sum of counts] of each tally; projector: [time, counts]. */
	tallies: [number, number | Record<string, number>][];
	hellos: number[];
	/** Times the socket.io connection (re)connected. */
	connects: number[];
	cardId?: string;
	projector: boolean;
	/** The co-edited text document this client edits (`<workshopId>/<entity>`). */
	textDoc?: string;
}

interface Observation {
	from: number;
	to: number;
	hist: Histogram;
	seen: number;
	tallies: boolean;
}

interface Group {
	kind: 'plenum' | 'bare';
	url: string;
	clients: Map<number, Client>;
	traffic: Traffic;
	obs: Observation | null;
	errors: string[];
}

// Each y-websocket provider adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
const groups = new Map<string, Group>();
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let cpu0 = process.cpuUsage();
let t0 = now();
let traffic0 = new Map<string, Traffic>();

/** One source address per 25 phones, as if each class sat behind its own router (127.0.0.0/8 is all loopback). */
export function addressFor(idx: number): string {
	if (process.env.BENCH_ONE_IP) return '127.0.0.1';
	const r = Math.floor(idx / 25);
	return `127.${10 + Math.floor(r / 250)}.${r % 250}.1`;
}

function group(name: string, kind?: Group['kind'], url?: string): Group {
	let g = groups.get(name);
	if (!g) {
		if (!kind || !url) throw new Error(`unknown group ${name}`);
		groups.set(name, (g = { kind, url, clients: new Map(), traffic: newTraffic(), obs: null, errors: [] }));
	}
	return g;
}

function newClient(idx: number, projector = false): Client {
	return { idx, addr: addressFor(idx), seen: new SeqSet(), own: new Set(), tallies: [], hellos: [], connects: [], projector };
}

function onMarkers(g: Group, c: Client, buf: Buffer) {
	const o = g.obs;
	if (!o) return;
	const t = now();
	scanMarkers(buf, (seq, at) => {
		if (seq < o.from || seq >= o.to || c.own.has(seq)) return;
		if (c.seen.add(seq)) {
			o.seen++;
			o.hist.record(t - at);
		}
	});
}

function listenTallies(g: Group, c: Client) {
	c.sio!.on('tally', (m) => {
		if (!g.obs?.tallies) return;
		if (c.projector) c.tallies.push([now(), { ...m.counts }]);
		else c.tallies.push([now(), Object.values(m.counts).reduce((a, b) => a + b, 0)]);
	});
}

interface GridWatch {
	map: string;
	fields: string[];
	expect: Map<string, string>;
	since: number;
	hist: Histogram;
	/** Yjs updates each replica applied until it showed the expected map. */
	updates: Histogram;
	shown: Set<number>;
	counts: Map<number, number>;
	offs: (() => void)[];
}
const gridWatches = new Map<string, GridWatch>();

/** Whether a map of a replica holds exactly the expected entries (each value reduced to `fields` joined with "|"). */
function gridEquals(doc: Y.Doc, map: string, fields: string[], expect: Map<string, string>): boolean {
	const m = doc.getMap<Record<string, unknown>>(map);
	if (m.size !== expect.size) return false;
	for (const [k, want] of expect) {
		const v = m.get(k);
		if (!v || fields.map((f) => String(v[f])).join('|') !== want) return false;
	}
	return true;
}

/** Why reconnect attempts failed, with counts (reported with the resync status). */
const reconnectErrors = new Map<string, number>();

/** Registered after the first connect: every later connect is a reconnect, greeted as the app does. */
function helloOnReconnect(c: Client) {
	// The manager reports each failed attempt once (the socket's connect_error repeats the same failure).
	c.sio!.io.on('reconnect_error', (e: Error) => {
		const why = String(e.message).slice(0, 60);
		reconnectErrors.set(why, (reconnectErrors.get(why) ?? 0) + 1);
	});
	c.sio!.on('connect', () => {
		c.connects.push(now());
		void command(c.sio!, 'session:hello', {}, 10_000).then((r) => r.ok && c.hellos.push(now()));
	});
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let t: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([p, new Promise<T>((_, rej) => (t = setTimeout(() => rej(new Error(`${what} timed out`)), ms)))]);
	} finally {
		clearTimeout(t);
	}
}

/** Runs `fn` over items with at most `n` in flight. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
	let i = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, items.length) }, async () => {
			while (i < items.length) await fn(items[i++]);
		})
	);
}

const ops: { [K in Op]: (a: OpArgs[K]) => Promise<OpResult[K]> } = {
	async 'plenum.join'(a) {
		const g = group(a.group, 'plenum', a.url);
		const ready = new Histogram();
		const phases = { http: new Histogram(), socket: new Histogram(), hello: new Histogram(), yjs: new Histogram() };
		const failed: { idx: number; reason: string }[] = [];
		const deadline = now() + a.deadlineMs;
		const one = async (item: { idx: number; at?: number; nickname?: string }) => {
			if (item.at !== undefined) await sleep(item.at - now());
			const start = item.at ?? now();
			const c = newClient(item.idx);
			try {
				const nickname = item.nickname ?? `Phone ${item.idx}`;
				let j = await httpJoin(a.url, a.code, nickname, c.addr);
				while (!j.ok && a.retry && j.reason === 'rate_limited' && now() < deadline) {
					await sleep(300 + Math.random() * 700);
					j = await httpJoin(a.url, a.code, nickname, c.addr);
				}
				if (!j.ok) throw new Error(`join: ${j.reason}`);
				const tHttp = now();
				c.cookie = j.cookie;
				c.sio = await connectSocket(a.url, { workshopId: a.workshopId, as: 'participant' }, { cookie: c.cookie, localAddress: c.addr, reconnection: a.reconnection, traffic: g.traffic });
				const tSock = now();
				const hello = await command(c.sio, 'session:hello', {}, 15_000);
				if (!hello.ok) throw new Error(`hello: ${hello.error}`);
				const tHello = now();
				listenTallies(g, c);
				if (a.reconnection) helloOnReconnect(c);
				if (a.yjs !== 'none') {
					const full = a.yjs === 'full' || (a.fullEvery > 0 && item.idx % a.fullEvery === 0);
					const opts = { cookie: c.cookie, localAddress: c.addr, onFrame: (b: Buffer) => onMarkers(g, c, b), reconnect: a.reconnection, traffic: g.traffic };
					c.y = full ? fullReplica(a.url, `/yjs/${a.workshopId}`, 'public', opts) : thinReplica(a.url, `/yjs/${a.workshopId}`, 'public', opts);
					await withTimeout(c.y.synced, 20_000, 'yjs sync');
				}
				const tReady = now();
				phases.http.record(tHttp - start);
				phases.socket.record(tSock - tHttp);
				phases.hello.record(tHello - tSock);
				phases.yjs.record(tReady - tHello);
				ready.record(tReady - start);
				g.clients.set(c.idx, c);
			} catch (e) {
				failed.push({ idx: item.idx, reason: String((e as Error).message ?? e).slice(0, 120) });
				c.sio?.close();
				c.y?.destroy();
			}
		};
		if (a.items.some((i) => i.at !== undefined)) await Promise.all(a.items.map(one));
		else await pool(a.items, a.concurrency, one);
		return {
			joined: a.items.length - failed.length,
			failed,
			ready: ready.toJSON(),
			phases: { http: phases.http.toJSON(), socket: phases.socket.toJSON(), hello: phases.hello.toJSON(), yjs: phases.yjs.toJSON() }
		};
	},

	async 'plenum.projector'(a) {
		const g = group(a.group, 'plenum', a.url);
		const c = newClient(a.idx, true);
		c.sio = await connectSocket(a.url, { workshopId: a.workshopId, as: 'projector', projectorToken: a.token }, { localAddress: c.addr, reconnection: a.reconnection, traffic: g.traffic });
		const hello = await command(c.sio, 'session:hello', {});
		if (!hello.ok) throw new Error(`projector hello: ${hello.error}`);
		listenTallies(g, c);
		if (a.reconnection) helloOnReconnect(c);
		if (a.yjs !== 'none') {
			const opts = { localAddress: c.addr, params: { projector: a.token }, onFrame: (b: Buffer) => onMarkers(g, c, b), reconnect: a.reconnection, traffic: g.traffic };
			c.y = a.yjs === 'full' ? fullReplica(a.url, `/yjs/${a.workshopId}`, 'public', opts) : thinReplica(a.url, `/yjs/${a.workshopId}`, 'public', opts);
			await withTimeout(c.y.synced, 20_000, 'projector sync');
		}
		g.clients.set(c.idx, c);
		return { ok: true };
	},

	async 'bare.connect'(a) {
		const g = group(a.group, 'bare', a.url);
		const failed: { idx: number; reason: string }[] = [];
		const ready = new Histogram();
		const one = async (item: (typeof a.items)[number]) => {
			if (item.at !== undefined) await sleep(item.at - now());
			const c = newClient(item.idx, item.projector ?? false);
			const start = item.at ?? now();
			try {
				if (a.socket) {
					c.sio = await connectSocket(a.url, { rooms: item.rooms }, { localAddress: c.addr, traffic: g.traffic });
					(c.sio as unknown as { on(e: string, f: (p: { s: number; t: number }) => void): void }).on('msg', (p) => {
						const o = g.obs;
						if (!o || p.s < o.from || p.s >= o.to || c.own.has(p.s)) return;
						if (c.seen.add(p.s)) {
							o.seen++;
							o.hist.record(now() - p.t);
						}
					});
				}
				if (item.yjsRoom) {
					const opts = { localAddress: c.addr, onFrame: (b: Buffer) => onMarkers(g, c, b), traffic: g.traffic };
					const full = a.yjs === 'full' || (a.fullEvery > 0 && item.idx % a.fullEvery === 0);
					c.y = full ? fullReplica(a.url, `/yjs`, item.yjsRoom, opts) : thinReplica(a.url, `/yjs`, item.yjsRoom, opts);
					await withTimeout(c.y.synced, 20_000, 'yjs sync');
				}
				ready.record(now() - start);
				g.clients.set(c.idx, c);
			} catch (e) {
				failed.push({ idx: item.idx, reason: String((e as Error).message ?? e).slice(0, 120) });
			}
		};
		if (a.items.some((i) => i.at !== undefined)) await Promise.all(a.items.map(one));
		else await pool(a.items, a.concurrency, one);
		return { joined: a.items.length - failed.length, failed, ready: ready.toJSON(), phases: {} };
	},

	async 'text.connect'(a) {
		const g = group(a.group, a.kind, a.url);
		const failed: { idx: number; reason: string }[] = [];
		const ready = new Histogram();
		await pool(a.items, a.concurrency, async (item) => {
			const c = newClient(item.idx);
			c.textDoc = `${item.workshopId}/${item.entity}`;
			const start = now();
			try {
				c.y = textReplica(a.url, item.workshopId, item.entity, { cookie: item.cookie, localAddress: c.addr, onFrame: (b: Buffer) => onMarkers(g, c, b), traffic: g.traffic });
				await withTimeout(c.y.synced, 20_000, 'text sync');
				ready.record(now() - start);
				g.clients.set(c.idx, c);
			} catch (e) {
				failed.push({ idx: item.idx, reason: String((e as Error).message ?? e).slice(0, 120) });
				c.y?.destroy();
			}
		});
		return { joined: a.items.length - failed.length, failed, ready: ready.toJSON(), phases: {} };
	},

	async 'verify.texts'(a) {
		const g = group(a.group);
		const texts: { idx: number; doc: string; hash: string; length: number }[] = [];
		for (const c of g.clients.values()) {
			if (!c.textDoc || !c.y?.doc) continue;
			const t = c.y.doc.getText('text').toString();
			texts.push({ idx: c.idx, doc: c.textDoc, hash: createHash('sha1').update(t).digest('hex'), length: t.length });
		}
		return { texts };
	},

	async 'sync.time'(a) {
		// Fresh replicas one after another: time from creating the provider to its first full sync.
		const hist = new Histogram();
		let bytes = 0;
		for (let i = 0; i < a.count; i++) {
			const traffic = newTraffic();
			const start = now();
			const y = fullReplica(a.url, a.path, a.room, { cookie: a.cookie, localAddress: addressFor(a.idx), params: a.params, traffic });
			await withTimeout(y.synced, 20_000, 'sync');
			hist.record(now() - start);
			bytes = traffic.rxBytes;
			y.destroy();
			await sleep(20);
		}
		return { hist: hist.toJSON(), bytes };
	},

	async 'observe.start'(a) {
		const g = group(a.group);
		g.obs = { from: a.from, to: a.to, hist: new Histogram(), seen: 0, tallies: a.tallies };
		for (const c of g.clients.values()) c.tallies = [];
		return { ok: true };
	},

	async 'observe.stop'(a) {
		const g = group(a.group);
		const o = g.obs;
		g.obs = null;
		if (!o) throw new Error('not observing');
		const tallies: { idx: number; projector: boolean; log: [number, number | Record<string, number>][] }[] = [];
		if (a.tallies) for (const c of g.clients.values()) if (c.tallies.length || c.projector) tallies.push({ idx: c.idx, projector: c.projector, log: c.tallies });
		// Per-client reach over the observed sequence range, for replicas that should see everything.
		let complete = 0;
		let observers = 0;
		for (const c of g.clients.values()) {
			if (a.expect === undefined) break;
			observers++;
			let n = 0;
			for (const s of a.expect) if (!c.own.has(s) && c.seen.has(s)) n++;
			const want = a.expect.filter((s) => !c.own.has(s)).length;
			if (n === want) complete++;
		}
		return { seen: o.seen, hist: o.hist.toJSON(), tallies, observers, complete, clients: g.clients.size };
	},

	async 'send'(a) {
		const g = group(a.group);
		const ack = new Histogram();
		const late = new Histogram();
		const results: TaskResult[] = [];
		const deadline = now() + a.deadlineMs;
		const run = async (task: Task) => {
			await sleep(task.at - now());
			const c = g.clients.get(task.idx);
			if (!c) return void results.push({ seq: task.seq, ok: false, error: 'no_client', at: task.at });
			late.record(now() - task.at);
			c.own.add(task.seq);
			if (task.kind === 'relay') {
				await new Promise<void>((resolve) => {
					const t = setTimeout(() => (results.push({ seq: task.seq, ok: false, error: 'timeout', at: task.at }), resolve()), 10_000);
					(c.sio as unknown as { emit(...a: unknown[]): void }).emit('msg', task.room, { s: task.seq, t: task.at, x: task.text }, () => {
						clearTimeout(t);
						const ackAt = now();
						ack.record(ackAt - task.at);
						results.push({ seq: task.seq, ok: true, at: task.at, ackAt });
						resolve();
					});
				});
				return;
			}
			if (task.kind === 'tedit') {
				const t = c.y!.doc!.getText('text');
				t.insert(Math.floor(Math.random() * (t.length + 1)), `${task.text ?? 'edit'} ${marker(task.seq, task.at)} `);
				results.push({ seq: task.seq, ok: true, at: task.at });
				return;
			}
			const key = newKey(task.kind[0]);
			const text = task.plain ? (task.text ?? '') : `${task.text ?? 'Idea'} ${marker(task.seq, task.at)}`;
			const payload =
				task.kind === 'cmd'
					? { key, ...task.payload }
					: task.kind === 'vote'
						? { key, boardId: task.boardId, itemId: task.itemId, delta: 1 }
						: task.kind === 'card'
							? { key, boardId: task.boardId, text }
							: { key, cardId: c.cardId, text };
			const name = (task.kind === 'cmd' ? task.name! : task.kind === 'vote' ? 'vote:cast' : task.kind === 'card' ? 'card:create' : 'card:update') as CommandName;
			let attempts = 0;
			let r = await command(c.sio!, name, payload, a.ackTimeoutMs);
			attempts++;
			// An outbox, as the phone keeps one: an unacknowledged write is retried with the same key.
			while (a.retry && !r.ok && (r.error as string) === 'timeout' && now() < deadline) {
				while (!c.sio!.connected && now() < deadline) await sleep(50);
				r = await command(c.sio!, name, payload, a.ackTimeoutMs);
				attempts++;
			}
			const ackAt = now();
			// A refusal is an answer too (`ackAt`), unlike a timeout: a scenario may time both (the hackathon's full teams).
			if (!r.ok) return void results.push({ seq: task.seq, ok: false, error: r.error, at: task.at, ...((r.error as string) !== 'timeout' ? { ackAt } : {}), key, attempts, idx: task.idx });
			ack.record(ackAt - task.at);
			const data = r.data as { card?: { id: string }; proposal?: { id: string }; teamId?: string; count?: number };
			const res: TaskResult = { seq: task.seq, ok: true, at: task.at, ackAt, key, attempts, id: data.card?.id ?? data.proposal?.id ?? data.teamId, idx: task.idx };
			if (task.kind === 'card' && task.keepAsOwn) c.cardId = data.card?.id;
			if (task.dupe) {
				// The same command again with the same key (a double tap, a retry): it must not count twice.
				const again = await command(c.sio!, name, payload, a.ackTimeoutMs);
				res.dupe = again.ok && JSON.stringify(again.data) === JSON.stringify(r.data) ? 'same' : `different:${JSON.stringify(again).slice(0, 80)}`;
			}
			results.push(res);
		};
		await Promise.all(a.tasks.map(run));
		return { ack: ack.toJSON(), late: late.toJSON(), results };
	},

	async 'verify.cards'(a) {
		const g = group(a.group);
		const want = [...a.expected].sort().join(',');
		let full = 0;
		let match = 0;
		const mismatches: string[] = [];
		for (const c of g.clients.values()) {
			const doc = c.y?.doc;
			if (!doc) continue;
			full++;
			const have = [...doc.getMap(BOARD_MAPS.cards).keys()].sort().join(',');
			if (have === want) match++;
			else if (mismatches.length < 3) {
				const hs = new Set(have.split(','));
				mismatches.push(`client ${c.idx}: ${hs.size} cards, missing ${a.expected.filter((id) => !hs.has(id)).length}`);
			}
		}
		return { full, match, mismatches };
	},

	async 'resync.status'(a) {
		const g = group(a.group);
		const times: number[] = [];
		const phases = { connect: [] as number[], hello: [] as number[], yjs: [] as number[] };
		let notResynced = 0;
		let reconnected = 0;
		for (const c of g.clients.values()) {
			if (c.y && c.y.opens > 1) reconnected++;
			const connect = c.connects.find((t) => t > a.since);
			const hello = c.hellos.find((t) => t > a.since);
			const sync = c.y ? c.y.syncs.find((t) => t > a.since) : a.since;
			if (connect !== undefined) phases.connect.push(connect);
			if (hello !== undefined) phases.hello.push(hello);
			if (c.y && sync !== undefined) phases.yjs.push(sync);
			if (hello === undefined || sync === undefined) notResynced++;
			else times.push(Math.max(hello, sync));
		}
		return { times, phases, notResynced, reconnected, reconnectErrors: Object.fromEntries(reconnectErrors) };
	},

	async 'grid.watch'(a) {
		const g = group(a.group);
		if (gridWatches.has(a.group)) throw new Error(`already watching ${a.group}`);
		const w: GridWatch = { map: a.map, fields: a.fields, expect: new Map(Object.entries(a.expect)), since: a.since, hist: new Histogram(), updates: new Histogram(), shown: new Set(), counts: new Map(), offs: [] };
		let already = 0;
		for (const c of g.clients.values()) {
			const doc = c.y?.doc;
			if (!doc) continue;
			if (gridEquals(doc, w.map, w.fields, w.expect)) {
				already++;
				continue;
			}
			w.counts.set(c.idx, 0);
			const onUpdate = () => {
				if (w.shown.has(c.idx)) return;
				w.counts.set(c.idx, w.counts.get(c.idx)! + 1);
				if (!gridEquals(doc, w.map, w.fields, w.expect)) return;
				w.shown.add(c.idx);
				w.hist.record(now() - w.since);
				w.updates.record(w.counts.get(c.idx)!);
			};
			doc.on('update', onUpdate);
			w.offs.push(() => doc.off('update', onUpdate));
		}
		gridWatches.set(a.group, w);
		return { watched: w.counts.size, already };
	},

	async 'grid.stop'(a) {
		const g = group(a.group);
		const w = gridWatches.get(a.group);
		if (!w) throw new Error(`not watching ${a.group}`);
		const until = now() + a.waitMs;
		while (w.shown.size < w.counts.size && now() < until) await sleep(20);
		gridWatches.delete(a.group);
		for (const off of w.offs) off();
		// Every full replica as it is now (whether or not it was watched) against the truth.
		const final = new Map(Object.entries(a.final));
		let same = 0;
		const mismatches: string[] = [];
		for (const c of g.clients.values()) {
			const doc = c.y?.doc;
			if (!doc) continue;
			if (gridEquals(doc, w.map, w.fields, final)) same++;
			else if (mismatches.length < 3) mismatches.push(`client ${c.idx}: ${doc.getMap(w.map).size} entries, ${final.size} expected`);
		}
		return { hist: w.hist.toJSON(), updates: w.updates.toJSON(), watched: w.counts.size, shown: w.shown.size, final: same, mismatches };
	},

	async 'window.start'() {
		cpu0 = process.cpuUsage();
		t0 = now();
		loop.reset();
		traffic0 = new Map([...groups].map(([n, g]) => [n, { ...g.traffic }]));
		return { ok: true };
	},

	async 'window.stop'() {
		const cpu = process.cpuUsage(cpu0);
		const seconds = (now() - t0) / 1000;
		const traffic: Record<string, Traffic> = {};
		for (const [n, g] of groups) {
			const b = traffic0.get(n) ?? newTraffic();
			traffic[n] = { rxFrames: g.traffic.rxFrames - b.rxFrames, rxBytes: g.traffic.rxBytes - b.rxBytes, txFrames: g.traffic.txFrames - b.txFrames, txBytes: g.traffic.txBytes - b.txBytes };
		}
		return {
			cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
			loopP99Ms: loop.percentile(99) / 1e6,
			seconds,
			traffic,
			rssBytes: process.memoryUsage.rss()
		};
	},

	async 'close'(a) {
		const g = groups.get(a.group);
		if (!g) return { ok: true };
		for (const c of g.clients.values()) {
			c.sio?.close();
			c.y?.destroy();
		}
		groups.delete(a.group);
		return { ok: true };
	}
};

process.on('message', async (msg: { id: number; op: Op; args: never }) => {
	try {
		const result = await ops[msg.op](msg.args);
		process.send!({ id: msg.id, result });
	} catch (e) {
		process.send!({ id: msg.id, error: String((e as Error).stack ?? e) });
	}
});
process.on('disconnect', () => process.exit(0));
// Ended by the orchestrator: exit normally (a CPU profile, when asked for, is written on exit).
process.on('SIGTERM', () => process.exit(0));
// A harness worker must never outlive its orchestrator, even if the IPC channel hangs.
setTimeout(() => process.exit(2), Number(process.env.BENCH_WORKER_MAX_MS ?? 30 * 60_000)).unref();
process.send!({ ready: true });

export type { HistogramData };
