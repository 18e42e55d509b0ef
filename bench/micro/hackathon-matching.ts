// Quality and speed of the hackathon's team matching (src/lib/features/hackathon/matching.ts) beside two baselines,
// random assignment within the size rules and a greedy rule (each person into the open team of their first wish
// with the most free places, else a new team), on generated rooms (matching-baselines.ts, generateRoom: skewed
// skills, interests and challenge wishes, a few existing teams, teams of 3 to 5).
// Run: npm run bench:match [-- --sizes 30,100,300 --seeds 1,2,3,4,5]
// Times are the process's CPU time (user and system), not wall time: on a shared machine, waiting for a core is not
// work. Prints a table and writes bench/results/hackathon-matching-<timestamp>.json. It asserts nothing, but stops if the
// matching ever breaks a size rule.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { matchTeams, type MatchInput, type MatchResult } from '../../src/lib/features/hackathon/matching';
import { generateRoom, greedyAssign, matchMetrics, randomAssign, type MatchMetrics } from '../../src/lib/features/hackathon/matching-baselines';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '30,100,300').split(',').map(Number);
const SEEDS = arg('seeds', '1,2,3,4,5').split(',').map(Number);
const RUNS = 5;
const METHODS: [string, (i: MatchInput) => MatchResult][] = [
	['matchTeams', matchTeams],
	['random', randomAssign],
	['greedy', greedyAssign]
];

const startedAt = new Date();
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Warm-up, so the first size does not pay for the JIT.
for (let i = 0; i < 3; i++) matchTeams(generateRoom(100, 99 + i));

interface Row extends MatchMetrics {
	people: number;
	method: string;
	/** Median over seeds of the median of RUNS runs, and the slowest run, in ms of CPU time (user and system). */
	ms: number;
	maxMs: number;
}
const rows: Row[] = [];
for (const n of SIZES) {
	const rooms = SEEDS.map((seed) => generateRoom(n, seed));
	for (const [method, run] of METHODS) {
		const metrics: MatchMetrics[] = [];
		const medians: number[] = [];
		let maxMs = 0;
		for (const room of rooms) {
			const times: number[] = [];
			let result: MatchResult | null = null;
			for (let k = 0; k < RUNS; k++) {
				const t0 = process.cpuUsage();
				result = run(room);
				const d = process.cpuUsage(t0);
				times.push((d.user + d.system) / 1000);
			}
			const m = matchMetrics(room, result!);
			if (method === 'matchTeams' && (m.teamsOverMax > 0 || m.newTeamsUnderMin > 0)) throw new Error(`matchTeams broke a size rule on ${n} people, seed ${room.seed}`);
			metrics.push(m);
			medians.push(median(times));
			maxMs = Math.max(maxMs, ...times);
		}
		const avg = (k: keyof MatchMetrics) => mean(metrics.map((m) => m[k]));
		rows.push({
			people: n,
			method,
			skillCoverage: avg('skillCoverage'),
			preference: avg('preference'),
			firstChoice: avg('firstChoice'),
			placed: avg('placed'),
			teamsOverMax: metrics.reduce((a, m) => a + m.teamsOverMax, 0),
			newTeamsUnderMin: metrics.reduce((a, m) => a + m.newTeamsUnderMin, 0),
			ms: median(medians),
			maxMs
		});
	}
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const header = '| people | method | skills per team | preference | first choice | placed | teams over max | new teams under min | CPU ms (median) | CPU ms (max) |';
const lines = [
	header,
	'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	...rows.map(
		(r) =>
			`| ${r.people} | ${r.method} | ${r.skillCoverage.toFixed(2)} | ${pct(r.preference)} | ${pct(r.firstChoice)} | ${pct(r.placed)} | ${r.teamsOverMax} | ${r.newTeamsUnderMin} | ${r.ms.toFixed(2)} | ${r.maxMs.toFixed(2)} |`
	)
];
console.log(`Team matching, ${SEEDS.length} generated rooms per size (seeds ${SEEDS.join(',')}), teams of 3 to 5; means over the rooms, rule breaks summed; load average ${load}; Node ${process.version}`);
console.log(lines.join('\n'));
const dir = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}hackathon-matching-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ startedAt: startedAt.toISOString(), node: process.version, loadavg: load, sizes: SIZES, seeds: SEEDS, runs: RUNS, rows, table: lines.join('\n') }, null, 2) + '\n');
console.log(`\nwritten to ${file}`);
