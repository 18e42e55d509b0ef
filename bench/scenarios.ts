import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { Histogram, type HistogramData, type LatencySummary } from './lib/hist';
import { Facilitator } from './lib/facilitator';
import { command, fullReplica, httpJoin, newKey, request } from './lib/clients';
import { goal, measure, merged, validity, type Goal, type RunResult, type WindowStats } from './lib/measure';
import type { Worker } from './lib/pool';
import { now, round2, rssBytes, sleep, waitIdle } from './lib/proc';
import type { JoinResult, Task, TaskResult } from './lib/protocol';
import { startBare, startFloor, startPlenum, tempDir, waitHealthy, type ServerProc } from './lib/servers';
import { BOARD_MAPS } from '../src/lib/features/board/spec';
import { BARCAMP_MAPS } from '../src/lib/features/barcamp/info';
import { HACKATHON_MAPS } from '../src/lib/features/hackathon/info';
import { mulberry32 } from '../src/lib/domain/random';

export type Mode = 'full' | 'quick' | 'smoke';

/** Sizes per mode: the issue's full size, about a tenth for --quick, a few dozen clients for the test suite. */
export function sizes(mode: Mode) {
	const pick = <T>(full: T, quick: T, smoke: T) => (mode === 'full' ? full : mode === 'quick' ? quick : smoke);
	return {
		room: { n: pick(1000, 100, 30), joinMs: pick(5000, 2000, 1500), cardsEach: 3, cardMs: pick(15_000, 3000, 2000), voteMs: 2000, items: pick(50, 20, 10), idleMs: pick(10_000, 1000, 1000), fullEvery: pick(20, 5, 1) },
		coedit: { texts: pick(40, 3, 2), editors: pick(25, 25, 6), periodMs: 5000, durationMs: pick(30_000, 5000, 5000) },
		big: { cards: pick(2000, 200, 40), moves: pick(10_000, 1000, 100), samples: pick(30, 10, 5), sockets: pick(40, 20, 5) },
		idle: { rooms: pick(50, 5, 2), per: pick(100, 40, 10), windowMs: pick(35_000, 2000, 1000) },
		restart: { writers: pick(200, 20, 10), perSecond: 1, durationMs: pick(10_000, 4000, 4000), killAtMs: pick(4000, 1500, 1500) },
		barcamp: { n: pick(600, 60, 20), proposals: pick(40, 40, 28), stormMs: pick(10_000, 10_000, 3000), minStars: 3, maxStars: 8, swaps: 10 },
		hackathon: { n: pick(300, 60, 30), teams: pick(60, 12, 6), max: 5, stormMs: pick(10_000, 10_000, 5000), voteMs: pick(10_000, 5000, 3000) },
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
	/** Index in `workers` of the probe worker (the last one), or null when the run has none. */
	probe: number | null;
}

/**
 * The probe phones: one phone in 10, and whichever a scenario adds (the projector). They live in the probe worker,
 * which runs at normal priority beside the niced bulk: the bulk offers the load (1,000 phones on one harness core),
 * the probes measure what a phone with a CPU of its own would see. Without a probe worker, every phone is bulk.
 */
const PROBE_EVERY = 10;
const PROBE_AT = 5;
const probeExtra = new Set<number>();
export const isProbe = (ctx: Ctx, idx: number) => ctx.probe !== null && (idx % PROBE_EVERY === PROBE_AT || probeExtra.has(idx));

/** The worker that holds a phone (every command and every replica of that phone goes through it). */
export function ownerOf(ctx: Ctx, idx: number): number {
	if (ctx.probe === null) return idx % ctx.workers.length;
	return isProbe(ctx, idx) ? ctx.probe : idx % ctx.probe;
}

/** Items grouped by the worker that holds their phone. */
function byOwner<T extends { idx: number }>(ctx: Ctx, items: T[]): T[][] {
	const per: T[][] = ctx.workers.map(() => []);
	for (const it of items) per[ownerOf(ctx, it.idx)].push(it);
	return per;
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
	if (!(await waitIdle(server.pid, 90_000))) ctx.log(`${server.kind} server still busy after 90 s; measuring anyway`);
}

async function heap(server: ServerProc, stats: WindowStats) {
	stats.server.heapAfterGcBytes = await server.heapAfterGc();
}

/** Sends tasks from each worker (tasks are grouped by the worker that holds the client). */
async function sendAll(ctx: Ctx, group: string, tasks: Task[], opts: { retry?: boolean; deadlineMs?: number; ackTimeoutMs?: number } = {}) {
	const per = byOwner(ctx, tasks);
	const rs = await Promise.all(
		ctx.workers.map((w, i) => w.call('send', { group, tasks: per[i], retry: opts.retry ?? false, deadlineMs: opts.deadlineMs ?? 30_000, ackTimeoutMs: opts.ackTimeoutMs ?? 10_000 }))
	);
	// The probe phones' share apart (what a phone with its own CPU sees), and the bulk's lateness (was the load offered on time?).
	const probe = ctx.probe === null ? null : rs[ctx.probe];
	const bulk = rs.filter((_, i) => i !== ctx.probe);
	return {
		ack: merged(rs.map((r) => r.ack)),
		late: merged(rs.map((r) => r.late)),
		probeAck: probe && probe.results.length ? merged([probe.ack]) : null,
		probeLate: probe && probe.results.length ? merged([probe.late]) : null,
		bulkLate: merged(bulk.map((r) => r.late)),
		results: rs.flatMap((r) => r.results),
		ackData: rs.map((r) => r.ack),
		lateData: rs.map((r) => r.late)
	};
}

/** Joins participants through the real join flow, spread over the workers by index. */
async function joinAll(ctx: Ctx, group: string, url: string, code: string, workshopId: string, idxs: number[], opts: { at?: (i: number) => number; yjs: 'thin' | 'full' | 'none'; fullEvery?: number; retry: boolean; reconnection?: boolean }) {
	const per = byOwner(ctx, idxs.map((idx, i) => ({ idx, at: opts.at?.(i) })));
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
	const probe = ctx.probe === null ? null : rs[ctx.probe];
	return { seen: sum(rs.map((r) => r.seen)), hist: merged(rs.map((r) => r.hist)), probeHist: probe && probe.seen ? merged([probe.hist]) : null, tallies: rs.flatMap((r) => r.tallies), observers: sum(rs.map((r) => r.observers)), complete: sum(rs.map((r) => r.complete)), clients: sum(rs.map((r) => r.clients)) };
}

async function closeGroup(ctx: Ctx, group: string) {
	await Promise.allSettled(ctx.workers.map((w) => w.call('close', { group })));
}

/**
 * Beside the probes' figures (the ones the goals read): the same over all phones, bulk included, and the bulk's
 * send lateness, which says whether the load was offered on schedule. Nothing when the run has no probes.
 */
function allPhones(sent: Awaited<ReturnType<typeof sendAll>>, obs: Awaited<ReturnType<typeof stopObserve>> | null, ackName = 'ack', seenName = 'seenByReplica'): Record<string, LatencySummary> {
	if (!sent.probeAck) return {};
	return { [`${ackName}AllPhones`]: sent.ack, ...(obs?.probeHist ? { [`${seenName}AllPhones`]: obs.hist } : {}), bulkSendLateness: sent.bulkLate };
}

function result(scenario: string, system: RunResult['system'], partial: Partial<RunResult>): RunResult {
	const v = validity(partial.stats ?? null, partial.latency?.sendLateness?.p99 ?? null, partial.latency?.bulkSendLateness?.p99 ?? null);
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
		// The projector is a machine of its own in the hall: a probe.
		probeExtra.add(projIdx);
		await ctx.workers[ownerOf(ctx, projIdx)].call('plenum.projector', { group: 'room', url: plenum.url, workshopId: workshop.id, token, idx: projIdx, yjs: 'full' });

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
			// The projector first, then the phones on the join storm's schedule (the same rate, open loop).
			const tb = now() + 1000;
			const items = [{ idx: projIdx, rooms: ['all', 'projector'], yjsRoom: 'room', projector: true, at: tb - 500 }, ...idxs.map((idx, i) => ({ idx, rooms: ['all'], yjsRoom: 'room', at: tb + (i * S.joinMs) / n }))];
			const conn = await measure(bare, ctx.workers, 'bare-room', () =>
				Promise.all(byOwner(ctx, items).map((part, i) => ctx.workers[i].call('bare.connect', { group: 'bare-room', url: bare.url, items: part, socket: true, yjs: 'thin', fullEvery: S.fullEvery, concurrency: 50 })))
			);
			const cs = joinSummary(conn.value);
			ctx.results.push(result('join storm', 'bare-relay', { size: { participants: n, windowMs: S.joinMs }, latency: { connectToReady: cs.ready }, reach: cs.joined / (n + 1), counts: { connected: cs.joined }, stats: conn.stats }));
			const joinGoals = ctx.goals.find((g) => g.scenario === 'join storm');
			joinGoals?.goals.push(goal('join to ready p99 <= 1.3x bare relay (connect to ready, same schedule)', cs.ready.p99 ? js.ready.p99! / cs.ready.p99 : null, 1.3, 'x'));
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
				latency: { ack: cs.value.probeAck ?? cs.value.ack, seenByReplica: cobs.probeHist ?? cobs.hist, sendLateness: cs.value.probeLate ?? cs.value.late, ...allPhones(cs.value, cobs) },
				reach: expected ? cobs.seen / expected : null,
				counts: { acked: ackedCards.length, committed: committed.length, lostAcked, notAcked: m - ackedCards.length, replicas: cobs.clients, replicasComplete: cobs.complete, fullReplicas: full, fullReplicasConverged: match },
				stats: cs.stats,
				errors: [...errorsOf(cs.value.results), ...conv.flatMap((c) => c.mismatches)]
			})
		);
		ctx.goals.push({
			scenario: 'card storm',
			goals: [goal('ack p99 <= 50 ms', (cs.value.probeAck ?? cs.value.ack).p99, 50), goal('every replica converges', full ? match / full : null, 1, '', 'higher'), goal('0 acknowledged cards lost', lostAcked, 0, ''), goal('reach = 1.0', expected ? cobs.seen / expected : null, 1, '', 'higher')]
		});
		ctx.log(`card storm: ${ackedCards.length}/${m} acked (${committed.length} committed), ack p99 ${cs.value.probeAck?.p99 ?? '–'} ms on the probes (${cs.value.ack.p99} ms all phones, bulk late p99 ${cs.value.bulkLate.p99} ms), seen p99 ${cobs.probeHist?.p99 ?? '–'} ms on the probes (${cobs.hist.p99} ms all), reach ${round2(cobs.seen / expected)}, converged ${match}/${full}`);
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
				latency: { voterAck: vs.value.probeAck ?? vs.value.ack, projectorSeesVote: vote.projector, phoneFinalTallyAfterLastVote: vote.phones, sendLateness: vs.value.probeLate ?? vs.value.late, ...allPhones(vs.value, null, 'voterAck') },
				reach: vote.reach,
				counts: vote.counts,
				stats: vs.stats,
				errors: [...errorsOf(vs.value.results).filter((e) => !(e.endsWith('budget_exhausted') && budgetHeld)), ...vote.errors]
			})
		);
		ctx.log(`vote burst: ack p99 ${vs.value.probeAck?.p99 ?? '–'} ms on the probes (${vs.value.ack.p99} ms all phones, bulk late p99 ${vs.value.bulkLate.p99} ms), projector p99 ${vote.projector.p99} ms, phones final max ${vote.phones.max} ms, lost ${vote.counts.lost}, double ${vote.counts.doubleCounted}`);
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
					latency: { voterAck: bv.value.probeAck ?? bv.value.ack, projectorSeesVote: bobs.probeHist ?? bobs.hist, sendLateness: bv.value.probeLate ?? bv.value.late, ...allPhones(bv.value, bobs, 'voterAck', 'projectorSeesVote') },
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
					latency: { ack: bs.value.probeAck ?? bs.value.ack, seenByReplica: bobs.probeHist ?? bobs.hist, sendLateness: bs.value.probeLate ?? bs.value.late, ...allPhones(bs.value, bobs) },
					reach: expB ? bobs.seen / expB : null,
					counts: { acked: okB },
					stats: bs.stats
				})
			);
		}

		ctx.goals.push({
			scenario: 'vote burst',
			goals: [
				goal('voter ack p99 <= 50 ms', (vs.value.probeAck ?? vs.value.ack).p99, 50),
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

function shuffle<T>(xs: T[], random: () => number): T[] {
	for (let i = xs.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[xs[i], xs[j]] = [xs[j], xs[i]];
	}
	return xs;
}

/** One index by weight among those not taken yet. */
function weightedPick(weights: number[], taken: Set<number>, random: () => number): number {
	let total = 0;
	for (let i = 0; i < weights.length; i++) if (!taken.has(i)) total += weights[i];
	let r = random() * total;
	for (let i = 0; i < weights.length; i++) {
		if (taken.has(i)) continue;
		r -= weights[i];
		if (r <= 0) return i;
	}
	return weights.findLastIndex((_, i) => !taken.has(i));
}

/** The BarCamp's rooms: a hall, seminar rooms, a lab and small rooms; half of them with a projector. */
const CAMP_ROOMS = [
	{ name: 'Aula', capacity: 150, features: ['projector', 'sound'] },
	{ name: 'Room 1', capacity: 60, features: ['projector', 'whiteboard'] },
	{ name: 'Room 2', capacity: 40, features: ['projector'] },
	{ name: 'Room 3', capacity: 40, features: ['whiteboard'] },
	{ name: 'Lab', capacity: 30, features: ['laptops', 'projector'] },
	{ name: 'Library', capacity: 25, features: ['quiet'] },
	{ name: 'Room 4', capacity: 20, features: [] },
	{ name: 'Room 5', capacity: 15, features: [] }
];
const CAMP_TOPICS = ['Robots with Lego', 'Climate data', 'Game jam ideas', 'Music with code', 'Podcasting', 'Start a club', 'Privacy for teens', 'Skateboard physics'];
const CAMP_FORMATS = ['talk', 'discussion', 'workshop', 'other'];
const MIN = 60_000;

/** The grid as the database holds it (the truth the staff see): proposal id to "room|slot". */
function placementsInDb(dataDir: string, campId: string): Record<string, string> {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const rows = db.prepare('select proposal_id as p, room_id as r, slot_id as s from barcamp_placements where camp_id = ?').all(campId) as { p: string; r: string; s: string }[];
		return Object.fromEntries(rows.map((x) => [x.p, `${x.r}|${x.s}`]));
	} finally {
		db.close();
	}
}

/** Stars stored per proposal (read-only, beside the running server). */
function interestInDb(dataDir: string, campId: string): Map<string, number> {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const rows = db.prepare('select proposal_id as p, count(*) as n from barcamp_interest where camp_id = ? group by proposal_id').all(campId) as { p: string; n: number }[];
		return new Map(rows.map((x) => [x.p, x.n]));
	} finally {
		db.close();
	}
}

const sameGrid = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Starts watching every phone's grid (the placements map of its public replica) for `expect`, timed from `since`. */
async function watchGrid(ctx: Ctx, group: string, expect: Record<string, string>, since: number) {
	const rs = await Promise.all(ctx.workers.map((w) => w.call('grid.watch', { group, map: BARCAMP_MAPS.placements, fields: ['roomId', 'slotId'], expect, since })));
	return { watched: sum(rs.map((r) => r.watched)), already: sum(rs.map((r) => r.already)) };
}

/** Waits until every watched phone shows the grid (at most waitMs), then compares every phone with `final`. */
async function stopGrid(ctx: Ctx, group: string, final: Record<string, string>, waitMs = 10_000) {
	const rs = await Promise.all(ctx.workers.map((w) => w.call('grid.stop', { group, waitMs, final })));
	const probe = ctx.probe === null ? null : rs[ctx.probe];
	return {
		hist: merged(rs.map((r) => r.hist)),
		/** The probe phones' latencies (the goals'), null without probes. */
		probeHist: probe && probe.watched ? merged([probe.hist]) : null,
		updates: merged(rs.map((r) => r.updates)),
		watched: sum(rs.map((r) => r.watched)),
		shown: sum(rs.map((r) => r.shown)),
		final: sum(rs.map((r) => r.final)),
		mismatches: rs.flatMap((r) => r.mismatches)
	};
}

/**
 * A BarCamp morning (issue 11, "Benchmark"): a facilitator sets up 8 rooms and 6 session slots around a lunch break,
 * N phones join and propose 40 sessions, then
 * 1. the interest storm: every phone stars 3 to 8 proposals within 10 s, a few proposals far more popular than the
 *    rest; each star is timed from its scheduled send to the first tally the facilitator receives that includes it;
 * 2. publish: the grid is planned and the phase set to `live`, timed to each phone's replica holding every placement;
 * 3. the move: ten swaps sent back to back by the facilitator move 20 sessions, timed from the first send to each
 *    phone's replica holding the whole final grid.
 * Every phone holds a full replica (a real y-websocket provider): the BarCamp's document is small, and each phone's
 * grid is compared with the staff's placements in SQLite at the end.
 */
export async function barcamp(ctx: Ctx) {
	const S = sizes(ctx.mode).barcamp;
	const { n } = S;
	const G = 'camp';
	const dataDir = tempDir();
	const plenum = await startPlenum(dataDir, { profileDir: ctx.profileDir });
	const random = mulberry32(11);
	try {
		ctx.log(`barcamp: Plenum on ${plenum.url} (pid ${plenum.pid}, started in ${Math.round(plenum.startMs)} ms)`);
		const fac = await Facilitator.create(plenum.url, 'Bench: the BarCamp', 2);
		const { workshop } = await fac.meta();
		const campId = (await fac.cmd<{ activityId: string }>('activity:add', { type: 'barcamp', title: 'Bench BarCamp' })).activityId;
		await fac.cmd('activity:activate', { activityId: campId });
		await fac.many(CAMP_ROOMS.map((r) => ({ name: 'barcamp:rooms', payload: { activityId: campId, op: { type: 'add', ...r } } })));
		// Six session slots of 45 minutes from tomorrow 9:00, lunch after the third.
		const day = new Date();
		day.setDate(day.getDate() + 1);
		day.setHours(9, 0, 0, 0);
		let t = day.getTime();
		const slotOps: Record<string, unknown>[] = [];
		for (let i = 0; i < 6; i++) {
			if (i === 3) {
				slotOps.push({ type: 'add', start: t, end: t + 60 * MIN, kind: 'break', label: 'Lunch' });
				t += 60 * MIN;
			}
			slotOps.push({ type: 'add', start: t, end: t + 45 * MIN, kind: 'sessions' });
			t += 60 * MIN;
		}
		await fac.many(slotOps.map((op) => ({ name: 'barcamp:slots', payload: { activityId: campId, op } })));

		// The phones join through the join form, each with a replica of the room's public document.
		const js = joinSummary(await joinAll(ctx, G, plenum.url, workshop.code, workshop.id, Array.from({ length: n }, (_, i) => i), { yjs: 'full', retry: true }));
		if (js.failed.length) throw new Error(`${js.failed.length} phones could not join: ${JSON.stringify(js.reasons)}`);
		ctx.log(`barcamp: ${js.joined} phones joined (join to ready p99 ${js.ready.p99} ms)`);

		// Proposals from phones spread over the room; one in eight needs a projector.
		await fac.cmd('activity:phase', { activityId: campId, phase: 'propose' });
		const P = S.proposals;
		const pfrom = seqRange(P);
		const pstart = now() + 200;
		const ptasks: Task[] = Array.from({ length: P }, (_, k) => ({
			idx: Math.floor((k * n) / P),
			at: pstart + k * 25,
			seq: pfrom + k,
			kind: 'cmd',
			name: 'proposal:create',
			payload: {
				activityId: campId,
				title: `Session ${k + 1}: ${CAMP_TOPICS[k % CAMP_TOPICS.length]}`,
				description: `What session ${k + 1} is about, in two sentences. Bring your questions.`,
				format: CAMP_FORMATS[k % CAMP_FORMATS.length],
				needs: k % 8 === 7 ? ['projector'] : [],
				cohostIds: [],
				anonymous: k % 7 === 3
			}
		}));
		const proposed = await sendAll(ctx, G, ptasks);
		const proposals = proposed.results
			.filter((r) => r.ok)
			.sort((a, b) => a.seq - b.seq)
			.map((r) => r.id!);
		if (proposals.length !== P) throw new Error(`${P - proposals.length} of ${P} proposals refused: ${errorsOf(proposed.results).join(', ')}`);
		const needsProjector = new Set(proposals.filter((_, k) => k % 8 === 7));

		// 1. The interest storm. Popularity is skewed: proposal k of a shuffled order has weight 1/(k+1)^1.2.
		await fac.cmd('activity:phase', { activityId: campId, phase: 'vote' });
		const order = shuffle([...proposals], random);
		const weights = order.map((_, k) => 1 / Math.pow(k + 1, 1.2));
		const stars: { idx: number; item: string }[] = [];
		for (let i = 0; i < n; i++) {
			const k = S.minStars + Math.floor(random() * (S.maxStars - S.minStars + 1));
			const picked = new Set<number>();
			while (picked.size < k) picked.add(weightedPick(weights, picked, random));
			for (const j of picked) stars.push({ idx: i, item: order[j] });
		}
		shuffle(stars, random);
		const m = stars.length;
		const sfrom = seqRange(m);
		const sstart = now() + 1500;
		const stasks: Task[] = stars.map((s, j) => ({ idx: s.idx, at: sstart + (j * S.stormMs) / m, seq: sfrom + j, kind: 'cmd', name: 'interest:set', payload: { proposalId: s.item, on: true } }));
		const itemBySeq = new Map(stars.map((s, j) => [sfrom + j, s.item]));
		const itemOf = (seq: number) => itemBySeq.get(seq)!;
		// The facilitator's laptop (in this process) logs every tally it receives.
		const tallyLog: [number, Record<string, number>][] = [];
		let recording = false;
		fac.sockets[0].on('tally', (msg) => {
			if (recording && msg.activityId === campId) tallyLog.push([now(), { ...msg.counts }]);
		});
		await quiesce(plenum, ctx);
		recording = true;
		const storm = await measure(plenum, ctx.workers, G, async () => {
			const r = await sendAll(ctx, G, stasks);
			await sleep(1000);
			return r;
		});
		await heap(plenum, storm.stats);
		await quiesce(plenum, ctx);
		recording = false;
		const okStars = storm.value.results.filter((r) => r.ok);
		const seen = tallyHits(okStars, commitRanks(dataDir, workshop.id, 'proposalId', 'on'), itemOf, tallyLog);
		const stored = interestInDb(dataDir, campId);
		const { lost, doubled } = lostAndDoubled(storm.value.results, itemOf, stored);
		const sent = new Map<string, number>();
		for (const s of stars) sent.set(s.item, (sent.get(s.item) ?? 0) + 1);
		const final = tallyLog.at(-1)?.[1] ?? {};
		const finalTotal = sum(proposals.map((p) => final[p] ?? 0));
		const wrongFinal = proposals.filter((p) => (final[p] ?? 0) !== (sent.get(p) ?? 0)).length;
		const popularity = proposals.map((p) => sent.get(p) ?? 0).sort((a, b) => b - a);
		const everyStar = wrongFinal === 0 && finalTotal === m;
		ctx.results.push(
			result('barcamp interest storm', 'plenum', {
				size: { participants: n, proposals: P, stars: m, windowMs: S.stormMs },
				latency: { facilitatorSeesStar: seen.hist, ack: storm.value.ack, sendLateness: storm.value.late },
				reach: okStars.length ? (okStars.length - seen.unseen) / okStars.length : null,
				counts: {
					stars: m,
					acked: okStars.length,
					stored: sum([...stored.values()]),
					lost,
					doubleCounted: doubled,
					finalTally: finalTotal,
					proposalsWithWrongFinalTally: wrongFinal,
					voters: final.$voters ?? 0,
					facilitatorTallies: tallyLog.length,
					starsOnTop3: popularity.slice(0, 3).join('/'),
					starsMedian: popularity[Math.floor(popularity.length / 2)],
					starsLeast: popularity.at(-1) ?? 0
				},
				stats: storm.stats,
				errors: [...errorsOf(storm.value.results), ...(everyStar ? [] : [`final tally ${finalTotal} of ${m} stars, ${wrongFinal} proposals off`])]
			})
		);
		ctx.goals.push({
			scenario: 'barcamp interest storm',
			goals: [
				goal('tally to the facilitator p99 <= 100 ms', seen.hist.p99, 100),
				{ goal: 'every star arrived: the final tally equals the stars sent', value: `${finalTotal} of ${m}`, met: everyStar },
				goal('0 acknowledged stars lost', lost, 0, '')
			]
		});
		ctx.log(`barcamp storm: ${okStars.length}/${m} stars acked, facilitator sees p99 ${seen.hist.p99} ms (${seen.unseen} unseen), ack p99 ${storm.value.ack.p99} ms, final tally ${finalTotal}, lost ${lost}`);

		// 2. Plan (staff only) and publish: every phone's replica gets the whole grid.
		await fac.cmd('activity:phase', { activityId: campId, phase: 'plan' });
		const planned = await fac.cmd<{ placed: number; unplaced: number }>('barcamp:plan', { activityId: campId });
		const grid = placementsInDb(dataDir, campId);
		await quiesce(plenum, ctx);
		const pub = await measure(plenum, ctx.workers, G, async () => {
			const t0 = now() + 500;
			const w = await watchGrid(ctx, G, grid, t0);
			await sleep(t0 - now());
			await fac.cmd('activity:phase', { activityId: campId, phase: 'live' });
			return { ...w, late: now() > t0 + 50, shown: await stopGrid(ctx, G, placementsInDb(dataDir, campId)) };
		});
		await heap(plenum, pub.stats);
		const ps = pub.value.shown;
		ctx.results.push(
			result('barcamp publish', 'plenum', {
				size: { participants: n, sessions: Object.keys(grid).length },
				latency: { phoneShowsGrid: ps.probeHist ?? ps.hist, ...(ps.probeHist ? { phoneShowsGridAllPhones: ps.hist } : {}) },
				reach: ps.watched ? ps.shown / ps.watched : null,
				counts: { placed: planned.placed, unplaced: planned.unplaced, phones: n, phonesWithGrid: ps.final, phonesShownInTime: ps.shown, yjsUpdatesPerPhoneMax: ps.updates.max ?? 0 },
				stats: pub.stats,
				errors: [...ps.mismatches, ...(pub.value.already ? [`${pub.value.already} phones showed the grid before it was published`] : [])]
			})
		);
		ctx.log(`barcamp publish: ${planned.placed} sessions placed; ${ps.shown}/${ps.watched} phones show the grid, p99 ${ps.probeHist?.p99 ?? '–'} ms on the probes (${ps.hist.p99} ms all, max ${ps.hist.max} ms)`);

		// 3. The move: ten swaps sent back to back, each exchanging two placed sessions = 20 moved. A swap pairs two
		// sessions without needs, or two that need a projector (both already sit in rooms that have one), so no swap
		// breaks a room's features however many sessions the planner left out.
		const placedWith = (needs: boolean) => shuffle(proposals.filter((p) => needsProjector.has(p) === needs && grid[p]), random);
		const pairs: [string, string][] = [];
		for (const group of [placedWith(false), placedWith(true)])
			for (let i = 0; pairs.length < S.swaps && 2 * i + 1 < group.length; i++) pairs.push([group[2 * i], group[2 * i + 1]]);
		const after = { ...grid };
		for (const [a, b] of pairs) [after[a], after[b]] = [grid[b], grid[a]];
		const moved = Object.keys(after).filter((k) => after[k] !== grid[k]).length;
		await quiesce(plenum, ctx);
		const mv = await measure(plenum, ctx.workers, G, async () => {
			const t0 = now() + 500;
			const w = await watchGrid(ctx, G, after, t0);
			await sleep(t0 - now());
			const sock = fac.sockets[0];
			const acks = await Promise.all(
				pairs.map(([a, b]) => {
					const [roomId, slotId] = grid[b].split('|');
					return command(sock, 'barcamp:place', { key: newKey('f'), proposalId: a, roomId, slotId }, 15_000).then((r) => ({ r, b, at: now() }));
				})
			);
			const truth = placementsInDb(dataDir, campId);
			return { ...w, t0, acks, truth, shown: await stopGrid(ctx, G, truth) };
		});
		await heap(plenum, mv.stats);
		const ms = mv.value.shown;
		const badAcks = mv.value.acks.filter((x) => !x.r.ok || (x.r.data as { swapped: string | null }).swapped !== x.b);
		const lastAck = new Histogram();
		lastAck.record(Math.max(...mv.value.acks.map((x) => x.at)) - mv.value.t0);
		const asPlanned = sameGrid(mv.value.truth, after);
		ctx.results.push(
			result('barcamp move', 'plenum', {
				size: { participants: n, sessionsMoved: moved, commands: pairs.length },
				latency: { phoneShowsMove: ms.probeHist ?? ms.hist, ...(ms.probeHist ? { phoneShowsMoveAllPhones: ms.hist } : {}), lastAck: lastAck.summary() },
				reach: ms.watched ? ms.shown / ms.watched : null,
				counts: { sessionsMoved: moved, swaps: pairs.length, refused: badAcks.length, staffGridAsSent: asPlanned ? 'yes' : 'NO', phones: n, phonesWithStaffGrid: ms.final, phonesShownInTime: ms.shown, yjsUpdatesPerPhoneMax: ms.updates.max ?? 0 },
				stats: mv.stats,
				errors: [
					...ms.mismatches,
					...badAcks.slice(0, 3).map((x) => `swap refused or not a swap: ${JSON.stringify(x.r).slice(0, 120)}`),
					...(asPlanned ? [] : ['the staff grid after the swaps is not the one sent']),
					...(mv.value.already ? [`${mv.value.already} phones showed the moved grid before the move`] : [])
				]
			})
		);
		ctx.goals.push({
			scenario: 'barcamp publish and move',
			goals: [
				goal(`a change moving ${moved} sessions reaches every phone p99 <= 500 ms`, ms.shown < n ? Infinity : (ms.probeHist ?? ms.hist).p99, 500),
				goal('the published grid reaches every phone p99 <= 500 ms', ps.shown < n ? Infinity : (ps.probeHist ?? ps.hist).p99, 500),
				goal("every phone ends with exactly the staff's placements", ms.final / n, 1, '', 'higher')
			],
			note: `The change is ${pairs.length} \`barcamp:place\` swaps sent back to back on one facilitator socket (each exchanges two sessions' room and slot, so ${moved} sessions move), timed from the first send to each phone's replica holding the whole final grid; the publish is the phase change to \`live\`, timed to each phone's replica holding every placement. Every phone holds a full replica (a real y-websocket provider), compared at the end with the placements in SQLite.`
		});
		ctx.log(`barcamp move: ${moved} sessions in ${pairs.length} swaps; ${ms.shown}/${ms.watched} phones show it, p99 ${ms.probeHist?.p99 ?? '–'} ms on the probes (${ms.hist.p99} ms all, max ${ms.hist.max} ms); last ack after ${Math.round(lastAck.summary().max ?? 0)} ms; ${ms.final}/${n} phones hold the staff's grid`);
		fac.close();
	} finally {
		await closeGroup(ctx, G);
		await plenum.kill();
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
 * Commit order per item, from the command receipts (read-only, beside the running server; their rowids follow commit
 * order): the k-th committed command on an item has rank k. A command's receipt is the one whose stored result names
 * the item in `itemField` and carries `marker`.
 */
function commitRanks(dataDir: string, workshopId: string, itemField: string, marker: string): Map<string, number> {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	const rows = db
		.prepare(`select json_extract(result, '$.${itemField}') as item, idem_key as key from command_receipts where workshop_id = ? and json_extract(result, '$.${marker}') is not null order by rowid`)
		.all(workshopId) as { item: string; key: string }[];
	db.close();
	const rank = new Map<string, number>();
	const perItem = new Map<string, number>();
	for (const e of rows) {
		const k = (perItem.get(e.item) ?? 0) + 1;
		perItem.set(e.item, k);
		rank.set(e.key, k);
	}
	return rank;
}

/** Per item, what was acknowledged against what is stored: lost (acknowledged, not stored) and double-counted. */
function lostAndDoubled(results: TaskResult[], itemOf: (seq: number) => string, stored: Map<string, number>) {
	const acked = new Map<string, number>();
	for (const r of results) if (r.ok) acked.set(itemOf(r.seq), (acked.get(itemOf(r.seq)) ?? 0) + 1);
	// A command whose ack timed out may or may not have been committed: it is neither lost nor double.
	const unknown = new Map<string, number>();
	for (const r of results) if (!r.ok && r.error === 'timeout') unknown.set(itemOf(r.seq), (unknown.get(itemOf(r.seq)) ?? 0) + 1);
	let lost = 0;
	let doubled = 0;
	for (const item of new Set([...acked.keys(), ...stored.keys()])) {
		const a = acked.get(item) ?? 0;
		const s = stored.get(item) ?? 0;
		if (s < a) lost += a - s;
		if (s > a + (unknown.get(item) ?? 0)) doubled += s - a - (unknown.get(item) ?? 0);
	}
	return { lost, doubled };
}

/**
 * For counts that only grow: the first tally an observer received whose count for a command's item reaches the
 * command's rank is the first that includes it. Latency from the command's scheduled send; `unseen` never arrived.
 */
function tallyHits(ok: TaskResult[], rank: Map<string, number>, itemOf: (seq: number) => string, log: [number, Record<string, number>][]) {
	const sorted = [...log].sort((a, b) => a[0] - b[0]);
	const hist = new Histogram();
	let unseen = 0;
	for (const r of ok) {
		const k = rank.get(r.key!);
		const item = itemOf(r.seq);
		const hit = k === undefined ? undefined : sorted.find(([, c]) => (c[item] ?? 0) >= k);
		if (hit) hist.record(hit[0] - r.at);
		else unseen++;
	}
	return { hist: hist.summary(), unseen };
}

/**
 * Exact vote accounting: the commit order per item comes from the command receipts (read-only), so the first
 * projector tally whose count for the item reaches a vote's rank is the one that includes that vote.
 */
function analyseVotes(dataDir: string, workshopId: string, results: TaskResult[], itemOf: (seq: number) => string, tallies: { idx: number; projector: boolean; log: [number, number | Record<string, number>][] }[]) {
	// A vote's receipt is the one whose result names an item and the dots left.
	const rank = commitRanks(dataDir, workshopId, 'itemId', 'remaining');
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	const stored = db.prepare(`select item_id as item, sum(count) as n from votes group by item_id`).all() as { item: string; n: number }[];
	db.close();
	const ok = results.filter((r) => r.ok);
	const { lost, doubled } = lostAndDoubled(results, itemOf, new Map(stored.map((s) => [s.item, s.n])));
	const proj = (tallies.find((t) => t.projector)?.log ?? []) as [number, Record<string, number>][];
	proj.sort((a, b) => a[0] - b[0]);
	const { hist: projector, unseen } = tallyHits(ok, rank, itemOf, proj);
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
		projector,
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
			for (let e = 0; e < editors; e++) cookies.push(`plenum_p_${w.value.id}=${repos.workshops.createParticipant(w.value.id, `Editor ${e}`, Date.now())!.token}`);
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
	/** Connects every editor (on the worker that will send its edits, `ownerOf`). */
	const connect = async (group: string, kind: 'plenum' | 'bare', url: string, item: (i: number) => { workshopId: string; entity: string; cookie?: string }) => {
		const per = byOwner(ctx, Array.from({ length: total }, (_, i) => ({ idx: i, ...item(i) })));
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
				latency: { remotePeerSees: obs.probeHist ?? obs.hist, sendLateness: r.value.probeLate ?? r.value.late, ...allPhones(r.value, obs, 'ack', 'remotePeerSees') },
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
	let projectorCounts = { pages: 0, inPage: 0, visible: 0 };
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
				const p = await projectorLoad(ctx.chromium, `${plenum.url}/projector/${token}`);
				projectorMs = p.pagedMs;
				projectorFirstMs = p.firstMs;
				projectorCounts = { pages: p.pages, inPage: p.inPage, visible: p.visible };
				if (p.pagedMs === null) projectorNote = `the projector never knew its page count (${p.inPage} of ${S.cards} cards in the page, ${p.visible} on screen)`;
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
				counts: { publicDocBytes: publicBytes, staffDocBytes: staffBytes, syncDownloadBytes: sync.value.bytes, resyncReplyBytes, cardsInDoc, projectorFirstCardMs: projectorFirstMs === null ? 'n/a' : Math.round(projectorFirstMs), projectorBoardPagedMs: projectorMs === null ? 'n/a' : Math.round(projectorMs), projectorPages: projectorCounts.pages, projectorCardsInPage: projectorCounts.inPage, projectorCardsOnScreen: projectorCounts.visible },
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
				goal('projector has paged the whole board in Chromium <= 1 s', projectorMs, 1000),
				goal('projector shows its first cards in Chromium <= 1 s', projectorFirstMs, 1000)
			],
			note: projectorNote || undefined
		});
		ctx.log(`big board: public doc ${publicBytes} B, staff doc ${staffBytes} B, sync p95 ${hist.p95} ms, projector first card ${projectorFirstMs === null ? 'n/a' : Math.round(projectorFirstMs)} ms, board paged ${projectorMs === null ? projectorNote : `${Math.round(projectorMs)} ms (${projectorCounts.pages} pages)`}`);
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
 * Opens the projector page in headless Chromium: the time until the first card is on screen, and until the whole
 * board is paged (the projector has measured every card and knows its page count: the `plenum:board-paged` mark).
 * A board too big for one screen is shown a page at a time, and only that page is in the DOM, so "every card in
 * the page" is no longer what the room waits for; the page count is (the pager shows once it is known).
 */
async function projectorLoad(executablePath: string, url: string): Promise<{ firstMs: number; pagedMs: number | null; pages: number; inPage: number; visible: number }> {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		const res = await request(url);
		if (res.status !== 200) throw new Error(`projector page answered HTTP ${res.status}`);
		const t0 = now();
		await page.goto(url, { waitUntil: 'commit' });
		await page.waitForFunction(() => /Big card \d{4}/.test(document.body?.innerText ?? ''), undefined, { polling: 'raf', timeout: 20_000 });
		const firstMs = now() - t0;
		let pagedMs: number | null = null;
		try {
			await page.waitForFunction(() => performance.getEntriesByName('plenum:board-paged').length > 0, undefined, { polling: 'raf', timeout: 10_000 });
			pagedMs = now() - t0;
		} catch {
			/* never paged within 10 s: reported as n/a */
		}
		const [inPage, visible, pages] = await page.evaluate(() => [
			(document.body.textContent?.match(/Big card \d{4}/g) ?? []).length,
			(document.body.innerText.match(/Big card \d{4}/g) ?? []).length,
			Number((performance.getEntriesByName('plenum:board-paged')[0] as PerformanceMark | undefined)?.detail ?? 0)
		]);
		return { firstMs, pagedMs, pages, inPage, visible };
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
		const rss0 = rssBytes(plenum.pid) ?? 0;
		for (const [r, w] of metas.entries()) {
			const js = joinSummary(await joinAll(ctx, 'idle', plenum.url, w.code, w.id, Array.from({ length: S.per }, (_, i) => r * S.per + i), { yjs: 'full', retry: true }));
			if (js.failed.length) ctx.errors.push(`idle: ${js.failed.length} joins failed: ${JSON.stringify(js.reasons)}`);
		}
		await sleep(2000);
		const win = await measure(plenum, ctx.workers, 'idle', () => sleep(S.windowMs));
		const heap1 = await plenum.heapAfterGc();
		win.stats.server.heapAfterGcBytes = heap1;
		perHeap = heap0 !== null && heap1 !== null ? (heap1 - heap0) / total : null;
		// RSS at both ends right after the forced GC (rss0 above too): read at the window's end without one, it counted
		// the garbage and the young generation grown by the joins, not what the phones keep (about 49 against 23 KiB
		// per phone in bench/micro/idle-memory.ts; the bare relay 36.6 against 17.5).
		const rss1 = rssBytes(plenum.pid) ?? win.stats.server.rssBytes;
		perRss = (rss1 - rss0) / total;
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
		const rss0 = rssBytes(bare.pid) ?? 0;
		const items = Array.from({ length: total }, (_, i) => ({ idx: i, rooms: [`r${Math.floor(i / S.per)}`], yjsRoom: `r${Math.floor(i / S.per)}` }));
		await Promise.all(byOwner(ctx, items).map((part, i) => ctx.workers[i].call('bare.connect', { group: 'idle-bare', url: bare.url, items: part, socket: true, yjs: 'full', fullEvery: 0, concurrency: 50 })));
		await sleep(2000);
		const win = await measure(bare, ctx.workers, 'idle-bare', () => sleep(S.windowMs));
		const heap1 = await bare.heapAfterGc();
		win.stats.server.heapAfterGcBytes = heap1;
		const rss1 = rssBytes(bare.pid) ?? win.stats.server.rssBytes;
		ctx.results.push(
			result('idle rooms', 'bare-relay', {
				size: { rooms: S.rooms, perRoom: S.per },
				counts: {
					heapPerParticipantBytes: heap0 !== null && heap1 !== null ? Math.round((heap1 - heap0) / total) : 'n/a',
					rssPerParticipantBytes: Math.round((rss1 - rss0) / total),
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

// ---------------------------------------------------------------------------------------------------------------
// The hackathon (issue 15, "Benchmark")

/** Members per team in SQLite (read-only, beside the running server). */
function teamSizesInDb(db: Database.Database, hackId: string): Map<string, number> {
	const rows = db.prepare('select team_id as t, count(*) as n from hackathon_members where hack_id = ? group by team_id').all(hackId) as { t: string; n: number }[];
	return new Map(rows.map((r) => [r.t, r.n]));
}

/**
 * Commit order per team of the audience votes, from the command receipts (their rowids follow commit order): the
 * k-th committed vote for a team has rank k. Only the receipts of `keys` (the votes sent) are read.
 */
function voteRanks(dataDir: string, workshopId: string, keys: Set<string>): { rank: Map<string, number>; teamOf: Map<string, string> } {
	const db = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
	const rows = db.prepare(`select json_extract(result, '$.teamId') as team, idem_key as key from command_receipts where workshop_id = ? order by rowid`).all(workshopId) as { team: string | null; key: string }[];
	db.close();
	const rank = new Map<string, number>();
	const teamOf = new Map<string, string>();
	const per = new Map<string, number>();
	for (const r of rows) {
		if (!keys.has(r.key) || r.team === null) continue;
		const k = (per.get(r.team) ?? 0) + 1;
		per.set(r.team, k);
		rank.set(r.key, k);
		teamOf.set(r.key, r.team);
	}
	return { rank, teamOf };
}

/**
 * A hackathon's first morning and its audience vote (issue 15, "Benchmark"): N phones join the workshop (each with a
 * thin replica of the room's document: the same frames as a provider, counted, not applied); one phone in five
 * creates a team (the teams' founders, before the clock starts), then
 * 1. the team storm: every other phone taps "join" within 10 s, on a team drawn with a skew (a few teams far more
 *    wanted than the rest), so popular teams fill and later taps are refused as full; in the last 3 s each refused
 *    phone taps a team that still has a place. Each tap is timed from its scheduled send to its answer (joined or
 *    refused). The teams' sizes are read from SQLite every 50 ms during the storm and watched on the facilitator's
 *    staff document, so a team over its limit at any moment would be seen;
 * 2. the audience vote: the vote opens in Pitch and every phone votes within 10 s for a team not its own (skewed
 *    too); each vote is timed from its scheduled send to the first tally the facilitator receives that includes it
 *    (the commit order per team comes from the command receipts).
 */
export async function hackathon(ctx: Ctx) {
	const S = sizes(ctx.mode).hackathon;
	const { n, teams: T, max } = S;
	const G = 'hack';
	const dataDir = tempDir();
	const plenum = await startPlenum(dataDir, { profileDir: ctx.profileDir });
	const random = mulberry32(15);
	let poll: ReturnType<typeof setInterval> | null = null;
	let reader: Database.Database | null = null;
	try {
		ctx.log(`hackathon: Plenum on ${plenum.url} (pid ${plenum.pid}, started in ${Math.round(plenum.startMs)} ms)`);
		const fac = await Facilitator.create(plenum.url, 'Bench: the hackathon', 2);
		const { workshop } = await fac.meta();
		const hackId = (await fac.cmd<{ activityId: string }>('activity:add', { type: 'hackathon', title: 'Bench hackathon' })).activityId;
		await fac.cmd('activity:activate', { activityId: hackId });
		await fac.cmd('hackathon:settings', { activityId: hackId, settings: { minTeamSize: 1, maxTeamSize: max, multiTeam: false } });
		await fac.cmd('activity:phase', { activityId: hackId, phase: 'teams' });

		const js = joinSummary(await joinAll(ctx, G, plenum.url, workshop.code, workshop.id, Array.from({ length: n }, (_, i) => i), { yjs: 'thin', retry: true }));
		if (js.failed.length) throw new Error(`${js.failed.length} phones could not join: ${JSON.stringify(js.reasons)}`);
		ctx.log(`hackathon: ${js.joined} phones joined (join to ready p99 ${js.ready.p99} ms)`);

		// The founders: phone k * n / T + 1 creates team k (not timed; the + 1 leaves the probe phones, 10 k + 5, among the joiners).
		const founders = Array.from({ length: T }, (_, k) => Math.floor((k * n) / T) + 1);
		const cfrom = seqRange(T);
		const cstart = now() + 200;
		const created = await sendAll(ctx, G, founders.map((idx, k) => ({ idx, at: cstart + k * 20, seq: cfrom + k, kind: 'cmd', name: 'team:create', payload: { activityId: hackId, name: `Team ${k + 1}`, challengeId: null } })));
		const teamIds = created.results.filter((r) => r.ok).sort((a, b) => a.seq - b.seq).map((r) => r.id!);
		if (teamIds.length !== T) throw new Error(`${T - teamIds.length} of ${T} teams not created: ${errorsOf(created.results).join(', ')}`);
		const teamOfPhone = new Map(founders.map((idx, k) => [idx, teamIds[k]]));

		// Watch every team's size: SQLite every 50 ms, and the staff document on every change.
		reader = new Database(path.join(dataDir, 'plenum.sqlite'), { readonly: true, fileMustExist: true });
		let maxInDb = 0;
		let polls = 0;
		const db = reader;
		const pollOnce = () => {
			polls++;
			for (const size of teamSizesInDb(db, hackId).values()) maxInDb = Math.max(maxInDb, size);
		};
		let maxOnStaffDoc = 0;
		let staffUpdates = 0;
		const staffTeams = (await fac.staffDoc()).getMap(HACKATHON_MAPS.teams);
		staffTeams.observe((e) => {
			for (const key of e.keysChanged) {
				const team = staffTeams.get(key) as { activityId: string; members: string[] } | undefined;
				if (!team || team.activityId !== hackId) continue;
				staffUpdates++;
				maxOnStaffDoc = Math.max(maxOnStaffDoc, team.members.length);
			}
		});

		// 1. The team storm. Team k is wanted with weight 1/(k+1)^0.9 (shuffled), so the first ones fill at once.
		const joiners = shuffle(Array.from({ length: n }, (_, i) => i).filter((i) => !teamOfPhone.has(i)), random);
		const wanted = shuffle([...teamIds], random);
		const weights = wanted.map((_, k) => 1 / Math.pow(k + 1, 0.9));
		const firstMs = S.stormMs - 3000;
		const jfrom = seqRange(joiners.length * 2);
		const pick = (except = new Set<number>()) => wanted[weightedPick(weights, except, random)];
		await quiesce(plenum, ctx);
		pollOnce();
		poll = setInterval(pollOnce, 50);
		const t0 = now() + 1500;
		const storm = await measure(plenum, ctx.workers, G, async () => {
			const first = await sendAll(ctx, G, joiners.map((idx, j) => ({ idx, at: t0 + (j * firstMs) / joiners.length, seq: jfrom + j, kind: 'cmd', name: 'team:join', payload: { teamId: pick() } })));
			// The refused phones try again, each on a team with a place left (as the phone's list of teams shows them).
			const placesLeft = new Map(teamIds.map((t) => [t, max - 1]));
			for (const r of first.results) if (r.ok) placesLeft.set(r.id!, placesLeft.get(r.id!)! - 1);
			const open = teamIds.flatMap((t) => Array.from({ length: Math.max(0, placesLeft.get(t)!) }, () => t));
			shuffle(open, random);
			const refused = first.results.filter((r) => !r.ok).sort((a, b) => a.seq - b.seq);
			const t1 = Math.max(now() + 50, t0 + firstMs);
			const second = await sendAll(
				ctx,
				G,
				refused.slice(0, open.length).map((r, j) => ({ idx: r.idx!, at: t1 + (j * 2500) / Math.max(1, refused.length), seq: jfrom + joiners.length + j, kind: 'cmd', name: 'team:join', payload: { teamId: open[j] } }))
			);
			await sleep(500);
			return { first, second };
		});
		clearInterval(poll);
		poll = null;
		pollOnce();
		await heap(plenum, storm.stats);
		const answers = [...storm.value.first.results, ...storm.value.second.results];
		const answerHist = (probeOnly: boolean) => {
			const h = new Histogram();
			for (const r of answers) if (r.ackAt !== undefined && (!probeOnly || isProbe(ctx, r.idx!))) h.record(r.ackAt - r.at);
			return h.summary();
		};
		const joinAnswer = answerHist(ctx.probe !== null);
		const joinAnswerAll = answerHist(false);
		for (const r of answers) if (r.ok) teamOfPhone.set(r.idx!, r.id!);
		const sizesAtEnd = teamSizesInDb(reader, hackId);
		const members = sum([...sizesAtEnd.values()]);
		const fullTeams = [...sizesAtEnd.values()].filter((s) => s === max).length;
		const fullRefusals = answers.filter((r) => !r.ok && r.error === 'team_full').length;
		const otherErrors = answers.filter((r) => !r.ok && r.error !== 'team_full');
		const neverOver = maxInDb <= max && maxOnStaffDoc <= max;
		const spanMs = Math.round(Math.max(...answers.map((r) => r.ackAt ?? 0)) - t0);
		ctx.results.push(
			result('hackathon team storm', 'plenum', {
				size: { participants: n, teams: T, maxTeamSize: max, windowMs: S.stormMs },
				latency: { joinAnswer, ...(ctx.probe !== null ? { joinAnswerAllPhones: joinAnswerAll } : {}), joinAckOk: merged([...storm.value.first.ackData, ...storm.value.second.ackData]), sendLateness: merged([storm.value.first.lateData, storm.value.second.lateData].flat()) },
				reach: members / n,
				counts: {
					taps: answers.length,
					joined: answers.filter((r) => r.ok).length,
					refusedFull: fullRefusals,
					otherErrors: otherErrors.length,
					membersAtEnd: members,
					phonesInATeam: teamOfPhone.size,
					fullTeams,
					largestTeamInDb: maxInDb,
					largestTeamOnStaffDoc: maxOnStaffDoc,
					neverOverLimit: neverOver ? 'yes' : 'no',
					dbPolls: polls,
					staffDocTeamUpdates: staffUpdates,
					lastAnswerAfterMs: spanMs
				},
				stats: storm.stats,
				errors: [...errorsOf(otherErrors), ...(neverOver ? [] : [`a team had ${Math.max(maxInDb, maxOnStaffDoc)} members (limit ${max})`]), ...(members === n ? [] : [`${members} of ${n} phones in a team at the end`])]
			})
		);
		ctx.goals.push({
			scenario: 'hackathon team storm',
			goals: [
				goal('join answer p99 <= 50 ms', joinAnswer.p99, 50),
				{ goal: `no team ever over its limit of ${max}`, value: `largest ${Math.max(maxInDb, maxOnStaffDoc)} (${polls} reads of SQLite, ${staffUpdates} staff-document updates)`, met: neverOver },
				{ goal: `all ${n} phones in one of ${T} teams`, value: `${members} of ${n} (last answer after ${spanMs} ms)`, met: members === n }
			],
			note: `${T} founders create the teams before the clock starts; the other ${joiners.length} phones tap "join" within ${firstMs / 1000} s on a team drawn with weight 1/(k+1)^0.9, and each phone refused as full taps a team with a place left within the next 2.5 s. The answer (joined or refused) is timed from the tap's scheduled send${ctx.probe !== null ? ', on the probe phones (all phones beside it)' : ''}.`
		});
		ctx.log(`hackathon storm: ${members}/${n} in teams, ${fullRefusals} refused as full, answer p50 ${joinAnswer.p50} ms p99 ${joinAnswer.p99} ms, largest team ${Math.max(maxInDb, maxOnStaffDoc)} of ${max}`);

		// 2. The audience vote, in Pitch: every phone votes for a team not its own.
		await fac.cmd('activity:phase', { activityId: hackId, phase: 'pitch' });
		await fac.cmd('hackathon:voting', { activityId: hackId, open: true });
		const vfrom = seqRange(n);
		const voters = shuffle(Array.from({ length: n }, (_, i) => i), random);
		const votedFor = new Map<number, string>();
		for (const idx of voters) {
			const own = teamOfPhone.get(idx);
			const ownAt = own === undefined ? -1 : wanted.indexOf(own);
			votedFor.set(idx, wanted[weightedPick(weights, new Set(ownAt >= 0 ? [ownAt] : []), random)]);
		}
		const tallyLog: [number, Record<string, number>][] = [];
		let recording = false;
		fac.sockets[0].on('tally', (msg) => {
			if (recording && msg.activityId === hackId) tallyLog.push([now(), { ...msg.counts }]);
		});
		await quiesce(plenum, ctx);
		recording = true;
		const v0 = now() + 1500;
		const vtasks: Task[] = voters.map((idx, j) => ({ idx, at: v0 + (j * S.voteMs) / n, seq: vfrom + j, kind: 'cmd', name: 'hackathon:vote', payload: { teamId: votedFor.get(idx)! } }));
		const vote = await measure(plenum, ctx.workers, G, async () => {
			const r = await sendAll(ctx, G, vtasks);
			await sleep(1000);
			return r;
		});
		await heap(plenum, vote.stats);
		await quiesce(plenum, ctx);
		recording = false;
		const okVotes = vote.value.results.filter((r) => r.ok);
		const { rank, teamOf } = voteRanks(dataDir, workshop.id, new Set(okVotes.map((r) => r.key!)));
		const bySeq = new Map(vtasks.map((t) => [t.seq, t.payload!.teamId as string]));
		const itemOf = (seq: number) => bySeq.get(seq)!;
		const seenAll = tallyHits(okVotes, rank, itemOf, tallyLog);
		const seenProbe = ctx.probe !== null ? tallyHits(okVotes.filter((r) => isProbe(ctx, r.idx!)), rank, itemOf, tallyLog) : null;
		const stored = new Map((reader.prepare('select team_id as t, count(*) as n from hackathon_votes where hack_id = ? group by team_id').all(hackId) as { t: string; n: number }[]).map((r) => [r.t, r.n]));
		const { lost, doubled } = lostAndDoubled(vote.value.results, itemOf, stored);
		const final = tallyLog.at(-1)?.[1] ?? {};
		const finalTotal = sum(teamIds.map((t) => final[t] ?? 0));
		const wrongTeam = okVotes.filter((r) => teamOf.get(r.key!) !== itemOf(r.seq)).length;
		const everyVote = finalTotal === okVotes.length && okVotes.length === n;
		const counted = seenProbe ?? seenAll;
		ctx.results.push(
			result('hackathon audience vote', 'plenum', {
				size: { participants: n, teams: T, windowMs: S.voteMs },
				latency: { facilitatorSeesVote: counted.hist, ...(seenProbe ? { facilitatorSeesVoteAllPhones: seenAll.hist } : {}), ack: vote.value.ack, sendLateness: vote.value.late, ...allPhones(vote.value, null) },
				reach: okVotes.length ? (okVotes.length - seenAll.unseen) / okVotes.length : null,
				counts: {
					votes: n,
					acked: okVotes.length,
					stored: sum([...stored.values()]),
					lost,
					doubleCounted: doubled,
					votesOnAnotherTeam: wrongTeam,
					finalTally: finalTotal,
					voters: final.$voters ?? 0,
					facilitatorTallies: tallyLog.length
				},
				stats: vote.stats,
				errors: [...errorsOf(vote.value.results), ...(everyVote ? [] : [`final tally ${finalTotal} of ${okVotes.length} acknowledged votes (${n} sent)`])]
			})
		);
		ctx.goals.push({
			scenario: 'hackathon audience vote',
			goals: [
				goal("facilitator's count p99 <= 100 ms", counted.hist.p99, 100),
				{ goal: 'every vote counted once: the final tally equals the votes sent', value: `${finalTotal} of ${n}`, met: everyVote && lost === 0 && doubled === 0 }
			],
			note: `${n} phones vote within ${S.voteMs / 1000} s, each for a team not its own; a vote is timed from its scheduled send to the first tally the facilitator's laptop receives whose count for that team reaches the vote's commit rank${seenProbe ? ' (probe phones; all phones beside it)' : ''}.`
		});
		ctx.log(`hackathon vote: ${okVotes.length}/${n} acked, facilitator sees p50 ${counted.hist.p50} ms p99 ${counted.hist.p99} ms (${seenAll.unseen} unseen), final tally ${finalTotal}, voters ${final.$voters ?? 0}`);
		fac.close();
	} finally {
		if (poll) clearInterval(poll);
		reader?.close();
		await closeGroup(ctx, G);
		await plenum.kill();
	}
}
