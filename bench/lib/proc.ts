import fs from 'node:fs';
import { execSync } from 'node:child_process';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on this machine. */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let clkTck = 100;
try {
	clkTck = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
} catch {
	/* Linux default */
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / clkTck;
	} catch {
		return null;
	}
}

/**
 * Waits until a process is idle again (CPU under 5 % of a core over half a second, at most `limitMs`), so that one
 * load's backlog does not spill into the next measurement. False when it was still busy at the limit.
 */
export async function waitIdle(pid: number, limitMs: number): Promise<boolean> {
	const t0 = now();
	while (now() - t0 < limitMs) {
		const a = cpuSeconds(pid);
		await sleep(500);
		const b = cpuSeconds(pid);
		if (a === null || b === null || b - a < 0.025) return true;
	}
	return false;
}

/** Resident set size in bytes, from /proc/<pid>/status; null when the process is gone. */
export function rssBytes(pid: number): number | null {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
	const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
	const v = line.trim().split(/\s+/).slice(1).map(Number);
	const idle = v[3] + (v[4] ?? 0);
	const total = v.reduce((a, b) => a + b, 0);
	return { busy: total - idle, total };
}

/** Measures CPU (in cores) and peak RSS of some processes, and the whole machine's load, over a window. */
export class Window {
	private start = now();
	private cpu0 = new Map<number, number>();
	private peak = new Map<number, number>();
	private m0 = machineTicks();
	private timer: NodeJS.Timeout;

	constructor(private pids: Record<string, number>) {
		for (const pid of Object.values(pids)) {
			this.cpu0.set(pid, cpuSeconds(pid) ?? 0);
			this.peak.set(pid, rssBytes(pid) ?? 0);
		}
		this.timer = setInterval(() => {
			for (const pid of Object.values(pids)) this.peak.set(pid, Math.max(this.peak.get(pid) ?? 0, rssBytes(pid) ?? 0));
		}, 250);
	}

	/** Ends the window: seconds elapsed, CPU cores used and peak RSS per named process, machine busy fraction. */
	stop() {
		clearInterval(this.timer);
		const seconds = (now() - this.start) / 1000;
		const m1 = machineTicks();
		const procs: Record<string, { cpuCores: number; cpuSeconds: number; rssBytes: number; peakRssBytes: number }> = {};
		for (const [name, pid] of Object.entries(this.pids)) {
			const used = Math.max(0, (cpuSeconds(pid) ?? this.cpu0.get(pid)!) - this.cpu0.get(pid)!);
			const rss = rssBytes(pid) ?? 0;
			procs[name] = { cpuCores: round2(used / seconds), cpuSeconds: round2(used), rssBytes: rss, peakRssBytes: Math.max(rss, this.peak.get(pid) ?? 0) };
		}
		const machineBusy = m1.total > this.m0.total ? (m1.busy - this.m0.busy) / (m1.total - this.m0.total) : 0;
		return { seconds: round2(seconds), procs, machineBusy: round2(machineBusy) };
	}
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
