// `node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]`: self time by function and by package,
// to read the --cpu-prof profiles that `npm run bench -- --profile` leaves next to the results.
import fs from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}

/** Self time (ms) per function and per package of a V8 CPU profile. */
export function summarise(file: string, top = 25) {
	const p = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
	const totalMs = (p.endTime - p.startTime) / 1000;
	const perSample = totalMs / Math.max(1, p.samples.length);
	const byFn = new Map<string, number>();
	const byPkg = new Map<string, number>();
	for (const n of p.nodes) {
		const ms = (n.hitCount ?? 0) * perSample;
		if (!ms) continue;
		const url = n.callFrame.url.replace(/^file:\/\//, '');
		const short = url.replace(/.*node_modules\//, '').replace(/.*\/work\/[^/]+\//, '');
		const fn = `${n.callFrame.functionName || '(anonymous)'} ${short}:${n.callFrame.lineNumber + 1}`;
		byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
		const pkg = url.includes('node_modules/')
			? url.replace(/.*node_modules\//, '').split('/').slice(0, url.includes('node_modules/@') ? 2 : 1).join('/')
			: url.startsWith('node:') || !url
				? n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : `node internals`
				: short.split('/').slice(0, 2).join('/');
		byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
	}
	const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
	return { totalMs, functions: sorted(byFn), packages: sorted(byPkg) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const file = process.argv[2];
	if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
	const s = summarise(file, Number(process.argv[3] ?? 25));
	const busy = s.packages.filter(([k]) => k !== '(idle)').reduce((a, [, v]) => a + v, 0);
	console.log(`profile of ${(s.totalMs / 1000).toFixed(1)} s, about ${(busy / 1000).toFixed(1)} s not idle\n\nby package:`);
	for (const [k, v] of s.packages) console.log(`${v.toFixed(0).padStart(8)} ms  ${k}`);
	console.log('\nby function (self time):');
	for (const [k, v] of s.functions) console.log(`${v.toFixed(0).padStart(8)} ms  ${k}`);
}
