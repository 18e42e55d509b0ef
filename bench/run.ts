// `npm run bench [-- --quick] [--only room,coedit,big,idle,restart,barcamp,hackathon] [--workers N] [--profile] [--no-baselines] [--no-nice] [--no-pin] [--no-probe]`
// Runs the load benchmark against the real server (and the bare baselines) on loopback and writes
// bench/results/<date>.json and .md. Nothing here asserts a timing: it measures and reports.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdown, type Report } from './lib/report';
import { startWorkers, stopWorkers } from './lib/pool';
import { now } from './lib/proc';
import { defaultSplit, pin } from './lib/cores';
import { ROOT } from './lib/servers';
import { pageWeight } from './page-weight';
import { barcamp, bigBoard, coedit, floor, hackathon, idle, restart, room, type Ctx, type Mode } from './scenarios';

const SCENARIOS = { floor, room, coedit, big: bigBoard, idle, restart, barcamp, hackathon } as const;
type Name = keyof typeof SCENARIOS;

export interface BenchOptions {
	mode: Mode;
	only?: Name[];
	workers?: number;
	profile?: boolean;
	baselines?: boolean;
	outDir?: string;
	chromium?: string | null;
	quiet?: boolean;
	/** Niceness of the harness workers (default 10, so the server under test gets the CPU first; 0 = equal). */
	nice?: number;
	/** Skip building the app first (the caller did). */
	noBuild?: boolean;
	/** Measure latencies on probe phones in a worker of their own at normal priority (default: yes). */
	probe?: boolean;
	/** Pin the servers under test to one core and the harness to the others (`npm run bench` does unless --no-pin; a caller such as the smoke test does not, since it would pin its own process). */
	pin?: boolean;
}

/** Builds the app when build/ is missing or stale (the join flow and the projector need it). */
export function ensureBuild() {
	execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** Runs the benchmark and returns the report (also written to outDir when given). */
export async function runBench(opts: BenchOptions): Promise<Report> {
	const started = now();
	const log = opts.quiet ? () => {} : (m: string) => console.log(`[bench ${((now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
	if (!opts.noBuild) ensureBuild();
	// Right after the build, before anyone else's build can replace .svelte-kit/output on a shared checkout.
	let weights = null;
	let weightError: string | null = null;
	try {
		weights = pageWeight();
	} catch (e) {
		weightError = `page weight: ${(e as Error).message}`;
	}
	const date = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
	// Profiles are large: they go to the temporary folder, not into the repository.
	const profileDir = opts.profile ? path.join(os.tmpdir(), `plenum-profiles-${date}`) : undefined;
	if (profileDir) {
		fs.mkdirSync(profileDir, { recursive: true });
		log(`CPU profiles of every server go to ${profileDir} (read them with bench/profile-summary.ts)`);
	}
	// Before the workers fork, so that they (and Chromium) inherit the harness cores.
	const split = opts.pin ? defaultSplit() : null;
	const pinning = split ? pin(split.server, split.harness) : null;
	if (pinning) log(`servers under test on core ${pinning.server}, harness on core ${pinning.harness}`);
	const nice = opts.nice ?? 10;
	const workers = await startWorkers(opts.workers ?? (opts.mode === 'full' ? 3 : 2), { nice, probe: opts.probe !== false });
	const ctx: Ctx = {
		mode: opts.mode,
		workers,
		profileDir,
		log,
		results: [],
		goals: [],
		errors: [],
		probe: opts.probe !== false ? workers.length - 1 : null,
		baselines: opts.baselines !== false,
		chromium: opts.chromium === undefined ? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null) : opts.chromium
	};
	const order: Name[] = ['floor', 'room', 'coedit', 'big', 'idle', 'restart', 'barcamp', 'hackathon'];
	const load = os.loadavg().map((l) => Math.round(l * 100) / 100);
	try {
		for (const name of order) {
			if (opts.only && !opts.only.includes(name)) continue;
			log(`${name} ...`);
			try {
				await SCENARIOS[name](ctx);
			} catch (e) {
				const msg = `${name}: ${String((e as Error).stack ?? e).slice(0, 1500)}`;
				ctx.errors.push(msg);
				log(`FAILED ${msg}`);
			}
		}
	} finally {
		stopWorkers(workers);
	}
	if (weightError) ctx.errors.push(weightError);
	const report: Report = {
		date,
		mode: opts.mode,
		machine: { cpus: os.cpus()[0]?.model ?? '?', cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, os: `${os.type()} ${os.release()}`, loadAvgAtStart: load, harnessNice: nice, pinning: pinning ? { server: pinning.server, harness: pinning.harness } : undefined },
		command: `npm run bench${opts.mode !== 'full' || opts.only || process.env.BENCH_ONE_IP || !opts.pin || opts.probe === false ? ' --' : ''}${opts.mode === 'full' ? '' : ` --${opts.mode}`}${opts.only ? ` --only ${opts.only.join(',')}` : ''}${process.env.BENCH_ONE_IP ? ' --one-ip' : ''}${opts.pin ? '' : ' --no-pin'}${opts.probe === false ? ' --no-probe' : ''}`,
		durationS: Math.round((now() - started) / 1000),
		results: ctx.results,
		goals: ctx.goals,
		pageWeight: weights,
		errors: ctx.errors,
		valid: ctx.results.every((r) => r.valid)
	};
	if (opts.outDir) {
		fs.mkdirSync(opts.outDir, { recursive: true });
		const base = path.join(opts.outDir, `${date}${opts.mode === 'full' ? '' : `-${opts.mode}`}`);
		fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
		fs.writeFileSync(`${base}.md`, markdown(report));
		log(`wrote ${path.relative(ROOT, base)}.json and .md`);
	}
	return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	// Ctrl-C or a timeout: exit, so that the exit hook ends every server and worker this run started.
	for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
	const argv = process.argv.slice(2);
	const arg = (name: string) => {
		const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
		if (i < 0) return undefined;
		return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
	};
	// The whole hall behind one address (one NAT), as when Plenum is hosted on the internet.
	if (argv.includes('--one-ip')) process.env.BENCH_ONE_IP = '1';
	const only = arg('--only')?.split(',') as Name[] | undefined;
	for (const o of only ?? []) if (!(o in SCENARIOS)) throw new Error(`unknown scenario ${o}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
	const report = await runBench({
		mode: argv.includes('--quick') ? 'quick' : argv.includes('--smoke') ? 'smoke' : 'full',
		only,
		workers: arg('--workers') ? Number(arg('--workers')) : undefined,
		profile: argv.includes('--profile'),
		baselines: !argv.includes('--no-baselines'),
		noBuild: argv.includes('--no-build'),
		nice: argv.includes('--no-nice') ? 0 : undefined,
		pin: !argv.includes('--no-pin'),
		probe: !argv.includes('--no-probe'),
		outDir: path.join(ROOT, 'bench/results')
	});
	console.log('\n' + markdown(report));
	// Bounded: whatever is still open (a stuck socket) must not keep the process alive.
	setTimeout(() => process.exit(report.errors.length ? 1 : 0), 500).unref();
}
