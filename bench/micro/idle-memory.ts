// Micro-benchmark behind issue 13 (memory per idle phone): N real phones (join POST, socket.io hello, a y-websocket
// provider on the room's public document) in a few rooms of the built server, then the heap after forced GC and the
// RSS per phone, and a heap snapshot before and after that says which objects the bytes are in.
// Run (after `npm run build`):
//   node --import tsx bench/micro/idle-memory.ts [phones=2000] [--rooms 5] [--idle 2] [--bare] [--no-snapshot] [--leave]
//     [--workers 2] [--top 25] [--why <class>]
// --bare measures the bare baselines (socket.io relay + y-websocket server, bench/baselines) the same way.
// The RSS figures count only without snapshots (--no-snapshot): taking a heap snapshot leaves native memory behind.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { Facilitator } from '../lib/facilitator';
import { heapAfterGc, inspect } from '../lib/inspector';
import { now, rssBytes, sleep, waitIdle } from '../lib/proc';
import { startBare, startPlenum, tempDir, type ServerProc } from '../lib/servers';
import { split, startWorkers, stopWorkers, type Worker } from '../lib/pool';
import type { JoinResult } from '../lib/protocol';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, dflt: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : dflt;
};
const positional = args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--'));
const N = Number(positional ?? 2000);
if (!Number.isInteger(N) || N < 10 || N > 5000) throw new Error(`phones: an integer from 10 to 5000, not ${positional}`);
const ROOMS = option('rooms', 5);
if (!Number.isInteger(ROOMS) || ROOMS < 1 || ROOMS > 50) throw new Error('--rooms: 1 to 50');
const WORKERS = option('workers', 2);
if (!Number.isInteger(WORKERS) || WORKERS < 1 || WORKERS > 8) throw new Error('--workers: 1 to 8');
const BARE = flag('bare');
const SNAPSHOT = !flag('no-snapshot');
/** --leave: after measuring, the phones leave and the figures are read again (what stays is not per-phone state). */
const LEAVE = flag('leave');
/** --alloc: samples what the server allocates while the phones are idle (garbage included), by function. */
const ALLOC = flag('alloc');
/** --idle <s>: how long the phones stay connected and quiet before the figures are read (the bench's window is 35 s). */
const IDLE_S = option('idle', 2);
if (!(IDLE_S >= 0 && IDLE_S <= 300)) throw new Error('--idle: 0 to 300 seconds');
const TOP = option('top', 25);
/** --why <class>: what holds the last few objects of a class (their dominators). */
const WHY = args.includes('--why') ? args[args.indexOf('--why') + 1] : null;

const log = (s: string) => console.log(s);
const kib = (b: number) => `${(b / 1024).toFixed(2)} KiB`;

/** Waits until the server's CPU use falls under 5 % of a core over half a second (at most 60 s). */
async function quiesce(server: ServerProc) {
	if (!(await waitIdle(server.pid, 60_000))) log('server still busy after 60 s; measuring anyway');
}

/** The server's own view of its memory (process.memoryUsage(), through the inspector). */
async function memoryUsage(wsUrl: string): Promise<Record<string, number>> {
	const [r] = await inspect<{ result: { value: string } }>(wsUrl, [{ method: 'Runtime.evaluate', params: { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true } }]);
	return JSON.parse(r.result.value) as Record<string, number>;
}

/** An open DevTools session on the server (for what must span a wait: allocation sampling). */
async function session(wsUrl: string) {
	const ws = new WebSocket(wsUrl, { maxPayload: 1024 * 1024 * 1024 });
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	let id = 0;
	const send = <T>(method: string, params: Record<string, unknown> = {}) =>
		new Promise<T>((resolve, reject) => {
			const my = ++id;
			const on = (raw: WebSocket.RawData) => {
				const msg = JSON.parse(String(raw)) as { id?: number; result?: T; error?: { message: string } };
				if (msg.id !== my) return;
				ws.off('message', on);
				if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
				else resolve(msg.result as T);
			};
			ws.on('message', on);
			ws.send(JSON.stringify({ id: my, method, params }));
		});
	return { send, close: () => ws.close() };
}

interface SampleNode {
	callFrame: { functionName: string; url: string; lineNumber: number };
	selfSize: number;
	children: SampleNode[];
}

/** Bytes allocated per function (with its caller), from a sampling heap profile that kept collected objects too. */
function allocationsBy(head: SampleNode): Map<string, number> {
	const out = new Map<string, number>();
	const walk = (node: SampleNode, parent: string) => {
		const f = node.callFrame;
		const here = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
		if (node.selfSize) out.set(`${here} <- ${parent}`, (out.get(`${here} <- ${parent}`) ?? 0) + node.selfSize);
		for (const c of node.children) walk(c, here);
	};
	walk(head, '(root)');
	return out;
}

/** Writes a heap snapshot of the server (through its inspector) to a file. */
async function takeSnapshot(wsUrl: string, file: string): Promise<void> {
	const ws = new WebSocket(wsUrl, { maxPayload: 1024 * 1024 * 1024 });
	const out = fs.createWriteStream(file);
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	await new Promise<void>((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('heap snapshot timed out')), 300_000);
		ws.on('message', (raw) => {
			const msg = JSON.parse(String(raw)) as { id?: number; method?: string; params?: { chunk: string }; error?: { message: string } };
			if (msg.method === 'HeapProfiler.addHeapSnapshotChunk') out.write(msg.params!.chunk);
			else if (msg.id === 1) {
				clearTimeout(t);
				if (msg.error) reject(new Error(msg.error.message));
				else resolve();
			}
		});
		ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false, captureNumericValue: false } }));
	});
	ws.close();
	await new Promise<void>((r) => out.end(r));
}

interface Summary {
	/** Shallow size and count per class (constructor name for objects; type and name otherwise). */
	shallow: Map<string, { count: number; bytes: number }>;
	/** Objects per class, with the node index of each (for owner attribution). */
	total: number;
	owned: (owners: Set<string>) => Map<string, number>;
	/** The dominator chain (classes, innermost first) of the last few objects of a class, to see what holds them. */
	holders: (c: string, k: number) => string[][];
}

/** The class a node is counted under: objects by constructor, closures by "(closure)", strings as one, the rest by type and name. */
function classOf(type: string, name: string): string {
	switch (type) {
		case 'object':
			return name;
		case 'closure':
			return '(closure)';
		case 'string':
		case 'concatenated string':
		case 'sliced string':
			return '(string)';
		case 'number':
			return '(number)';
		case 'native':
			return `(native) ${name.slice(0, 40)}`;
		case 'code':
			return '(code)';
		default:
			return `(${type}) ${name.slice(0, 40)}`;
	}
}

/**
 * Reads a snapshot: shallow bytes per class, and a dominator tree (Cooper, Harvey and Kennedy's iterative algorithm,
 * weak edges left out) to attribute every object's bytes to the nearest object of an owner class that dominates it.
 */
function summarize(file: string): Summary {
	const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as {
		snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }; node_count: number };
		nodes: number[];
		edges: number[];
		strings: string[];
	};
	const { meta } = snap.snapshot;
	const NF = meta.node_fields.length;
	const EF = meta.edge_fields.length;
	const nType = meta.node_fields.indexOf('type');
	const nName = meta.node_fields.indexOf('name');
	const nSize = meta.node_fields.indexOf('self_size');
	const nEdges = meta.node_fields.indexOf('edge_count');
	const eType = meta.edge_fields.indexOf('type');
	const eTo = meta.edge_fields.indexOf('to_node');
	const nodeTypes = meta.node_types[0];
	const edgeTypes = meta.edge_types[0];
	const weak = edgeTypes.indexOf('weak');
	const property = edgeTypes.indexOf('property');
	const eName = meta.edge_fields.indexOf('name_or_index');
	const nodes = snap.nodes;
	const edges = snap.edges;
	const n = nodes.length / NF;
	const cls: string[] = new Array(n);
	// Four libraries call their connection "Socket": told apart by a property only theirs has.
	const socketKind = (first: number, count: number) => {
		const names = new Set<string>();
		for (let k = 0; k < count; k++) {
			const e = first + k * EF;
			if (edges[e + eType] === property) names.add(snap.strings[edges[e + eName]]);
		}
		return names.has('nsp') ? 'Socket (socket.io)' : names.has('transport') ? 'Socket (engine.io)' : names.has('_handle') || names.has('connecting') ? 'Socket (net)' : 'Socket';
	};
	const size = new Float64Array(n);
	const firstEdge = new Uint32Array(n + 1);
	const shallow = new Map<string, { count: number; bytes: number }>();
	for (let i = 0, e = 0; i < n; i++) {
		firstEdge[i] = e;
		let c = classOf(nodeTypes[nodes[i * NF + nType]], snap.strings[nodes[i * NF + nName]]);
		if (c === 'Socket') c = socketKind(e, nodes[i * NF + nEdges]);
		e += nodes[i * NF + nEdges] * EF;
		cls[i] = c;
		size[i] = nodes[i * NF + nSize];
		const s = shallow.get(c) ?? { count: 0, bytes: 0 };
		s.count++;
		s.bytes += size[i];
		shallow.set(c, s);
	}
	firstEdge[n] = edges.length;
	// Reverse postorder from the root (node 0), iteratively.
	const order = new Int32Array(n).fill(-1);
	const post: number[] = [];
	const stack: number[] = [0];
	const edgeAt = new Uint32Array(n);
	for (let i = 0; i < n; i++) edgeAt[i] = firstEdge[i];
	order[0] = -2;
	while (stack.length) {
		const v = stack[stack.length - 1];
		let pushed = false;
		while (edgeAt[v] < firstEdge[v + 1]) {
			const e = edgeAt[v];
			edgeAt[v] += EF;
			if (edges[e + eType] === weak) continue;
			const w = edges[e + eTo] / NF;
			if (order[w] !== -1) continue;
			order[w] = -2;
			stack.push(w);
			pushed = true;
			break;
		}
		if (!pushed) {
			stack.pop();
			order[v] = post.length;
			post.push(v);
		}
	}
	// Predecessors of reachable nodes.
	const predCount = new Uint32Array(n + 1);
	for (let v = 0; v < n; v++) {
		if (order[v] < 0) continue;
		for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) if (edges[e + eType] !== weak) predCount[edges[e + eTo] / NF]++;
	}
	const predStart = new Uint32Array(n + 1);
	for (let v = 0; v < n; v++) predStart[v + 1] = predStart[v] + predCount[v];
	const preds = new Uint32Array(predStart[n]);
	const fill = predStart.slice(0, n);
	for (let v = 0; v < n; v++) {
		if (order[v] < 0) continue;
		for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
			if (edges[e + eType] === weak) continue;
			const w = edges[e + eTo] / NF;
			preds[fill[w]++] = v;
		}
	}
	const idom = new Int32Array(n).fill(-1);
	idom[0] = 0;
	const intersect = (a: number, b: number) => {
		while (a !== b) {
			while (order[a] < order[b]) a = idom[a];
			while (order[b] < order[a]) b = idom[b];
		}
		return a;
	};
	for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
		changed = false;
		for (let k = post.length - 2; k >= 0; k--) {
			const v = post[k];
			let nd = -1;
			for (let p = predStart[v]; p < predStart[v + 1]; p++) {
				const u = preds[p];
				if (idom[u] === -1) continue;
				nd = nd === -1 ? u : intersect(u, nd);
			}
			if (nd !== -1 && idom[v] !== nd) {
				idom[v] = nd;
				changed = true;
			}
		}
	}
	return {
		shallow,
		total: n,
		owned(owners) {
			// Nearest owner-class dominator of each node, top-down in reverse postorder (a node's idom comes first).
			const owner = new Int32Array(n).fill(-1);
			const out = new Map<string, number>();
			for (let k = post.length - 1; k >= 0; k--) {
				const v = post[k];
				owner[v] = owners.has(cls[v]) ? v : v === 0 ? -1 : owner[idom[v]];
				const key = owner[v] === -1 ? `(no per-phone owner) ${cls[v]} <- ${cls[idom[v]]} <- ${cls[idom[idom[v]]]}` : cls[owner[v]];
				out.set(key, (out.get(key) ?? 0) + size[v]);
			}
			return out;
		},
		holders(c, k) {
			const found: string[][] = [];
			for (let v = n - 1; v >= 0 && found.length < k; v--) {
				if (cls[v] !== c || idom[v] === -1) continue;
				const chain: string[] = [];
				for (let u = idom[v], d = 0; u !== 0 && d < 12; u = idom[u], d++) chain.push(cls[u]);
				found.push(chain);
			}
			return found;
		}
	};
}

/** The rooms: workshops made through the real forms; their facilitators leave before the baseline is taken. */
async function createRooms(server: ServerProc) {
	const first = await Facilitator.create(server.url, 'Idle memory 0');
	const facs = [first];
	for (let r = 1; r < ROOMS; r++) facs.push(await first.another(`Idle memory ${r}`));
	const metas = [];
	for (const f of facs) {
		metas.push((await f.meta()).workshop);
		f.close();
	}
	return metas;
}

async function joinPlenum(server: ServerProc, workers: Worker[], metas: { code: string; id: string }[]): Promise<number> {
	const per = Math.ceil(N / ROOMS);
	let joined = 0;
	for (const [r, w] of metas.entries()) {
		const idxs = Array.from({ length: Math.min(per, N - r * per) }, (_, i) => r * per + i);
		const parts = split(idxs, workers.length);
		const rs: JoinResult[] = await Promise.all(
			workers.map((wk, i) =>
				wk.call('plenum.join', { group: 'idle', url: server.url, code: w.code, workshopId: w.id, items: parts[i].map((idx) => ({ idx })), yjs: 'full', fullEvery: 0, retry: true, deadlineMs: 240_000, concurrency: 16 })
			)
		);
		joined += rs.reduce((s, x) => s + x.joined, 0);
		const failed = rs.flatMap((x) => x.failed);
		if (failed.length) log(`room ${r}: ${failed.length} joins failed, e.g. ${failed[0].reason}`);
	}
	return joined;
}

async function joinBare(server: ServerProc, workers: Worker[]): Promise<number> {
	const per = Math.ceil(N / ROOMS);
	const items = Array.from({ length: N }, (_, i) => ({ idx: i, rooms: [`r${Math.floor(i / per)}`], yjsRoom: `r${Math.floor(i / per)}` }));
	const rs = await Promise.all(split(items, workers.length).map((part, i) => workers[i].call('bare.connect', { group: 'idle', url: server.url, items: part, socket: true, yjs: 'full', fullEvery: 0, concurrency: 16 })));
	return rs.reduce((s, x) => s + x.joined, 0);
}

const dir = tempDir('plenum-idle-memory-');
const server = BARE ? await startBare() : await startPlenum(tempDir());
const workers = await startWorkers(WORKERS);
try {
	if (!server.inspectorUrl) throw new Error('no inspector');
	const label = BARE ? 'bare relay (socket.io relay + y-websocket)' : 'Plenum (build/server.mjs)';
	// Plenum: the rooms exist (workshops created, facilitators gone) before the baseline, so only phones are counted.
	let joined: number;
	let heap0: number;
	let rss0: number;
	let snap0: string | null = null;
	let mem0: Record<string, number> = {};
	const before = async () => {
		await quiesce(server);
		heap0 = await heapAfterGc(server.inspectorUrl!);
		rss0 = rssBytes(server.pid) ?? 0;
		mem0 = await memoryUsage(server.inspectorUrl!);
		if (SNAPSHOT) await takeSnapshot(server.inspectorUrl!, (snap0 = path.join(dir, 'before.heapsnapshot')));
	};
	const t0 = now();
	if (BARE) {
		await before();
		joined = await joinBare(server, workers);
	} else {
		const metas = await createRooms(server);
		await before();
		joined = await joinPlenum(server, workers, metas);
	}
	log(`${label}: ${joined}/${N} phones in ${ROOMS} rooms joined in ${((now() - t0) / 1000).toFixed(1)} s`);
	const sampler = ALLOC ? await session(server.inspectorUrl) : null;
	if (sampler) {
		await sampler.send('HeapProfiler.enable');
		await sampler.send('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
	}
	const idleFrom = now();
	await sleep(IDLE_S * 1000);
	if (sampler) {
		const { profile } = await sampler.send<{ profile: { head: SampleNode } }>('HeapProfiler.stopSampling');
		sampler.close();
		const seconds = (now() - idleFrom) / 1000;
		const rows = [...allocationsBy(profile.head)].sort((a, b) => b[1] - a[1]);
		const total = rows.reduce((s, [, v]) => s + v, 0);
		log(`\nallocated while idle (sampled, garbage included): ${kib(total / joined / seconds)} per phone per second; by function:`);
		for (const [k, v] of rows.slice(0, TOP)) log(`${k.slice(0, 100).padEnd(100)} ${(v / joined / seconds).toFixed(1).padStart(8)} B/phone/s`);
	}
	await quiesce(server);
	// As the bench reads it: RSS before the forced GC (the young generation may still be at its full size).
	const rssNoGc = rssBytes(server.pid) ?? 0;
	const heap1 = await heapAfterGc(server.inspectorUrl);
	const rss1 = rssBytes(server.pid) ?? 0;
	log(`heap after GC: ${kib(heap0!)} -> ${kib(heap1)}: ${kib((heap1 - heap0!) / joined)} per phone`);
	log(`RSS: ${kib(rss0!)} -> ${kib(rss1)}: ${kib((rss1 - rss0!) / joined)} per phone (before the forced GC ${kib((rssNoGc - rss0!) / joined)})${SNAPSHOT ? ' (not comparable: a heap snapshot was taken in between; use --no-snapshot)' : ''}`);
	// RSS in parts: V8's committed heap (used or not), memory outside it that V8 knows of (Buffers), and the rest
	// (native: libuv and socket handles, malloc's arenas, code).
	const mem1 = await memoryUsage(server.inspectorUrl);
	const part = (k: string) => `${k} ${kib((mem1[k] - (mem0[k] ?? 0)) / joined)}`;
	const rest = (m: Record<string, number>) => m.rss - m.heapTotal - m.external;
	log(`per phone: ${['heapTotal', 'heapUsed', 'external', 'arrayBuffers'].map(part).join(', ')}, rest of RSS ${kib((rest(mem1) - rest(mem0)) / joined)}`);
	if (SNAPSHOT && snap0) {
		const snap1 = path.join(dir, 'after.heapsnapshot');
		await takeSnapshot(server.inspectorUrl, snap1);
		const a = summarize(snap0);
		const b = summarize(snap1);
		const rows: { cls: string; count: number; bytes: number }[] = [];
		for (const [c, s] of b.shallow) {
			const o = a.shallow.get(c) ?? { count: 0, bytes: 0 };
			rows.push({ cls: c, count: (s.count - o.count) / joined, bytes: (s.bytes - o.bytes) / joined });
		}
		rows.sort((x, y) => y.bytes - x.bytes);
		const total = rows.reduce((s, r) => s + r.bytes, 0);
		log(`\nshallow size per phone by class (snapshot after minus before; total ${kib(total)}):`);
		log(`${'class'.padEnd(56)} ${'objects'.padStart(8)} ${'bytes'.padStart(8)}`);
		for (const r of rows.slice(0, TOP)) log(`${r.cls.slice(0, 56).padEnd(56)} ${r.count.toFixed(2).padStart(8)} ${r.bytes.toFixed(0).padStart(8)}`);
		// Per-phone objects: object classes with about one to four new instances per phone; every byte is given to the
		// nearest one that dominates it (so the figures add up and nothing is counted twice).
		const owners = new Set(rows.filter((r) => !r.cls.startsWith('(') && r.count >= 0.9 && r.count <= 4.5 && !['Object', 'Array', 'Map', 'Set', 'Buffer', 'Uint8Array', 'ArrayBuffer', 'system / Context'].includes(r.cls)).map((r) => r.cls));
		const ownedA = a.owned(owners);
		const ownedB = b.owned(owners);
		const orows = [...ownedB].map(([c, v]) => ({ cls: c, bytes: (v - (ownedA.get(c) ?? 0)) / joined })).sort((x, y) => y.bytes - x.bytes);
		log(`\nretained per phone by the nearest per-phone object that dominates it (owners: ${[...owners].join(', ')}):`);
		for (const r of orows.slice(0, TOP)) if (Math.abs(r.bytes) >= 8) log(`${r.cls.slice(0, 72).padEnd(72)} ${r.bytes.toFixed(0).padStart(8)}`);
		if (WHY) for (const chain of b.holders(WHY, 3)) log(`${WHY} <- ${chain.join(' <- ')}`);
	}
	if (LEAVE) {
		await Promise.allSettled(workers.map((w) => w.call('close', { group: 'idle' })));
		await sleep(3000);
		await quiesce(server);
		const heap2 = await heapAfterGc(server.inspectorUrl);
		const rss2 = rssBytes(server.pid) ?? 0;
		const mem2 = await memoryUsage(server.inspectorUrl);
		log(`\nafter the phones left, still above the baseline, per phone that was there: heap after GC ${kib((heap2 - heap0!) / joined)}, RSS ${kib((rss2 - rss0!) / joined)}, heapTotal ${kib((mem2.heapTotal - mem0.heapTotal) / joined)}`);
	}
} finally {
	await Promise.allSettled(workers.map((w) => w.call('close', { group: 'idle' })));
	stopWorkers(workers);
	await server.kill();
}
