import { Histogram, type HistogramData, type LatencySummary } from './hist';
import type { Worker } from './pool';
import { round2, Window } from './proc';
import type { CommandStats, ServerProc } from './servers';
import { allowedCores, currentPinning } from './cores';
import type { Traffic } from './clients';

/** What one measured window of one system (Plenum or a baseline) says about the server and the harness. */
export interface WindowStats {
	seconds: number;
	server: { cpuCores: number; rssBytes: number; peakRssBytes: number; eventLoopP99Ms: number | null; eventLoopMaxMs: number | null; heapAfterGcBytes?: number | null; commands?: CommandStats | null };
	harness: { workers: { cpuCores: number; loopP99Ms: number }[]; cpuCoresMax: number; cpuCoresTotal: number; loopP99MsMax: number; saturated: boolean; machineBusy: number };
	/** The cores the kernel let the server and the harness workers use during the window (Cpus_allowed_list). */
	cores?: { server: string | null; harness: string | null };
	rates: { inMsgsPerS: number; inBytesPerS: number; outMsgsPerS: number; outBytesPerS: number };
	traffic: Traffic;
}

/** A harness worker that uses most of a core, or whose event loop lags, cannot keep its schedule: the run is invalid. */
export const SATURATED_CPU = 0.9;
export const SATURATED_LOOP_MS = 100;
/** Sends that leave this much after their scheduled time (p99) mean the harness could not keep its schedule. */
export const LATE_SEND_MS = 50;

/** Runs `fn` inside a measured window: server CPU and RSS from /proc, event-loop delay, harness CPU and traffic. */
export async function measure<T>(server: ServerProc, workers: Worker[], group: string, fn: () => Promise<T>): Promise<{ value: T; stats: WindowStats }> {
	await server.eventLoop(true);
	await Promise.all(workers.map((w) => w.call('window.start', {})));
	const pids: Record<string, number> = { server: server.pid };
	for (const w of workers) pids[`w${w.index}`] = w.pid;
	const win = new Window(pids);
	const value = await fn();
	const ws = win.stop();
	const wstats = await Promise.all(workers.map((w) => w.call('window.stop', {})));
	const el = await server.eventLoop();
	const traffic: Traffic = { rxFrames: 0, rxBytes: 0, txFrames: 0, txBytes: 0 };
	for (const s of wstats) {
		const t = s.traffic[group];
		if (!t) continue;
		traffic.rxFrames += t.rxFrames;
		traffic.rxBytes += t.rxBytes;
		traffic.txFrames += t.txFrames;
		traffic.txBytes += t.txBytes;
	}
	const workerCpu = workers.map((w, i) => ({ cpuCores: ws.procs[`w${w.index}`].cpuCores, loopP99Ms: round2(wstats[i].loopP99Ms) }));
	const cpuCoresMax = Math.max(0, ...workerCpu.map((w) => w.cpuCores));
	const cpuCoresTotal = round2(workerCpu.reduce((a, w) => a + w.cpuCores, 0));
	// Pinned, the workers share the harness cores: together they may not use more than 0.9 of them.
	const { harness, harnessCores } = currentPinning();
	const sharedFull = harness !== null && cpuCoresTotal > SATURATED_CPU * harnessCores;
	const loopP99MsMax = Math.max(0, ...workerCpu.map((w) => w.loopP99Ms));
	// With a probe worker, the latencies are the probes': a lagging bulk loop only delays the bulk's own observations
	// (and, where the bulk sends, shows as its send lateness, checked apart); the probe's loop must keep up.
	const probeLoops = workers.flatMap((w, i) => (w.probe ? [workerCpu[i].loopP99Ms] : []));
	const loopLimited = probeLoops.length ? Math.max(...probeLoops) : loopP99MsMax;
	const sec = ws.seconds || 1;
	return {
		value,
		stats: {
			seconds: ws.seconds,
			server: {
				cpuCores: ws.procs.server.cpuCores,
				rssBytes: ws.procs.server.rssBytes,
				peakRssBytes: ws.procs.server.peakRssBytes,
				eventLoopP99Ms: el ? round2(el.p99Ms) : null,
				eventLoopMaxMs: el ? round2(el.maxMs) : null,
				commands: el?.commands ?? null
			},
			harness: {
				workers: workerCpu,
				cpuCoresMax,
				cpuCoresTotal,
				loopP99MsMax,
				saturated: cpuCoresMax > SATURATED_CPU || sharedFull || loopLimited > SATURATED_LOOP_MS,
				machineBusy: ws.machineBusy
			},
			cores: { server: allowedCores(server.pid), harness: workers[0] ? allowedCores(workers[0].pid) : null },
			rates: {
				inMsgsPerS: Math.round(traffic.txFrames / sec),
				inBytesPerS: Math.round(traffic.txBytes / sec),
				outMsgsPerS: Math.round(traffic.rxFrames / sec),
				outBytesPerS: Math.round(traffic.rxBytes / sec)
			},
			traffic
		}
	};
}

/** Merges histograms from several workers and summarises them. */
export function merged(list: (HistogramData | undefined)[]): LatencySummary {
	const h = new Histogram();
	for (const d of list) if (d) h.merge(d);
	return h.summary();
}

/** A goal of the issue and whether this run met it. */
export interface Goal {
	goal: string;
	value: string;
	met: boolean | null;
}

export const goal = (name: string, value: number | null | undefined, limit: number, unit = 'ms', better: 'lower' | 'higher' = 'lower'): Goal => ({
	goal: name,
	value: value === null || value === undefined || Number.isNaN(value) ? 'n/a' : `${round2(value)} ${unit}`.trim(),
	met: value === null || value === undefined || Number.isNaN(value) ? null : better === 'lower' ? value <= limit : value >= limit
});

/** One system's result in one scenario. */
export interface RunResult {
	scenario: string;
	system: 'plenum' | 'bare-relay' | 'bare-yws' | 'ws-floor';
	size: Record<string, number>;
	latency: Record<string, LatencySummary>;
	reach: number | null;
	counts: Record<string, number | string>;
	stats: WindowStats | null;
	valid: boolean;
	invalidReason?: string;
	errors: string[];
}

/**
 * The bulk phones (the load, not the measurement: see the probes in scenarios.ts) may send this late at p99: a
 * command up to one projection flush late (100 ms in a room of 1,000) still lands in the same second, so the
 * offered rate is the scheduled one; later than that, the load itself was not offered on schedule.
 */
export const BULK_LATE_SEND_MS = 100;

/** Marks a result invalid when the harness could not keep up. */
export function validity(stats: WindowStats | null, lateP99: number | null = null, bulkLateP99: number | null = null): { valid: boolean; invalidReason?: string } {
	if (lateP99 !== null && lateP99 > LATE_SEND_MS) return { valid: false, invalidReason: `harness late (send lateness p99 ${lateP99} ms)` };
	if (bulkLateP99 !== null && bulkLateP99 > BULK_LATE_SEND_MS) return { valid: false, invalidReason: `load offered late (bulk send lateness p99 ${bulkLateP99} ms)` };
	if (!stats) return { valid: true };
	if (stats.harness.saturated)
		return { valid: false, invalidReason: `harness saturated (worker CPU max ${stats.harness.cpuCoresMax} / total ${stats.harness.cpuCoresTotal} cores, loop p99 ${stats.harness.loopP99MsMax} ms)` };
	return { valid: true };
}
