// Which cores the server under test and the harness run on (issue 13, item 1).
// On a machine of 2 cores, server and load generator would otherwise share both, and a busy harness takes CPU
// from the server it measures (or the other way round). With pinning, every server this run starts (Plenum and
// the bare baselines) runs on the server's cores, and the orchestrator, its workers and Chromium on the others.
// Node's helper threads (GC, libuv pool, the checkpoint worker) inherit their process's cores.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface Pinning {
	/** taskset core list of the servers under test, e.g. "0"; null = not pinned. */
	server: string | null;
	/** taskset core list of the orchestrator, its workers and Chromium, e.g. "1". */
	harness: string | null;
	/** How many cores the harness has (for its saturation threshold). */
	harnessCores: number;
}

let pinning: Pinning = { server: null, harness: null, harnessCores: os.cpus().length };

export const currentPinning = (): Pinning => pinning;

const count = (list: string) =>
	list.split(',').reduce((n, part) => {
		const [a, b] = part.split('-').map(Number);
		return n + (b === undefined ? 1 : b - a + 1);
	}, 0);

/**
 * Pins this process (all its threads) to the harness cores; the workers it forks and the browsers it launches
 * inherit them. Servers started later get `server` through `serverPrefix()`. Returns the pinning, or null when
 * this machine cannot (one core, or no taskset).
 */
export function pin(server: string, harness: string): Pinning | null {
	try {
		execFileSync('taskset', ['-a', '-p', '-c', harness, String(process.pid)], { stdio: 'ignore' });
	} catch {
		return null;
	}
	pinning = { server, harness, harnessCores: count(harness) };
	return pinning;
}

/** The default split: the server on core 0, the harness on the rest (null on a machine of one core). */
export function defaultSplit(): { server: string; harness: string } | null {
	const n = os.cpus().length;
	if (n < 2) return null;
	return { server: '0', harness: n === 2 ? '1' : `1-${n - 1}` };
}

/** The command prefix that starts a server on the server cores (empty when not pinned). */
export const serverPrefix = (): string[] => (pinning.server ? ['taskset', '-c', pinning.server] : []);

/** The cores a process may run on, as the kernel says (/proc/<pid>/status Cpus_allowed_list). */
export function allowedCores(pid: number): string | null {
	try {
		return /Cpus_allowed_list:\s*(\S+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
	} catch {
		return null;
	}
}
