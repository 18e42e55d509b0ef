#!/usr/bin/env node
// `npm test`: Chromium check, typecheck, build, Vitest (unit + integration), Playwright. Ends with one line
// "N passed, N failed". Options: --only unit|integration|e2e|typecheck (repeatable or comma-separated),
// --keep-going (run the later independent steps after a failure instead of stopping).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'test-results', 'reports');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITES = ['typecheck', 'unit', 'integration', 'e2e'];

// ---- arguments ----
const argv = process.argv.slice(2);
const only = new Set();
let keepGoing = false;
for (let i = 0; i < argv.length; i++) {
	const a = argv[i];
	if (a === '--keep-going') keepGoing = true;
	else if (a === '--only' || a.startsWith('--only=')) {
		const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
		for (const s of (v ?? '').split(',').filter(Boolean)) only.add(s);
	} else if (a === '--help' || a === '-h') {
		console.log('usage: npm test [-- --only unit|integration|e2e|typecheck] [--keep-going]');
		process.exit(0);
	} else {
		console.error(`Unknown argument: ${a}`);
		console.log('0 passed, 1 failed');
		process.exit(2);
	}
}
for (const s of only) {
	if (!SUITES.includes(s)) {
		console.error(`Unknown suite for --only: ${s} (choose from ${SUITES.join(', ')})`);
		console.log('0 passed, 1 failed');
		process.exit(2);
	}
}
const wants = (suite) => only.size === 0 || only.has(suite);

// ---- helpers ----
/** The children running now (two while the benchmark's smoke run goes beside the other Vitest files). */
const current = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		for (const child of current) child.kill(sig);
		console.log(`\nInterrupted by ${sig}.`);
		process.exitCode = 130;
	});
}

/**
 * Runs a command with the console attached, or with its output in the file `log` (printed by the caller); resolves to
 * its exit code (1 if it could not start).
 */
function run(cmd, args, opts = {}) {
	const { log, ...spawnOpts } = opts;
	return new Promise((resolve) => {
		console.log(`\n$ ${[cmd, ...args].join(' ')}${log ? ` (output kept for later: ${path.relative(root, log)})` : ''}`);
		const out = log ? fs.openSync(log, 'w') : 'inherit';
		const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', out, out], ...spawnOpts, env: { ...process.env, ...spawnOpts.env } });
		current.add(child);
		const done = (code) => {
			current.delete(child);
			if (log) fs.closeSync(out);
			resolve(code);
		};
		child.on('error', (err) => {
			console.error(`Could not start ${cmd}: ${err.message}`);
			done(1);
		});
		child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
	});
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function banner(title) {
	console.log(`\n${'='.repeat(72)}\n== ${title}\n${'='.repeat(72)}`);
}

function portFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

// ---- steps: each returns { passed, failed, note } ----
async function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return { passed: 0, failed: 0, note: CHROMIUM };
	console.log(`${CHROMIUM} is missing: installing Debian's chromium package.`);
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const script = 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core';
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	const code = isRoot ? await run('bash', ['-c', script], { env }) : await run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'bash', '-c', script]);
	if (code === 0 && fs.existsSync(CHROMIUM)) return { passed: 0, failed: 0, note: 'installed' };
	console.error(
		`\nCould not install Chromium (${isRoot ? 'apt-get' : 'sudo apt-get'} exited ${code}).\n` +
			`Install it yourself with:  sudo apt-get update && sudo apt-get install -y chromium\n` +
			`or point CHROMIUM_PATH at a Chromium binary. The end-to-end tests need it.`
	);
	return { passed: 0, failed: 1, note: 'Chromium missing' };
}

/** svelte-check and tsc, then the module seam's import rule (dependency-cruiser, .dependency-cruiser.cjs): two checks. */
async function typecheck() {
	const types = (await run('npm', ['run', 'check'])) === 0;
	const imports = (await run('npm', ['run', 'check:imports'])) === 0;
	return { passed: Number(types) + Number(imports), failed: Number(!types) + Number(!imports) };
}

/** One Vitest run of these projects, its JSON report in `name`.json: passed and failed tests. */
async function vitestRun(projects, name, label) {
	const file = path.join(reports, `${name}.json`);
	fs.rmSync(file, { force: true });
	const args = ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
	const log = label ? path.join(reports, `${name}.log`) : undefined;
	const code = await run(bin('vitest'), args, log ? { log } : {});
	if (log) {
		console.log(`\n---- ${label} (ran beside the other Vitest files) ----`);
		process.stdout.write(fs.readFileSync(log, 'utf8'));
	}
	const r = readJson(file);
	if (!r) return { passed: 0, failed: 1, note: `no report from ${projects.join(' + ')} (exit ${code})` };
	let failed = r.numFailedTests ?? 0;
	// A file that fails to load has no failed test inside it: count the file.
	for (const f of r.testResults ?? []) {
		if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) failed++;
	}
	if (code !== 0 && failed === 0) return { passed: r.numPassedTests ?? 0, failed: 1, note: `${projects.join(' + ')}: exit ${code} (errors outside tests)` };
	return { passed: r.numPassedTests ?? 0, failed };
}

/**
 * Vitest. The benchmark's smoke run (its own servers and clients for about 80 s, asserting correctness only) runs in a
 * second Vitest process beside the others instead of after them: Vitest runs the integration files one at a time, and
 * cannot put a project beside them in the same run.
 */
async function vitest(projects) {
	const beside = projects.includes('bench-smoke') && projects.length > 1;
	const main = beside ? projects.filter((p) => p !== 'bench-smoke') : projects;
	const runs = [vitestRun(main, 'vitest')];
	if (beside) runs.push(vitestRun(['bench-smoke'], 'vitest-bench-smoke', 'bench-smoke'));
	const results = await Promise.all(runs);
	return {
		passed: results.reduce((n, r) => n + r.passed, 0),
		failed: results.reduce((n, r) => n + r.failed, 0),
		note: results.map((r) => r.note).filter(Boolean).join('; ') || undefined
	};
}

async function build() {
	const code = await run('npm', ['run', 'build']);
	return code === 0 ? { passed: 0, failed: 0 } : { passed: 0, failed: 1, note: `exit ${code}` };
}

async function e2e() {
	const file = path.join(reports, 'e2e.json');
	fs.rmSync(file, { force: true });
	const port = (await portFree(4173)) ? 4173 : await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-'));
	console.log(`End-to-end server: http://127.0.0.1:${port}, data in ${dataDir}`);
	const code = await run(bin('playwright'), ['test', '--reporter=list,json'], {
		env: { PLAYWRIGHT_JSON_OUTPUT_FILE: file, PLENUM_E2E_PORT: String(port), PLENUM_E2E_DATA_DIR: dataDir }
	});
	const r = readJson(file);
	if (code === 0) fs.rmSync(dataDir, { recursive: true, force: true });
	else console.log(`Kept the end-to-end data folder for inspection: ${dataDir}`);
	if (!r?.stats) return { passed: 0, failed: 1, note: `no report (exit ${code})` };
	const passed = (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
	let failed = r.stats.unexpected ?? 0;
	let note;
	if (passed + failed === 0) {
		failed = 1;
		note = 'no end-to-end test ran';
	} else if (code !== 0 && failed === 0) {
		failed = 1;
		note = `exit ${code} (${(r.errors ?? []).length} errors outside tests)`;
	}
	return { passed, failed, note };
}

// ---- pipeline ----
// The benchmark's smoke run is an integration test in a project of its own (it runs beside the other integration files).
const vitestProjects = ['unit', 'integration'].filter(wants).flatMap((p) => (p === 'integration' ? ['integration', 'bench-smoke'] : [p]));
const steps = [
	{ name: 'chromium', run: ensureChromium, when: wants('e2e') },
	{ name: 'typecheck', run: typecheck, when: wants('typecheck') },
	// The build comes before Vitest: the benchmark smoke test (integration) runs the built server, and finds it built.
	{ name: 'build', run: build, when: wants('e2e') || wants('integration') },
	{ name: `vitest (${vitestProjects.join(' + ')})`, run: () => vitest(vitestProjects), when: vitestProjects.length > 0 },
	{ name: 'e2e', run: e2e, when: wants('e2e'), needs: ['chromium', 'build'] }
].filter((s) => s.when);

fs.mkdirSync(reports, { recursive: true });
const results = [];
const failedSteps = new Set();
const started = Date.now();
for (const step of steps) {
	const blocked = keepGoing ? (step.needs ?? []).filter((n) => failedSteps.has(n)) : failedSteps.size > 0 ? [...failedSteps] : [];
	if (blocked.length > 0 || process.exitCode === 130) {
		results.push({ name: step.name, passed: 0, failed: 0, note: 'skipped', skipped: true, seconds: 0 });
		continue;
	}
	banner(step.name);
	const t = Date.now();
	let r;
	try {
		r = await step.run();
	} catch (err) {
		console.error(err);
		r = { passed: 0, failed: 1, note: `crashed: ${err instanceof Error ? err.message : err}` };
	}
	results.push({ name: step.name, ...r, seconds: Math.round((Date.now() - t) / 1000) });
	if (r.failed > 0) failedSteps.add(step.name.split(' ')[0]);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.filter((r) => r.skipped).length;
banner(`summary (${Math.round((Date.now() - started) / 1000)} s)`);
for (const r of results) {
	const state = r.skipped ? 'SKIP' : r.failed > 0 ? 'FAIL' : 'ok  ';
	console.log(`${state}  ${r.name.padEnd(32)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${String(r.seconds).padStart(4)} s${r.note ? `  (${r.note})` : ''}`);
}
if (skipped > 0) console.log(`${skipped} step(s) skipped after a failure${keepGoing ? '' : ' (use --keep-going to run them anyway)'}.`);
if (passed + failed === 0) console.log('No test ran.');
if (failed > 0 || skipped > 0 || passed + failed === 0) process.exitCode ||= 1;
console.log(`${passed} passed, ${failed} failed`);
