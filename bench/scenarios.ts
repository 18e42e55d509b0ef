import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { Histogram, type HistogramData } from './lib/hist';
import { Facilitator } from './lib/facilitator';
import { fullReplica, httpJoin, request } from './lib/clients';
import { goal, measure, merged, validity, type Goal, type RunResult, type WindowStats } from './lib/measure';
import { split, type Worker } from './lib/pool';
import { now, round2, sleep } from './lib/proc';
import type { JoinResult, Task, TaskResult } from './lib/protocol';
import { startBare, startFloor, startPlenum, tempDir, waitHealthy, type ServerProc } from './lib/servers';
import { BOARD_MAPS } from '../src/lib/features/board/spec';

export type Mode = 'full' | 'quick' | 'smoke';

/** Sizes per mode: the issue's full size, about a tenth for --quick, a few dozen clients for the test suite. */
export function sizes(mode: Mode) {
	const pick = <T>(full: T, quick: T, smoke: T) => (mode === 'full' ? full : mode === 'quick' ? quick : smoke);
	return {
		room: { n: pick(1000, 100, 30), joinMs: pick(5000, 2000, 1500), cardsEach: 3, cardMs: pick(10_000, 3000, 2000), voteMs: 2000, items: pick(50, 20, 10), idleMs: pick(10_000, 1000, 1000), fullEvery: pick(20, 5, 1) },
		coedit: { texts: pick(40, 3, 2), editors: pick(25, 25, 6), periodMs: 5000, durationMs: pick(30_000, 5000, 5000) },
		big: { cards: pick(2000, 200, 40), moves: pick(10_000, 1000, 100), samples: pick(30, 10, 5), sockets: pick(40, 20, 5) },
		idle: { rooms: pick(50, 5, 2), per: pick(100, 40, 10), windowMs: pick(35_000, 2000, 1000) },
		restart: { writers: pick(200, 20, 10), perSecond: 1, durationMs: pick(10_000, 4000, 4000), killAtMs: pick(4000, 1500, 1500) },
		floor: { pings: pick(5000, 1000, 200) }
	};
}

export interface Ctx {
	mode: Mode;
	workers: Worker[];
	profileDir?: string;
	log: (msg: string) => void;
	results: RunResult[];
	goals: { scenario: string; goals: Goal[]; note?: string }[];
	errors: string[];
	baselines: boolean;
	chromium: string | null;
}

let seqBase = 1;
/** A fresh range of sequence numbers for one measured load. */
function seqRange(n: number): number {
	const from = seqBase;
	seqBase += n + 10;
	return from;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function joinSummary(rs: JoinResult[]) {
	const failed = rs.flatMap((r) => r.failed);
	const reasons: Record<string, number> = {};
	for (const f of failed) reasons[f.reason] = (reasons[f.reason] ?? 0) + 1;
	return { joined: sum(rs.map((r) => r.joined)), failed, reasons, ready: merged(rs.map((r) => r.ready)) };
}

/**
 * Waits until a server is idle again (CPU under 5 % of a core over half a second, at most 90 s), so that one load's
 * backlog (an N^2 relay still draining) does not spill into the next measurement.
 */
async function quiesce(server: ServerProc, ctx: Ctx) {
	const { cpuSeconds } = await import('./lib/proc');
	const t0 = now();
	while (now() - t0 < 90_000) {
		const a = cpuSeconds(server.pid);
		await sleep(500);
		const b = cpuSeconds(server.pid);
		if (a === null || b === null || b - a < 0.025) return;
	}
	ctx.log(`${server.kind} server still busy after 90 s; measuring anyway`);
}

async function heap(server: ServerProc, stats: WindowStats) {
	stats.server.heapAfterGcBytes = await server.heapAfterGc();
}

/** Sends tasks from each worker (tasks are grouped by the worker that holds the client). */
async function sendAll(ctx: Ctx, group: string, tasks: Task[], opts: { retry?: boolean; deadlineMs?: number; ackTimeoutMs?: number } = {}) {
	const n = ctx.workers.length;
	const per: Task[][] = Array.from({ length: n }, () => []);
	for (const t of tasks) per[t.idx % n].push(t);
	const rs = await Promise.all(
		ctx.workers.map((w, i) => w.call('send', { group, tasks: per[i], retry: opts.retry ?? false, deadlineMs: opts.deadlineMs ?? 30_000, ackTimeoutMs: opts.ackTimeoutMs ?? 10_000 }))
	);
	return { ack: merged(rs.map((r) => r.ack)), late: merged(rs.map((r) => r.late)), results: rs.flatMap((r) => r.results), ackData: rs.map((r) => r.ack) };
}

/** Joins participants through the real join flow, spread over the workers by index. */
async function joinAll(ctx: Ctx, group: string, url: string, code: string, workshopId: string, idxs: number[], opts: { at?: (i: number) => number; yjs: 'thin' | 'full' | 'none'; fullEvery?: number; retry: boolean; reconnection?: boolean }) {
	const n = ctx.workers.length;
	const per: { idx: number; at?: number }[][] = Array.from({ length: n }, () => []);
	idxs.forEach((idx, i) => per[idx % n].push({ idx, at: opts.at?.(i) }));
	return Promise.all(
		ctx.workers.map((w, i) =>
			w.call('plenum.join', { group, url, code, workshopId, items: per[i], yjs: opts.yjs, fullEvery: opts.fullEvery ?? 0, retry: opts.retry, deadlineMs: 240_000, concurrency: 16, reconnection: opts.reconnection })
		)
	);
}

async function observe(ctx: Ctx, group: string, from: number, to: number, tallies = false) {
	await Promise.all(ctx.workers.map((w) => w.call('observe.start', { group, from, to, tallies })));
}

async function stopObserve(ctx: Ctx, group: string, tallies = false, expect?: number[]) {
	const rs = await Promise.all(ctx.workers.map((w) => w.call('observe.stop', { group, tallies, expect })));
	return { seen: sum(rs.map((r) => r.seen)), hist: merged(rs.map((r) => r.hist)), tallies: rs.flatMap((r) => r.tallies), observers: sum(rs.map((r) => r.observers)), complete: sum(rs.map((r) => r.complete)), clients: sum(rs.map((r) => r.clients)) };
}

async function closeGroup(ctx: Ctx, group: string) {
	await Promise.allSettled(ctx.workers.map((w) => w.call('close', { group })));
}

function result(scenario: string, system: RunResult['system'], partial: Partial<RunResult>): RunResult {
	const v = validity(partial.stats ?? null, partial.latency?.sendLateness?.p99 ?? null);
	return { scenario, system, size: {}, latency: {}, reach: null, counts: {}, stats: null, errors: [], ...v, ...partial, ...(partial.valid === false ? { valid: false } : {}) };
}

/** The floor: one client doing ping-pong with a bare ws echo server over loopback. */
export async function floor(ctx: Ctx) {
	const { pings } = sizes(ctx.mode).floor;
	const server = await startFloor();
	try {
		const ws = new WebSocket(`ws://127.0.0.1:${server.port}`, { perMessageDeflate: false });
		await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
		const h = new Histogram();
		const payload = Buffer.alloc(64, 1);
		for (let i = 0; i < pings; i++) {
			const t = now();
			await new Promise<void>((r) => {
				ws.once('message', () => r());
				ws.send(payload);
			});
			if (i >= 50) h.record(now() - t);
		}
		ws.close();
		ctx.results.push(result('floor', 'ws-floor', { size: { pings }, latency: { roundTrip: h.summary() } }));
		ctx.log(`floor: ws ping-pong p50 ${h.summary().p50} ms, p99 ${h.summary().p99} ms`);
	} finally {
		await server.kill();
	}
}

/**
 * The room of 1,000 phones, in the order a workshop lives it: the join storm, the room idle, the card storm in
 * Collect, then the vote burst. The bare baselines hold the same number of clients and get the same loads in
 * turn, so Plenum and the baseline alternate within one invocation.
 */
export async function room(ctx: Ctx) {
	const S = sizes(ctx.mode).room;
	const { n } = S;
	const dataDir = tempDir();
	const plenum = await startPlenum(dataDir, { profileDir: ctx.profileDir });
	const bare = ctx.baselines ? await startBare({ profileDir: ctx.profileDir }) : null;
	const projIdx = n;
	try {
		ctx.log(`room: Plenum on ${plenum.url} (pid ${plenum.pid}, started in ${Math.round(plenum.startMs)} ms)`);
		const fac = await Facilitator.create(plenum.url, 'Bench: the hall', 2);
		const { workshop, board } = await fac.meta();
		await fac.liveBoard(board.id, { voteBudget: 3, maxPerItem: 3 });
		const token = await fac.projectorToken();
		await ctx.workers[projIdx % ctx.workers.length].call('plenum.projector', { group: 'room', url: plenum.url, workshopId: workshop.id, token, idx: projIdx, yjs: 'full' });

		// 1. Join storm: n phones post the join form within joinMs, then open socket.io and the Yjs replica.
		const idxs = Array.from({ length: n }, (_, i) => i);
		const t0 = now() + 1000;
		const storm = await measure(plenum, ctx.workers, 'room', () =>
			joinAll(ctx, 'room', plenum.url, workshop.code, workshop.id, idxs, { at: (i) => t0 + (i * S.joinMs) / n, yjs: 'thin', fullEvery: S.fullEvery, retry: false })
		);
		await heap(plenum, storm.stats);
		const js = joinSummary(storm.value);
		ctx.results.push(
			result('join storm', 'plenum', {
				size: { participants: n, windowMs: S.joinMs },
				latency: { joinToReady: js.ready, ...Object.fromEntries(['http', 'socket', 'hello', 'yjs'].map((k) => [`phase:${k}`, merged(storm.value.map((r) => r.phases[k]))])) },
				reach: js.joined / n,
				counts: { joined: js.joined, failed: js.failed.length, ...Object.fromEntries(Object.entries(js.reasons).map(([k, v]) => [`failed:${k}`, v])) },
				stats: storm.stats
			})
		);
		ctx.goals.push({
			scenario: 'join storm',
			goals: [goal('join to ready p99 <= 500 ms', js.ready.p99, 500), goal('failed joins = 0', js.failed.length, 0, ''), goal('event-loop delay p99 <= 50 ms', storm.stats.server.eventLoopP99Ms, 50)]
		});
		ctx.log(`join storm: ${js.joined}/${n} joined, ready p99 ${js.ready.p99} ms, failures ${JSON.stringify(js.reasons)}, loop p99 ${storm.stats.server.eventLoopP99Ms} ms`);
		if (js.failed.length) {
			// The rest of the room comes in at the pace the server allows (the phones' "try again").
			const again = joinSummary(await joinAll(ctx, 'room', plenum.url, workshop.code, workshop.id, js.failed.map((f) => f.idx), { yjs: 'thin', fullEvery: S.fullEvery, retry: true }));
			ctx.log(`room: ${again.joined} more joined after the storm (${again.failed.length} still failing)`);
			if (again.failed.length) ctx.errors.push(`room: ${again.failed.length} participants could not join: ${JSON.stringify(again.reasons)}`);
		}

		// The same number of clients on the bare baselines (socket.io relay + y-websocket), for the loads below.
		if (bare) {
			const items = [...idxs.map((idx) => ({ idx, rooms: ['all'], yjsRoom: 'room' })), { idx: projIdx, rooms: ['all', 'projector'], yjsRoom: 'room', projector: true }];
			const conn = await measure(bare, ctx.workers, 'bare-room', () =>
				Promise.all(split(items, ctx.workers.length).map((part, i) => ctx.workers[i].call('bare.connect', { group: 'bare-room', url: bare.url, items: part, socket: true, yjs: 'thin', fullEvery: S.fullEvery, concurrency: 50 })))
			);
			const cs = joinSummary(conn.value);
			ctx.results.push(result('join storm', 'bare-relay', { size: { participants: n }, latency: { connectToReady: cs.ready }, reach: cs.joined / (n + 1), counts: { connected: cs.joined }, stats: conn.stats }));
		}

		// 2. The idle room: frames per phone per second while nothing happens (O(N) means constant per phone).
		await quiesce(plenum, ctx);
		const idle = await measure(plenum, ctx.workers, 'room', () => sleep(S.idleMs));
		const perPhone = idle.stats.traffic.rxFrames / (n + 1) / idle.stats.seconds;
		ctx.results.push(result('idle room (1 room)', 'plenum', { size: { participants: n, windowMs: S.idleMs }, counts: { framesPerClientPerS: round2(perPhone) }, stats: idle.stats }));
		if (bare) {
			await quiesce(bare, ctx);
			const idleB = await measure(bare, ctx.workers, 'bare-room', () => sleep(S.idleMs));
			ctx.results.push(result('idle room (1 room)', 'bare-relay', { size: { participants: n }, counts: { framesPerClientPerS: round2(idleB.stats.traffic.rxFrames / (n + 1) / idleB.stats.seconds) }, stats: idleB.stats }));
		}

		// 3. Card storm: every phone posts cardsEach cards, spread evenly over cardMs, cards live.
		const m = n * S.cardsEach;
		const cardTasks = (from: number, start: number, kind: 'card' | 'relay'): Task[] =>
			Array.from({ length: m }, (_, j) => ({ idx: j % n, at: start + (j * S.cardMs) / m, seq: from + j, kind, boardId: board.id, room: 'all', text: `Idea ${j}` }));
		const cfrom = seqRange(m);
		await quiesce(plenum, ctx);
		await observe(ctx, 'room', cfrom, cfrom + m);
		const cs = await measure(plenum, ctx.workers, 'room', async () => {
			const r = await sendAll(ctx, 'room', cardTasks(cfrom, now() + 500, 'card'));
			await sleep(1500);
			return r;
		});
		await heap(plenum, cs.stats);
		// Late deliveries still count for reach (their lateness is in the latency): wait for the backlog to drain.
		await quiesce(plenum, ctx);
		const ackedCards = cs.value.results.filter((r) => r.ok);
		// The truth is what was committed: a command whose ack timed out may still have been written.
		const committed = cardsOnBoard(dataDir, board.id);
		const lostAcked = ackedCards.filter((r) => !committed.includes(r.id!)).length;
		const committedSeqs = cs.value.results.filter((r) => r.ok || r.error === 'timeout').map((r) => r.seq);
		const cobs = await stopObserve(ctx, 'room', false, committedSeqs);
		const cardIds = ackedCards.map((r) => r.id!);
		const conv = await Promise.all(ctx.workers.map((w) => w.call('verify.cards', { group: 'room', expected: committed })));
		// Every observer should see every committed card except its own.
		const expected = committed.length * cobs.clients - committed.length;
		const full = sum(conv.map((c) => c.full));
		const match = sum(conv.map((c) => c.match));
		ctx.results.push(
			result('card storm', 'plenum', {
				size: { participants: n, cards: m, windowMs: S.cardMs },
				latency: { ack: cs.value.ack, seenByReplica: cobs.hist, sendLateness: cs.value.late },
				reach: expected ? cobs.seen / expected : null,
				counts: { acked: ackedCards.length, committed: committed.length, lostAcked, notAcked: m - ackedCards.length, replicas: cobs.clients, replicasComplete: cobs.complete, fullReplicas: full, fullReplicasConverged: match },
				stats: cs.stats,
				errors: [...errorsOf(cs.value.results), ...conv.flatMap((c) => c.mismatches)]
			})
		);
		ctx.goals.push({
			scenario: 'card storm',
			goals: [goal('ack p99 <= 50 ms', cs.value.ack.p99, 50), goal('every replica converges', full ? match / full : null, 1, '', 'higher'), goal('0 acknowledged cards lost', lostAcked, 0, ''), goal('reach = 1.0', expected ? cobs.seen / expected : null, 1, '', 'higher')]
		});
		ctx.log(`card storm: ${ackedCards.length}/${m} acked (${committed.length} committed), ack p99 ${cs.value.ack.p99} ms, seen p99 ${cobs.hist.p99} ms, reach ${round2(cobs.seen / expected)}, converged ${match}/${full}`);
		// 4. Vote burst: phase Vote, every phone casts one dot within voteMs on one of `items` cards.
		const items = cardIds.slice(0, S.items);
		await fac.cmd('activity:phase', { activityId: board.id, phase: 'vote' });
		await sleep(500);
		// Every 50th phone tries one dot more than its budget: the server must refuse exactly that one.
		await quiesce(plenum, ctx);
		const vtasks: Task[] = [];
		const vstart = now() + 1500;
		for (let i = 0; i < n; i++) {
			const at = vstart + (i * S.voteMs) / n;
			vtasks.push({ idx: i, at, seq: 0, kind: 'vote', boardId: board.id, itemId: items[i % items.length], dupe: i % 20 === 7 });
			if (i % 50 === 13) for (let k = 1; k <= 3; k++) vtasks.push({ idx: i, at: at + k, seq: 0, kind: 'vote', boardId: board.id, itemId: items[(i + k) % items.length] });
		}
		const vfrom = seqRange(vtasks.length);
		vtasks.forEach((t, j) => (t.seq = vfrom + j));
		const itemBySeq = new Map(vtasks.map((t) => [t.seq, t.itemId!]));
		await observe(ctx, 'room', vfrom, vfrom + vtasks.length, true);
		const vs = await measure(plenum, ctx.workers, 'room', async () => {
			const r = await sendAll(ctx, 'room', vtasks);
			await sleep(1500);
			return r;
		});
		await heap(plenum, vs.stats);
		await quiesce(plenum, ctx);
		const vobs = await stopObserve(ctx, 'room', true);
		const vote = analyseVotes(dataDir, workshop.id, vs.value.results, (seq) => itemBySeq.get(seq)!, vobs.tallies);
		const greedy = new Map<number, { ok: number; refused: string[] }>();
		for (const r of vs.value.results) {
			if (r.idx === undefined || r.idx % 50 !== 13) continue;
			const g = greedy.get(r.idx) ?? { ok: 0, refused: [] };
			if (r.ok) g.ok++;
			else g.refused.push(r.error ?? '?');
			greedy.set(r.idx, g);
		}
		const budgetHeld = [...greedy.values()].every((g) => g.ok === 3 && g.refused.length === 1 && g.refused[0] === 'budget_exhausted');
		vote.counts.overBudgetVoters = greedy.size;
		vote.counts.budgetHeld = budgetHeld ? 'yes' : 'NO';
		if (!budgetHeld) vote.errors.push(`vote budget not held: ${JSON.stringify([...greedy.values()].slice(0, 3))}`);
		ctx.results.push(
			result('vote burst', 'plenum', {
				size: { participants: n, items: items.length, windowMs: S.voteMs },
				latency: { voterAck: vs.value.ack, projectorSeesVote: vote.projector, phoneFinalTallyAfterLastVote: vote.phones, sendLateness: vs.value.late },
				reach: vote.reach,
				counts: vote.counts,
				stats: vs.stats,
				errors: [...errorsOf(vs.value.results).filter((e) => !(e.endsWith('budget_exhausted') && budgetHeld)), ...vote.errors]
			})
		);
		ctx.log(`vote burst: ack p99 ${vs.value.ack.p99} ms, projector p99 ${vote.projector.p99} ms, phones final max ${vote.phones.max} ms, lost ${vote.counts.lost}, double ${vote.counts.doubleCounted}`);
		let relayProjector: number | null = null;
		if (bare) {
			const bfrom = seqRange(n);
			await quiesce(bare, ctx);
			await observe(ctx, 'bare-room', bfrom, bfrom + n);
			const bv = await measure(bare, ctx.workers, 'bare-room', async () => {
				const start = now() + 500;
				const tasks: Task[] = Array.from({ length: n }, (_, i) => ({ idx: i, at: start + (i * S.voteMs) / n, seq: bfrom + i, kind: 'relay', room: 'projector' }));
				const r = await sendAll(ctx, 'bare-room', tasks);
				await sleep(1500);
				return r;
			});
			await heap(bare, bv.stats);
			await quiesce(bare, ctx);
			const bobs = await stopObserve(ctx, 'bare-room');
			relayProjector = bobs.hist.p99;
			ctx.results.push(
				result('vote burst', 'bare-relay', {
					size: { participants: n, windowMs: S.voteMs },
					latency: { voterAck: bv.value.ack, projectorSeesVote: bobs.hist, sendLateness: bv.value.late },
					reach: bobs.seen / Math.max(1, bv.value.results.filter((r) => r.ok).length),
					counts: { acked: bv.value.results.filter((r) => r.ok).length },
					stats: bv.stats
				})
			);
		}
		// The relay's card storm goes last: its N^2 broadcast floods the clients long after the sends.
		if (bare) {
			const bfrom = seqRange(m);
			await quiesce(bare, ctx);
			await observe(ctx, 'bare-room', bfrom, bfrom + m);
			const bs = await measure(bare, ctx.workers, 'bare-room', async () => {
				const r = await sendAll(ctx, 'bare-room', cardTasks(bfrom, now() + 500, 'relay'));
				await sleep(1500);
				return r;
			});
			await heap(bare, bs.stats);
			await quiesce(bare, ctx);
			const okB = bs.value.results.filter((r) => r.ok).length;
			const bobs = await stopObserve(ctx, 'bare-room');
			// The relay broadcasts whatever it receives, acknowledged in time or not.
			const expB = m * (bobs.clients - 1);
			ctx.results.push(
				result('card storm', 'bare-relay', {
					size: { participants: n, cards: m, windowMs: S.cardMs },
					latency: { ack: bs.value.ack, seenByReplica: bobs.hist, sendLateness: bs.value.late },
					reach: expB ? bobs.seen / expB : null,
					counts: { acked: okB },
					stats: bs.stats
				})
			);
		}

		ctx.goals.push({
			scenario: 'vote burst',
			goals: [
				goal('voter ack p99 <= 50 ms', vs.value.ack.p99, 50),
				goal('projector sees vote p99 <= 100 ms', vote.projector.p99, 100),
				goal('all phones show final tally <= 500 ms after last vote', vote.phones.count < n ? Infinity : vote.phones.max, 500),
				goal('0 lost', Number(vote.counts.lost), 0, ''),
				goal('0 double-counted', Number(vote.counts.doubleCounted), 0, ''),
				{ goal: 'vote budget held (one dot over budget refused)', value: String(vote.counts.budgetHeld), met: budgetHeld },
				goal('projector p99 <= 1.5x bare relay', relayProjector && vote.projector.p99 !== null ? vote.projector.p99 / relayProjector : null, 1.5, 'x')
			]
		});
		fac.close();
	} finally {
		await closeGroup(ctx, 'room');
		await closeGroup(ctx, 'bare-room');
		await plenum.kill();
		await bare?.kill();
	}
}

/** Ids of the cards stored on a board (read-only, beside the running server). */
function cardsOnBoard(dataDir: string, boardId: string): string[] {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return (db.prepare('select id from cards where board_id = ?').all(boardId) as { id: string }[]).map((r) => r.id);
	} finally {
		db.close();
	}
}

function errorsOf(results: TaskResult[]): string[] {
	const by: Record<string, number> = {};
	for (const r of results) if (!r.ok) by[r.error ?? '?'] = (by[r.error ?? '?'] ?? 0) + 1;
	return Object.entries(by).map(([k, v]) => `${v} x ${k}`);
}

/**
 * Exact vote accounting: the commit order per item comes from the command receipts (read-only), so the first
 * projector tally whose count for the item reaches a vote's rank is the one that includes that vote.
 */
function analyseVotes(dataDir: string, workshopId: string, results: TaskResult[], itemOf: (seq: number) => string, tallies: { idx: number; projector: boolean; log: [number, number | Record<string, number>][] }[]) {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	// The receipts' rowids follow commit order; a vote's receipt is the one whose result names an item and the dots left.
	const events = db
		.prepare(`select json_extract(result, '$.itemId') as item, idem_key as key from command_receipts where workshop_id = ? and json_extract(result, '$.remaining') is not null order by rowid`)
		.all(workshopId) as { item: string; key: string }[];
	const stored = db.prepare(`select item_id as item, sum(count) as n from votes group by item_id`).all() as { item: string; n: number }[];
	db.close();
	const rank = new Map<string, number>();
	const perItem = new Map<string, number>();
	for (const e of events) {
		const k = (perItem.get(e.item) ?? 0) + 1;
		perItem.set(e.item, k);
		rank.set(e.key, k);
	}
	const ok = results.filter((r) => r.ok);
	const acked = new Map<string, number>();
	for (const r of ok) acked.set(itemOf(r.seq), (acked.get(itemOf(r.seq)) ?? 0) + 1);
	// A vote whose ack timed out may or may not have been committed: it is neither lost nor double.
	const unknown = new Map<string, number>();
	for (const r of results) if (!r.ok && r.error === 'timeout') unknown.set(itemOf(r.seq), (unknown.get(itemOf(r.seq)) ?? 0) + 1);
	const storedMap = new Map(stored.map((s) => [s.item, s.n]));
	let lost = 0;
	let doubled = 0;
	for (const item of new Set([...acked.keys(), ...storedMap.keys()])) {
		const a = acked.get(item) ?? 0;
		const s = storedMap.get(item) ?? 0;
		if (s < a) lost += a - s;
		if (s > a + (unknown.get(item) ?? 0)) doubled += s - a - (unknown.get(item) ?? 0);
	}
	const proj = tallies.find((t) => t.projector)?.log ?? [];
	proj.sort((a, b) => a[0] - b[0]);
	const projector = new Histogram();
	let unseen = 0;
	for (const r of ok) {
		const k = rank.get(r.key!);
		const item = itemOf(r.seq);
		const hit = k === undefined ? undefined : proj.find(([, c]) => ((c as Record<string, number>)[item] ?? 0) >= k);
		if (hit) projector.record(hit[0] - r.at);
		else unseen++;
	}
	const total = ok.length;
	const lastAck = Math.max(...ok.map((r) => r.ackAt ?? 0));
	const phones = new Histogram();
	let phonesMissing = 0;
	const storedTotal = sum(stored.map((x) => x.n));
	for (const t of tallies) {
		if (t.projector) continue;
		const hit = t.log.find(([, s]) => s === storedTotal);
		if (hit) phones.record(hit[0] - lastAck);
		else phonesMissing++;
	}
	const dupes = ok.filter((r) => r.dupe !== undefined);
	const dupeBad = dupes.filter((r) => r.dupe !== 'same').length;
	const finalProjector = proj.length ? sum(Object.values(proj[proj.length - 1][1] as Record<string, number>)) : 0;
	const errors: string[] = dupeBad ? [`${dupeBad} replays with the same key gave a different answer`] : [];
	return {
		projector: projector.summary(),
		phones: phones.summary(),
		reach: total ? (total - unseen) / total : null,
		counts: {
			acked: total,
			refused: results.filter((r) => !r.ok && r.error !== 'timeout').length,
			ackTimedOut: results.filter((r) => !r.ok && r.error === 'timeout').length,
			lost,
			doubleCounted: doubled + dupeBad,
			replayedWithSameKey: dupes.length,
			storedTotal,
			projectorFinalTally: finalProjector,
			phonesWithFinalTally: phones.count,
			phonesWithoutFinalTally: phonesMissing
		} as Record<string, number | string>,
		errors
	};
}

/**
 * Seeds a data folder for the co-editing scenario with what a real room has: one facilitator, one workshop per text,
 * each with a card under discussion on its board (Discuss phase, "participants may write the minutes" on), and
 * `editors` participants in each (created in the database, as the join form would; their cookies returned). The
 * text each workshop's editors write is that card's shared minutes (`<boardId>.<cardId>`), served by the production
 * server as any room's.
 */
async function seedTextEditors(dataDir: string, texts: number, editors: number) {
	const { createDeps, closeDeps } = await import('../server/deps');
	const { SERVER_MODULES } = await import('../server/features/index');
	const { applyCommand } = await import('../server/realtime/commands');
	const { loadConfig } = await import('../server/config');
	const { createLogger } = await import('../server/log');
	const deps = createDeps({ ...loadConfig(), dataDir }, SERVER_MODULES, createLogger('silent'));
	try {
		const { services, repos } = deps;
		const user = await services.signUp('127.0.0.1', 'Bench co-editing', 'correct horse battery staple');
		if (!user.ok) throw new Error(`seed: ${user.reason}`);
		const actor = { role: 'facilitator' as const, id: user.value.id };
		const out: { workshopId: string; entity: string; cookies: string[] }[] = [];
		for (let t = 0; t < texts; t++) {
			const w = services.createWorkshop(user.value.id, `Bench: text ${t}`, 'en');
			if (!w.ok) throw new Error(`seed: ${w.reason}`);
			const boardId = w.value.activeActivityId!;
			// The facilitator's steps, through the same handlers the gateway runs.
			const run = (name: string, payload: Record<string, unknown>) => applyCommand(deps, w.value.id, actor, name, payload) as Record<string, unknown>;
			const card = run('card:create', { boardId, text: `Topic ${t}` }).card as { id: string };
			run('board:update', { boardId, settings: { participantsWriteMinutes: true } });
			run('activity:phase', { activityId: boardId, phase: 'discuss' });
			run('board:discuss', { boardId, itemId: card.id });
			const cookies: string[] = [];
			for (let e = 0; e < editors; e++) cookies.push(`plenum_p_${w.value.id}=${repos.workshops.createParticipant(w.value.id, `Editor ${e}`, Date.now()).token}`);
			out.push({ workshopId: w.value.id, entity: `${boardId}.${card.id}`, cookies });
		}
		return out;
	} finally {
		closeDeps(deps);
	}
}

/**
 * Co-editing: `texts` shared plain texts with `editors` editors each, one edit (a short phrase inserted at a random
 * place) per editor every periodMs; every other editor of the text sees each edit. Plenum serves them as text
 * documents (`/yjs/<workshopId>/text/<entity>`: access checked at upgrade, every update inspected and rate-limited,
 * stored in SQLite in batches, snapshots); the bare y-websocket server relays the same updates with none of that.
 * Both run the app's own text client (src/lib/realtime/text-connection.ts).
 */
export async function coedit(ctx: Ctx) {
	const S = sizes(ctx.mode).coedit;
	const total = S.texts * S.editors;
	const rounds = Math.floor(S.durationMs / S.periodMs);
	/** The bare server's text name (its rooms are named by workshop; Plenum's are the seeded minutes). */
	const bareEntity = 'minutes';
	const edits = (from: number, start: number): Task[] => {
		const tasks: Task[] = [];
		for (let i = 0; i < total; i++) {
			const phase = ((i * 7919) % total) * (S.periodMs / total);
			for (let k = 0; k < rounds; k++) tasks.push({ idx: i, at: start + phase + k * S.periodMs, seq: 0, kind: 'tedit', text: `Edit ${i}.${k}` });
		}
		tasks.sort((a, b) => a.at - b.at);
		tasks.forEach((t, j) => (t.seq = from + j));
		return tasks;
	};
	/** Connects every editor (on the worker that will send its edits: idx modulo the workers). */
	const connect = async (group: string, kind: 'plenum' | 'bare', url: string, item: (i: number) => { workshopId: string; entity: string; cookie?: string }) => {
		const n = ctx.workers.length;
		const per: { idx: number; workshopId: string; entity: string; cookie?: string }[][] = Array.from({ length: n }, () => []);
		for (let i = 0; i < total; i++) per[i % n].push({ idx: i, ...item(i) });
		const js = joinSummary(await Promise.all(ctx.workers.map((w, i) => w.call('text.connect', { group, kind, url, items: per[i], concurrency: 25 }))));
		if (js.failed.length) ctx.errors.push(`co-editing (${kind}): ${js.failed.length} editors could not connect: ${JSON.stringify(js.reasons)}`);
		return js;
	};
	/** Runs the edits and reports reach, latency, CPU and whether every editor of a text ends with the same text. */
	const run = async (server: ServerProc, group: string, system: RunResult['system']) => {
		const from = seqRange(total * rounds);
		await quiesce(server, ctx);
		const tasks = edits(from, now() + 1000);
		await observe(ctx, group, from, from + tasks.length);
		const r = await measure(server, ctx.workers, group, async () => {
			const res = await sendAll(ctx, group, tasks);
			await sleep(1000);
			return res;
		});
		await heap(server, r.stats);
		await quiesce(server, ctx);
		const obs = await stopObserve(ctx, group);
		const texts = (await Promise.all(ctx.workers.map((w) => w.call('verify.texts', { group })))).flatMap((v) => v.texts);
		const byDoc = new Map<string, Set<string>>();
		for (const t of texts) byDoc.set(t.doc, (byDoc.get(t.doc) ?? new Set()).add(t.hash));
		const converged = [...byDoc.values()].filter((hashes) => hashes.size === 1).length;
		const reach = obs.seen / Math.max(1, tasks.length * (S.editors - 1));
		ctx.results.push(
			result('co-editing', system, {
				size: { texts: S.texts, editors: S.editors, periodMs: S.periodMs, durationMs: S.durationMs },
				latency: { remotePeerSees: obs.hist, sendLateness: r.value.late },
				reach,
				counts: { edits: tasks.length, texts: byDoc.size, textsConverged: converged, meanLength: Math.round(sum(texts.map((t) => t.length)) / Math.max(1, texts.length)) },
				stats: r.stats,
				errors: errorsOf(r.value.results)
			})
		);
		ctx.log(`co-editing (${system}): peer sees p99 ${obs.hist.p99} ms, reach ${round2(reach)}, ${converged}/${byDoc.size} texts converged, server CPU ${r.stats.server.cpuCores}`);
	};
	{
		const dataDir = tempDir();
		const seeded = await seedTextEditors(dataDir, S.texts, S.editors);
		const plenum = await startPlenum(dataDir, { profileDir: ctx.profileDir });
		try {
			await connect('co', 'plenum', plenum.url, (i) => {
				const w = seeded[Math.floor(i / S.editors)];
				return { workshopId: w.workshopId, entity: w.entity, cookie: w.cookies[i % S.editors] };
			});
			await run(plenum, 'co', 'plenum');
		} finally {
			await closeGroup(ctx, 'co');
			await plenum.kill();
		}
	}
	if (!ctx.baselines) return;
	const bare = await startBare({ profileDir: ctx.profileDir });
	try {
		await connect('co-bare', 'bare', bare.url, (i) => ({ workshopId: `room${Math.floor(i / S.editors)}`, entity: bareEntity }));
		await run(bare, 'co-bare', 'bare-yws');
	} finally {
		await closeGroup(ctx, 'co-bare');
		await bare.kill();
	}
	const p = ctx.results.find((r) => r.scenario === 'co-editing' && r.system === 'plenum');
	const b = ctx.results.find((r) => r.scenario === 'co-editing' && r.system === 'bare-yws');
	const pp = p?.latency.remotePeerSees?.p99 ?? null;
	const bp = b?.latency.remotePeerSees?.p99 ?? null;
	ctx.goals.push({
		scenario: 'co-editing',
		goals: [
			goal('remote peer sees edit p99 <= 30 ms', pp, 30),
			goal('p99 <= 1.3x bare y-websocket', pp !== null && bp ? pp / bp : null, 1.3, 'x'),
			goal('CPU <= 1.3x bare y-websocket', p?.stats && b?.stats && b.stats.server.cpuCores > 0 ? p.stats.server.cpuCores / b.stats.server.cpuCores : null, 1.3, 'x')
		],
		note: 'Plenum (the production server) serves each text as the shared minutes of a discussed card (access decided by the board module at upgrade, each update inspected and rate-limited, stored in SQLite in 150 ms batches, compacted, snapshotted); the baseline relays the same updates and stores nothing.'
	});
}

/** Big board: 2,000 cards and 10,000 moves made live (so the document carries their history), then new clients sync. */
export async function bigBoard(ctx: Ctx) {
	const S = sizes(ctx.mode).big;
	const dataDir = tempDir();
	const plenum = await startPlenum(dataDir, { profileDir: ctx.profileDir });
	let seedFile: string | null = null;
	let projectorMs: number | null = null;
	let projectorFirstMs: number | null = null;
	let projectorNote = '';
	let projectorCounts = { inPage: 0, visible: 0 };
	try {
		const fac = await Facilitator.create(plenum.url, 'Bench: big board', S.sockets);
		const { workshop, board } = await fac.meta();
		await fac.liveBoard(board.id);
		const token = await fac.projectorToken();
		// A public replica stays connected, so the public document lives through all the moves.
		const watcher = fullReplica(plenum.url, `/yjs/${workshop.id}`, 'public', { params: { projector: token }, localAddress: '127.202.0.1' });
		await watcher.synced;
		const t0 = now();
		const created = await fac.many<{ card: { id: string } }>(Array.from({ length: S.cards }, (_, i) => ({ name: 'card:create', payload: { boardId: board.id, text: `Big card ${String(i).padStart(4, '0')}` } })));
		const ids = created.map((c) => c.card.id);
		const cols = board.columns.map((c) => c.id);
		await fac.many(Array.from({ length: S.moves }, (_, i) => ({ name: 'card:move', payload: { cardId: ids[(i * 7) % ids.length], columnId: cols[(i + 1) % cols.length] } })));
		ctx.log(`big board: ${S.cards} cards and ${S.moves} moves made in ${Math.round((now() - t0) / 1000)} s`);
		await sleep(500);
		const staffDoc = await fac.staffDoc();
		const staffBytes = Y.encodeStateAsUpdate(staffDoc).byteLength;
		const publicBytes = Y.encodeStateAsUpdate(watcher.doc!).byteLength;
		// What an up-to-date phone gets back for each periodic resync (the whole delete set, every 12 s).
		const resyncReplyBytes = Y.encodeStateAsUpdate(watcher.doc!, Y.encodeStateVector(watcher.doc!)).byteLength;
		seedFile = path.join(tempDir(), 'big-board.yjs');
		fs.writeFileSync(seedFile, Y.encodeStateAsUpdate(watcher.doc!));
		const phone = await httpJoin(plenum.url, workshop.code, 'Late phone', '127.203.0.1');
		if (!phone.ok) throw new Error(`big board: join failed: ${phone.reason}; server said: ${plenum.stderrTail().slice(-1500)}`);
		const sync = await measure(plenum, ctx.workers, 'none', () =>
			ctx.workers[0].call('sync.time', { url: plenum.url, path: `/yjs/${workshop.id}`, room: 'public', cookie: phone.cookie, count: S.samples, idx: 9000 })
		);
		await heap(plenum, sync.stats);
		const cardsInDoc = watcher.doc!.getMap(BOARD_MAPS.cards).size;
		if (ctx.chromium) {
			try {
				const p = await projectorShowsAll(ctx.chromium, `${plenum.url}/projector/${token}`, S.cards);
				projectorMs = p.allMs;
				projectorFirstMs = p.firstMs;
				projectorCounts = { inPage: p.inPage, visible: p.visible };
				if (p.allMs === null) projectorNote = `the projector page holds ${p.inPage} of ${S.cards} cards (${p.visible} on screen at once)`;
			} catch (e) {
				projectorNote = String((e as Error).message).slice(0, 200);
				ctx.errors.push(`big board projector: ${projectorNote}`);
			}
		} else projectorNote = 'Chromium not available';
		const hist = merged([sync.value.hist]);
		ctx.results.push(
			result('big board', 'plenum', {
				size: { cards: S.cards, moves: S.moves, samples: S.samples },
				latency: { newClientSynced: hist },
				counts: { publicDocBytes: publicBytes, staffDocBytes: staffBytes, syncDownloadBytes: sync.value.bytes, resyncReplyBytes, cardsInDoc, projectorFirstCardMs: projectorFirstMs === null ? 'n/a' : Math.round(projectorFirstMs), projectorAllCardsMs: projectorMs === null ? 'n/a' : Math.round(projectorMs), projectorCardsInPage: projectorCounts.inPage, projectorCardsOnScreen: projectorCounts.visible },
				stats: sync.stats,
				// One client syncing after another is CPU-bound on the client by design (decoding the document is part
				// of "synced"); there is no schedule for the harness to fall behind.
				valid: true,
				errors: projectorNote && projectorFirstMs === null ? [projectorNote] : []
			})
		);
		ctx.goals.push({
			scenario: 'big board',
			goals: [
				goal('encoded document <= 500 KB', Math.max(publicBytes, staffBytes) / 1024, 500, 'KiB'),
				goal('new client synced p95 <= 200 ms', hist.p95, 200),
				goal('projector shows all cards in Chromium <= 1 s', projectorMs, 1000),
				goal('projector shows its first cards in Chromium <= 1 s', projectorFirstMs, 1000)
			],
			note: projectorNote || undefined
		});
		ctx.log(`big board: public doc ${publicBytes} B, staff doc ${staffBytes} B, sync p95 ${hist.p95} ms, projector first card ${projectorFirstMs === null ? 'n/a' : Math.round(projectorFirstMs)} ms, all ${projectorMs === null ? projectorNote : Math.round(projectorMs) + ' ms'}`);
		watcher.destroy();
		fac.close();
	} finally {
		await plenum.kill();
	}
	if (!ctx.baselines || !seedFile) return;
	const bare = await startBare({ seedFile });
	try {
		const sync = await measure(bare, ctx.workers, 'none', () => ctx.workers[0].call('sync.time', { url: bare.url, path: '/yjs', room: 'big', count: S.samples, idx: 9000 }));
		ctx.results.push(result('big board', 'bare-yws', { size: { cards: S.cards, moves: S.moves }, latency: { newClientSynced: merged([sync.value.hist]) }, counts: { syncDownloadBytes: sync.value.bytes }, stats: sync.stats, valid: true }));
	} finally {
		await bare.kill();
	}
}

/**
 * Opens the projector page in headless Chromium: the time until the first card is on screen, and until every card
 * of the board is in the page (a board too big for one screen is shown in pages that take turns).
 */
async function projectorShowsAll(executablePath: string, url: string, cards: number): Promise<{ firstMs: number; allMs: number | null; inPage: number; visible: number }> {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		const res = await request(url);
		if (res.status !== 200) throw new Error(`projector page answered HTTP ${res.status}`);
		const count = (n: number) => (document.body?.textContent?.match(/Big card \d{4}/g) ?? []).length >= n;
		const t0 = now();
		await page.goto(url, { waitUntil: 'commit' });
		await page.waitForFunction(() => /Big card \d{4}/.test(document.body?.innerText ?? ''), undefined, { polling: 'raf', timeout: 20_000 });
		const firstMs = now() - t0;
		let allMs: number | null = null;
		try {
			await page.waitForFunction(count, cards, { polling: 'raf', timeout: 10_000 });
			allMs = now() - t0;
		} catch {
			/* the page holds fewer cards than the board (paged or capped): reported below */
		}
		const [inPage, visible] = await page.evaluate(() => [(document.body.textContent?.match(/Big card \d{4}/g) ?? []).length, (document.body.innerText.match(/Big card \d{4}/g) ?? []).length]);
		return { firstMs, allMs, inPage, visible };
	} finally {
		await browser.close();
	}
}

/** Idle rooms: many participants connected and quiet; memory per participant, frames per participant. */
export async function idle(ctx: Ctx) {
	const S = sizes(ctx.mode).idle;
	const total = S.rooms * S.per;
	const dataDir = tempDir();
	const plenum = await startPlenum(dataDir, { profileDir: ctx.profileDir });
	let perHeap: number | null = null;
	let perRss: number | null = null;
	let reconnects = 0;
	try {
		const first = await Facilitator.create(plenum.url, 'Bench: idle 0');
		const rooms = [first];
		for (let r = 1; r < S.rooms; r++) rooms.push(await first.another(`Bench: idle ${r}`));
		const metas = [];
		for (const f of rooms) {
			metas.push((await f.meta()).workshop);
			f.close();
		}
		await sleep(500);
		const heap0 = await plenum.heapAfterGc();
		const rss0 = (await import('./lib/proc')).rssBytes(plenum.pid) ?? 0;
		for (const [r, w] of metas.entries()) {
			const js = joinSummary(await joinAll(ctx, 'idle', plenum.url, w.code, w.id, Array.from({ length: S.per }, (_, i) => r * S.per + i), { yjs: 'full', retry: true }));
			if (js.failed.length) ctx.errors.push(`idle: ${js.failed.length} joins failed: ${JSON.stringify(js.reasons)}`);
		}
		await sleep(2000);
		const win = await measure(plenum, ctx.workers, 'idle', () => sleep(S.windowMs));
		const heap1 = await plenum.heapAfterGc();
		win.stats.server.heapAfterGcBytes = heap1;
		perHeap = heap0 !== null && heap1 !== null ? (heap1 - heap0) / total : null;
		perRss = (win.stats.server.rssBytes - rss0) / total;
		const opens = await Promise.all(ctx.workers.map((w) => w.call('resync.status', { group: 'idle', since: 0 })));
		reconnects = sum(opens.map((o) => o.reconnected));
		ctx.results.push(
			result('idle rooms', 'plenum', {
				size: { rooms: S.rooms, perRoom: S.per, windowMs: S.windowMs },
				counts: {
					heapPerParticipantBytes: perHeap === null ? 'n/a' : Math.round(perHeap),
					rssPerParticipantBytes: Math.round(perRss),
					framesPerClientPerS: round2(win.stats.traffic.rxFrames / total / win.stats.seconds),
					clientSentFramesPerClientPerS: round2(win.stats.traffic.txFrames / total / win.stats.seconds),
					yjsReconnectedClients: reconnects
				},
				stats: win.stats
			})
		);
		ctx.log(`idle: heap ${perHeap === null ? 'n/a' : Math.round(perHeap)} B and RSS ${Math.round(perRss)} B per participant, ${round2(win.stats.traffic.rxFrames / total / win.stats.seconds)} frames/client/s`);
	} finally {
		await closeGroup(ctx, 'idle');
		await plenum.kill();
	}
	const oneRoom = ctx.results.find((r) => r.scenario === 'idle room (1 room)' && r.system === 'plenum');
	const f1 = Number(oneRoom?.counts.framesPerClientPerS ?? NaN);
	ctx.goals.push({
		scenario: 'idle room',
		goals: [
			goal('heap <= 16 KiB per participant', perHeap === null ? null : perHeap / 1024, 16, 'KiB'),
			goal('RSS <= 32 KiB per participant', perRss === null ? null : perRss / 1024, 32, 'KiB'),
			goal(`idle ${sizes(ctx.mode).room.n}-phone room: frames per phone per second at keep-alive level (<= 1), i.e. O(N) in all`, Number.isFinite(f1) ? f1 : null, 1, '/s')
		],
		note: 'O(N^2) chatter (every phone told about every other phone, as default awareness does) would show as tens of frames per phone per second in a 1,000-phone room; keep-alives and resyncs are a constant per phone.'
	});
	if (!ctx.baselines) return;
	const bare = await startBare();
	try {
		const heap0 = await bare.heapAfterGc();
		const rss0 = (await import('./lib/proc')).rssBytes(bare.pid) ?? 0;
		const items = Array.from({ length: total }, (_, i) => ({ idx: i, rooms: [`r${Math.floor(i / S.per)}`], yjsRoom: `r${Math.floor(i / S.per)}` }));
		await Promise.all(split(items, ctx.workers.length).map((part, i) => ctx.workers[i].call('bare.connect', { group: 'idle-bare', url: bare.url, items: part, socket: true, yjs: 'full', fullEvery: 0, concurrency: 50 })));
		await sleep(2000);
		const win = await measure(bare, ctx.workers, 'idle-bare', () => sleep(S.windowMs));
		const heap1 = await bare.heapAfterGc();
		win.stats.server.heapAfterGcBytes = heap1;
		ctx.results.push(
			result('idle rooms', 'bare-relay', {
				size: { rooms: S.rooms, perRoom: S.per },
				counts: {
					heapPerParticipantBytes: heap0 !== null && heap1 !== null ? Math.round((heap1 - heap0) / total) : 'n/a',
					rssPerParticipantBytes: Math.round((win.stats.server.rssBytes - rss0) / total),
					framesPerClientPerS: round2(win.stats.traffic.rxFrames / total / win.stats.seconds),
					clientSentFramesPerClientPerS: round2(win.stats.traffic.txFrames / total / win.stats.seconds)
				},
				stats: win.stats
			})
		);
	} finally {
		await closeGroup(ctx, 'idle-bare');
		await bare.kill();
	}
}

/** Restart: kill -9 under a steady write load, start again on the same data and port, check nothing acked is lost. */
export async function restart(ctx: Ctx) {
	const S = sizes(ctx.mode).restart;
	const dataDir = tempDir();
	let plenum = await startPlenum(dataDir, { inspect: false });
	const port = plenum.port;
	try {
		const fac = await Facilitator.create(plenum.url, 'Bench: restart');
		const { workshop, board } = await fac.meta();
		await fac.liveBoard(board.id);
		fac.close();
		const idxs = Array.from({ length: S.writers }, (_, i) => i);
		const js = joinSummary(await joinAll(ctx, 'rs', plenum.url, workshop.code, workshop.id, idxs, { yjs: 'thin', fullEvery: 4, retry: true, reconnection: true }));
		if (js.failed.length) ctx.errors.push(`restart: ${js.failed.length} joins failed`);
		const m = Math.round((S.writers * S.perSecond * S.durationMs) / 1000);
		const from = seqRange(m);
		const start = now() + 500;
		const tasks: Task[] = Array.from({ length: m }, (_, j) => ({ idx: j % S.writers, at: start + (j * S.durationMs) / m, seq: from + j, kind: 'card', boardId: board.id, text: `Durable ${j}` }));
		const sending = sendAll(ctx, 'rs', tasks, { retry: true, ackTimeoutMs: 1500, deadlineMs: S.durationMs + 20_000 });
		await sleep(start + S.killAtMs - now());
		const killedAt = now();
		await plenum.kill('SIGKILL');
		plenum = await startPlenum(dataDir, { port, inspect: false, profileDir: ctx.profileDir });
		const listeningMs = plenum.startMs;
		const listenedAt = now();
		const sent = await sending;
		await sleep(2000);
		const acked = sent.results.filter((r) => r.ok);
		const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
		const have = new Set((db.prepare('select id from cards where board_id = ?').all(board.id) as { id: string }[]).map((r) => r.id));
		db.close();
		const lost = acked.filter((r) => !have.has(r.id!)).length;
		const rs = await Promise.all(ctx.workers.map((w) => w.call('resync.status', { group: 'rs', since: killedAt })));
		const times = rs.flatMap((r) => r.times).map((t) => t - listenedAt);
		const notResynced = sum(rs.map((r) => r.notResynced));
		const reconnectErrors: Record<string, number> = {};
		for (const r of rs) for (const [k, v] of Object.entries(r.reconnectErrors)) reconnectErrors[k] = (reconnectErrors[k] ?? 0) + v;
		ctx.log(`restart: failed reconnect attempts ${JSON.stringify(reconnectErrors)}`);
		const conv = await Promise.all(ctx.workers.map((w) => w.call('verify.cards', { group: 'rs', expected: [...have] })));
		const resync = new Histogram();
		for (const t of times) resync.record(t);
		// Where the time goes: the socket.io reconnect, the hello's answer, the Yjs sync (each after listening).
		const phase = (k: 'connect' | 'hello' | 'yjs') => {
			const h = new Histogram();
			for (const t of rs.flatMap((r) => r.phases[k])) h.record(Math.max(0, t - listenedAt));
			return h.summary();
		};
		const full = sum(conv.map((c) => c.full));
		const match = sum(conv.map((c) => c.match));
		ctx.results.push(
			result('restart', 'plenum', {
				size: { writers: S.writers, writesPerSecond: S.writers * S.perSecond, durationMs: S.durationMs },
				latency: { ackIncludingOutage: sent.ack, resyncAfterListening: resync.summary(), 'phase:connect': phase('connect'), 'phase:hello': phase('hello'), 'phase:yjs': phase('yjs') },
				counts: { writes: m, acked: acked.length, lostAcked: lost, listeningAfterMs: Math.round(listeningMs), notResynced, fullReplicas: full, fullReplicasConverged: match, retried: acked.filter((r) => (r.attempts ?? 1) > 1).length },
				errors: [...errorsOf(sent.results), ...conv.flatMap((c) => c.mismatches)]
			})
		);
		ctx.goals.push({
			scenario: 'restart',
			goals: [
				goal('0 acknowledged writes lost', lost, 0, ''),
				goal('listening again within 1 s', listeningMs, 1000),
				goal('all clients resynced within 5 s', notResynced ? Infinity : resync.max, 5000)
			],
			note: 'Listening time is measured from spawning `node build/server.mjs` (the bundled server `npm start` runs) to its "running" line: loading the modules, opening the database, the integrity check and the migrations; the pages load just after.'
		});
		ctx.log(`restart: ${acked.length}/${m} acked, lost ${lost}, listening after ${Math.round(listeningMs)} ms, resynced max ${resync.summary().max} ms (${notResynced} not)`);
	} finally {
		await closeGroup(ctx, 'rs');
		await plenum.kill();
	}
}

export type { HistogramData };
