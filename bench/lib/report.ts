import type { Goal, RunResult } from './measure';
import type { RouteWeight } from '../page-weight';
import type { LatencySummary } from './hist';

/** Everything one invocation of the benchmark found. */
export interface Report {
	date: string;
	mode: string;
	machine: { cpus: string; cores: number; memGiB: number; node: string; os: string; loadAvgAtStart: number[]; harnessNice?: number; pinning?: { server: string | null; harness: string | null } };
	command: string;
	durationS: number;
	results: RunResult[];
	goals: { scenario: string; goals: Goal[]; note?: string }[];
	pageWeight: RouteWeight[] | null;
	errors: string[];
	valid: boolean;
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v}`);
const kib = (b: number | undefined) => (b === undefined || b === null ? '–' : `${Math.round(b / 1024)}`);
const mib = (b: number | undefined) => (b === undefined || b === null ? '–' : `${Math.round(b / 1048576)}`);

/** The main latency of a result (what its scenario is about). */
function mainLatency(r: RunResult): [string, LatencySummary] | null {
	const order = ['projectorSeesVote', 'facilitatorSeesStar', 'phoneShowsGrid', 'phoneShowsMove', 'seenByReplica', 'remotePeerSees', 'joinToReady', 'connectToReady', 'newClientSynced', 'roundTrip', 'resyncAfterListening'];
	for (const k of order) if (r.latency[k]) return [k, r.latency[k]];
	const first = Object.entries(r.latency)[0];
	return first ?? null;
}

/** The results as Markdown: the latency table, the server table, the goals, page weight and errors. */
export function markdown(rep: Report): string {
	const L: string[] = [];
	L.push(`# Plenum benchmark, ${rep.date} (${rep.mode})`, '');
	L.push(`Machine: ${rep.machine.cores} cores (${rep.machine.cpus}), ${rep.machine.memGiB} GiB, Node ${rep.machine.node}, ${rep.machine.os}; load average at start ${rep.machine.loadAvgAtStart.join(' / ')}; harness workers at niceness ${rep.machine.harnessNice ?? 0}; ${rep.machine.pinning?.server ? `servers under test pinned to core ${rep.machine.pinning.server}, orchestrator, workers and Chromium to core ${rep.machine.pinning.harness} (taskset)` : 'not pinned: servers and harness share every core'}.`);
	L.push(`Command: \`${rep.command}\`; took ${rep.durationS} s. ${rep.valid ? 'Every run valid.' : '**Some runs are invalid (harness saturated): see the "valid" column.**'}`, '');
	L.push('## Latency and reach', '');
	L.push('| scenario | system | measured | p50 | p90 | p99 | p99.9 | max | ack p99 | reach | valid |');
	L.push('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of rep.results) {
		const m = mainLatency(r);
		const ack = r.latency.ack ?? r.latency.voterAck;
		L.push(
			`| ${r.scenario} | ${r.system} | ${m ? m[0] : '–'} | ${ms(m?.[1].p50)} | ${ms(m?.[1].p90)} | ${ms(m?.[1].p99)} | ${ms(m?.[1].p999)} | ${ms(m?.[1].max)} | ${ms(ack?.p99)} | ${r.reach === null ? '–' : r.reach.toFixed(4)} | ${r.valid ? 'yes' : `no: ${r.invalidReason}`} |`
		);
	}
	L.push('', 'Latencies in ms, from the scheduled send time (open loop) to the moment the observer saw it.', '');
	L.push('## Server and harness', '');
	L.push('| scenario | system | server CPU (cores) | RSS MiB | heap after GC MiB | loop p99 ms | command p99 / max ms | msgs/s in | msgs/s out | KiB/s in | KiB/s out | harness CPU max / total | machine busy | cores server / harness |');
	L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of rep.results) {
		const s = r.stats;
		if (!s) continue;
		L.push(
			`| ${r.scenario} | ${r.system} | ${s.server.cpuCores} | ${mib(s.server.rssBytes)} | ${s.server.heapAfterGcBytes ? mib(s.server.heapAfterGcBytes) : '–'} | ${ms(s.server.eventLoopP99Ms)} | ${s.server.commands?.count ? `${s.server.commands.p99Ms} / ${s.server.commands.maxMs}` : '–'} | ${s.rates.inMsgsPerS} | ${s.rates.outMsgsPerS} | ${kib(s.rates.inBytesPerS)} | ${kib(s.rates.outBytesPerS)} | ${s.harness.cpuCoresMax} / ${s.harness.cpuCoresTotal} | ${Math.round(s.harness.machineBusy * 100)} % | ${s.cores ? `${s.cores.server ?? '?'} / ${s.cores.harness ?? '?'}` : '–'} |`
		);
	}
	L.push('', '## Other figures', '');
	for (const r of rep.results) {
		const extra = Object.entries(r.counts)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ');
		const lats = Object.entries(r.latency)
			.filter(([k]) => k !== mainLatency(r)?.[0])
			.map(([k, v]) => `${k} p50 ${ms(v.p50)} / p99 ${ms(v.p99)} / max ${ms(v.max)}`)
			.join('; ');
		L.push(`- **${r.scenario} (${r.system})**: ${[extra, lats].filter(Boolean).join('; ') || '–'}${r.errors.length ? `; errors: ${r.errors.join('; ')}` : ''}`);
	}
	L.push('', '## Goals', '');
	L.push('| scenario | goal | this run | met |');
	L.push('|---|---|---|---|');
	for (const g of rep.goals) for (const x of g.goals) L.push(`| ${g.scenario} | ${x.goal} | ${x.value} | ${x.met === null ? 'not measured' : x.met ? 'yes' : '**no**'} |`);
	for (const g of rep.goals) if (g.note) L.push('', `*${g.scenario}*: ${g.note}`);
	if (rep.pageWeight) {
		L.push('', '## Page weight (gzip JavaScript after `vite build`)', '');
		L.push('| route | path | up front KiB | to show the board KiB | with lazy chunks KiB | goal (to show the board) |');
		L.push('|---|---|---|---|---|---|');
		for (const w of rep.pageWeight)
			L.push(`| ${w.label} | ${w.found ? w.route : 'not built yet'} | ${w.found ? (w.initialGzipBytes / 1024).toFixed(1) : '–'} | ${w.found ? (w.boardGzipBytes / 1024).toFixed(1) : '–'} | ${w.found ? (w.totalGzipBytes / 1024).toFixed(1) : '–'} | ${w.goalKiB ? `<= ${w.goalKiB} KiB${w.found ? (w.boardGzipBytes / 1024 <= w.goalKiB ? ' (met)' : ' (**missed**)') : ''}` : '–'} |`);
		const zod = rep.pageWeight.filter((w) => w.zod).map((w) => w.label);
		if (zod.length) L.push('', `**zod is bundled into: ${zod.join(', ')}** (it belongs on the server; import constants from a module's zod-free domain.ts).`);
	}
	if (rep.errors.length) L.push('', '## Errors', '', ...rep.errors.map((e) => `- ${e}`));
	return L.join('\n') + '\n';
}
