import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Op, OpArgs, OpResult } from './protocol';

/** A harness worker process, driven over IPC. */
export class Worker {
	private next = 0;
	private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	readonly ready: Promise<void>;

	constructor(
		readonly index: number,
		readonly child: ChildProcess,
		/** The probe worker (see startWorkers). */
		readonly probe = false
	) {
		this.ready = new Promise((resolve, reject) => {
			child.once('exit', (code) => reject(new Error(`worker ${index} exited (${code}) before it was ready`)));
			child.on('message', (m: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
				if (m.ready) return resolve();
				const w = this.waiting.get(m.id!);
				if (!w) return;
				this.waiting.delete(m.id!);
				if (m.error) w.reject(new Error(`worker ${index}: ${m.error}`));
				else w.resolve(m.result);
			});
		});
		child.on('exit', (code) => {
			for (const w of this.waiting.values()) w.reject(new Error(`worker ${index} exited (${code})`));
			this.waiting.clear();
		});
	}

	get pid() {
		return this.child.pid!;
	}

	call<K extends Op>(op: K, args: OpArgs[K]): Promise<OpResult[K]> {
		const id = ++this.next;
		if (this.child.exitCode !== null || this.child.signalCode !== null || !this.child.connected) return Promise.reject(new Error(`worker ${this.index} is gone`));
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.child.send({ id, op, args });
		});
	}
}

/**
 * Forks `n` worker processes (each a separate Node process with its own event loop and core share), plus, with
 * `probe`, one more at the end: the probe worker, which holds the few phones whose latency the scenarios measure
 * (see `ownerOf` in scenarios.ts). It runs at normal priority while the bulk runs at `nice`: a phone has a CPU of
 * its own, so the probes must not queue behind the 1,000 simulated phones that share the harness core with them.
 */
export async function startWorkers(n: number, opts: { maxLifetimeMs?: number; nice?: number; probe?: boolean } = {}): Promise<Worker[]> {
	const file = path.join(import.meta.dirname, '..', 'worker.ts');
	const env = { ...process.env, ...(opts.maxLifetimeMs ? { BENCH_WORKER_MAX_MS: String(opts.maxLifetimeMs) } : {}) };
	const total = n + (opts.probe ? 1 : 0);
	// BENCH_PROFILE_WORKERS=<dir>: each worker writes a CPU profile there when it exits (where the harness's time goes).
	const prof = process.env.BENCH_PROFILE_WORKERS ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_WORKERS}`] : [];
	const workers = Array.from({ length: total }, (_, i) => new Worker(i, fork(file, [], { execArgv: ['--import', 'tsx', ...prof], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }), i >= n));
	// The load generator yields the CPU to the server under test (niceness 10): on a 2-core machine that holds both,
	// the scheduler would otherwise split the cores evenly between the server and the workers, which a server with a
	// machine of its own never sees. The workers' own lateness is still measured and can mark a run invalid.
	if (opts.nice) for (const w of workers.slice(0, n)) os.setPriority(w.pid, opts.nice);
	await Promise.all(workers.map((w) => w.ready));
	return workers;
}

/** Ends the workers (they also exit on their own when the IPC channel closes). */
export function stopWorkers(workers: Worker[]) {
	for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
}

/** Splits items round-robin over the workers. */
export function split<T>(items: T[], n: number): T[][] {
	const out: T[][] = Array.from({ length: n }, () => []);
	items.forEach((it, i) => out[i % n].push(it));
	return out;
}
