import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serverPrefix } from './cores';
import { heapAfterGc } from './inspector';
import { now, sleep } from './proc';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every server this process started: none may outlive the harness, whatever way it ends. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** The token the benchmark's Plenum server takes for resetting its /healthz statistics (HEALTHZ_RESET_TOKEN). */
const BENCH_RESET_TOKEN = 'bench-reset';

/** Plenum's own count and handling time (decoded command to acknowledgement) of commands, from /healthz. */
export interface CommandStats {
	count: number;
	p50Ms?: number;
	p99Ms?: number;
	maxMs?: number;
}

/** A server under test in its own process, reachable on loopback, inspectable from outside. */
export interface ServerProc {
	kind: 'plenum' | 'bare' | 'floor';
	pid: number;
	port: number;
	url: string;
	inspectorUrl: string | null;
	child: ChildProcess;
	/** Milliseconds from spawn until it accepted connections. */
	startMs: number;
	/** The last lines it wrote on stdout and stderr (for a crash report). */
	stderrTail(): string;
	/** Heap in use after forced GC, through the inspector. */
	heapAfterGc(): Promise<number | null>;
	/** Event-loop delay p99 and max (ms) since the last reset; resets the monitor when asked. */
	eventLoop(reset?: boolean): Promise<{ p99Ms: number; maxMs: number; commands?: CommandStats | null } | null>;
	kill(signal?: NodeJS.Signals): Promise<void>;
}

const temps: string[] = [];
process.on('exit', () => removeTemporaryFiles());

/** Removes the data folders and the app snapshot this process made (also done at exit). */
export function removeTemporaryFiles() {
	for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A fresh temporary folder (a server's data, a seed file), removed when the harness exits. */
export function tempDir(prefix = 'plenum-bench-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	temps.push(dir);
	return dir;
}

interface StartOpts {
	cwd?: string;
	port?: number;
	env?: Record<string, string>;
	profileDir?: string;
	inspect?: boolean;
	/** Run TypeScript through tsx (the baselines); Plenum runs its bundle, as `npm start` does. */
	tsx?: boolean;
}

function startProcess(kind: ServerProc['kind'], args: string[], opts: StartOpts, readyRe: RegExp): Promise<ServerProc> {
	const execArgv: string[] = [];
	if (opts.inspect !== false) execArgv.push('--inspect=127.0.0.1:0');
	if (opts.profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`);
	const t0 = now();
	if (opts.tsx !== false) execArgv.push('--import', 'tsx');
	// On the server's cores when the run is pinned (taskset execs node: the pid is the server's own).
	const prefix = serverPrefix();
	const child = spawn(prefix[0] ?? process.execPath, [...prefix.slice(1), ...(prefix.length ? [process.execPath] : []), ...execArgv, ...args], {
		cwd: opts.cwd ?? ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port ?? 0), LOG_LEVEL: 'warn', HEALTHZ_RESET_TOKEN: BENCH_RESET_TOKEN, ...opts.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	let stderr = '';
	let stdout = '';
	let inspectorUrl: string | null = null;
	let ready = false;
	child.stderr!.on('data', (d) => {
		stderr = (stderr + d).slice(-8000);
		const m = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
		if (m) inspectorUrl = m[1];
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${kind} server did not start in 60 s: ${stderr.slice(-2000)}`));
		}, 60_000);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${kind} server exited (${code ?? signal}) before listening: ${stderr.slice(-2000)}`));
		});
		child.stdout!.on('data', (d) => {
			stdout = (stdout + d).slice(-8000);
			if (ready) return;
			const m = readyRe.exec(stdout);
			if (!m) return;
			ready = true;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			const port = Number(m[1]);
			const url = `http://127.0.0.1:${port}`;
			const statsPath = kind === 'plenum' ? '/healthz' : '/stats';
			const proc: ServerProc = {
				kind,
				pid: child.pid!,
				port,
				url,
				inspectorUrl,
				child,
				startMs: now() - t0,
				stderrTail: () => `${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
				async heapAfterGc() {
					if (!inspectorUrl) return null;
					try {
						return await heapAfterGc(inspectorUrl);
					} catch {
						return null;
					}
				},
				async eventLoop(reset = false) {
					try {
						const body = JSON.parse(await httpGet(`${url}${statsPath}${reset ? `?reset=${kind === 'plenum' ? BENCH_RESET_TOKEN : '1'}` : ''}`)) as { eventLoop?: { p99Ms: number; maxMs: number }; commands?: CommandStats | null };
						return body.eventLoop ? { ...body.eventLoop, commands: body.commands ?? null } : null;
					} catch {
						return null;
					}
				},
				kill: (signal = 'SIGTERM') =>
					new Promise<void>((r) => {
						if (child.exitCode !== null || child.signalCode !== null) return r();
						const t = setTimeout(() => child.kill('SIGKILL'), 8000);
						child.once('exit', () => (clearTimeout(t), r()));
						child.kill(signal);
					})
			};
			child.stdout!.resume();
			resolve(proc);
		});
	});
}

let snapshot: string | null = null;

/**
 * A private copy of the built app and the server's sources, taken once per run: on a shared checkout another
 * `vite build` replaces build/ under a running server (its route chunks vanish and pages answer 500), and edits
 * to server/ or src/ would change the code under test halfway through a run.
 */
export function appSnapshot(): string {
	if (snapshot && fs.existsSync(snapshot)) return snapshot;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-snapshot-'));
	for (const part of ['build', 'server', 'src', 'drizzle', 'package.json', 'tsconfig.json']) fs.cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	fs.mkdirSync(path.join(dir, '.svelte-kit'));
	if (fs.existsSync(path.join(ROOT, '.svelte-kit/tsconfig.json'))) fs.cpSync(path.join(ROOT, '.svelte-kit/tsconfig.json'), path.join(dir, '.svelte-kit/tsconfig.json'));
	temps.push(dir);
	return (snapshot = dir);
}

/** The real Plenum server (built SvelteKit app, socket.io, Yjs) as `npm start` runs it, from the run's snapshot. */
export function startPlenum(dataDir: string, opts: StartOpts = {}): Promise<ServerProc> {
	const app = appSnapshot();
	return startProcess('plenum', ['--enable-source-maps', path.join(app, 'build/server.mjs')], { ...opts, tsx: false, cwd: app, env: { DATA_DIR: dataDir, ...opts.env } }, /running on http:\/\/localhost:(\d+)/);
}

/** The bare baselines: a socket.io relay and a y-websocket server on one port. */
export function startBare(opts: StartOpts & { seedFile?: string } = {}): Promise<ServerProc> {
	return startProcess('bare', ['bench/baselines/bare-server.ts'], { ...opts, env: { ...(opts.seedFile ? { SEED_FILE: opts.seedFile } : {}), ...opts.env } }, /BARE LISTENING (\d+)/);
}

/** The floor: a bare ws echo server. */
export function startFloor(): Promise<ServerProc> {
	return startProcess('floor', ['bench/baselines/echo-server.ts'], { inspect: false }, /ECHO LISTENING (\d+)/);
}

/** A GET on loopback, resolving to the body (rejects on a network error or after 5 s). */
export function httpGet(url: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { timeout: 5000 }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve(body));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
	});
}

/** Polls a URL until it answers 200, returning the milliseconds it took (or null after `limitMs`). */
export async function waitHealthy(url: string, limitMs = 10_000): Promise<number | null> {
	const t0 = now();
	while (now() - t0 < limitMs) {
		try {
			await httpGet(url);
			return now() - t0;
		} catch {
			await sleep(10);
		}
	}
	return null;
}
