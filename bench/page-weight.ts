// Page weight: the gzip JavaScript a browser downloads for the participant, facilitator and projector routes,
// from the Vite manifest of the last `vite build`: what is loaded up front (static imports), what the route needs to
// show a Kanban board (up front plus the lazy chunks the page fetches at once for it, found in the manifest by the
// source path of the dynamic import, with their static imports), and everything with every lazy chunk.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './lib/servers';

interface ManifestEntry {
	file: string;
	name?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
}

export interface RouteWeight {
	route: string;
	label: string;
	found: boolean;
	/** gzip bytes of the JavaScript loaded up front. */
	initialGzipBytes: number;
	/** gzip bytes to show a board: up front plus the closure of the lazy chunks the page loads at once for it. */
	boardGzipBytes: number;
	/** gzip bytes including chunks the route's own code loads lazily. */
	totalGzipBytes: number;
	files: number;
	goalKiB: number | null;
	/** Whether any chunk of the route (lazy ones too) holds zod, which belongs on the server and in the specs only. */
	zod: boolean;
}

/**
 * `board`: the source paths of the dynamic imports the route makes at once to show a board (none where the board
 * is in the up-front code). The goal is compared with the "to show the board" figure.
 */
const ROUTES: { label: string; match: RegExp; goalKiB: number | null; board: string[] }[] = [
	{ label: 'participant', match: /^\/w\/\[[^\]]+\]$/, goalKiB: 90, board: ['src/lib/features/board/components/phone/LiveBoard.svelte'] },
	{ label: 'facilitator', match: /^\/f\/w\/\[[^\]]+\]$/, goalKiB: null, board: [] },
	{ label: 'projector', match: /^\/projector\/\[[^\]]+\]$/, goalKiB: 120, board: [] }
];

/** Computes the weights; `found: false` for a route the build does not have. */
export function pageWeight(root = ROOT): RouteWeight[] {
	const out = path.join(root, '.svelte-kit/output');
	const manifest = JSON.parse(fs.readFileSync(path.join(out, 'client/.vite/manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
	const server = fs.readFileSync(path.join(out, 'server/manifest.js'), 'utf8');
	const routes = new Map<string, number[]>();
	for (const part of server.split(/\bid: "/).slice(1)) {
		const id = part.slice(0, part.indexOf('"'));
		const m = /page: \{ layouts: \[([^\]]*)\],[^}]*leaf: (\d+) \}/.exec(part.slice(0, 600));
		if (m) routes.set(id, [...m[1].split(',').filter((s) => s.trim() !== '').map(Number), Number(m[2])]);
	}
	const gz = new Map<string, number>();
	const gzipOf = (file: string) => {
		if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(path.join(out, 'client', file)), { level: 9 }).length);
		return gz.get(file)!;
	};
	const keyOfNode = (n: number) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;
	const entries = Object.entries(manifest)
		.filter(([, e]) => e.isEntry && (e.name === 'entry/start' || e.name === 'entry/app'))
		.map(([k]) => k);
	const closure = (keys: string[], lazy: boolean) => {
		const seen = new Set<string>();
		const stack = [...keys];
		while (stack.length) {
			const k = stack.pop()!;
			if (seen.has(k) || !manifest[k]) continue;
			seen.add(k);
			stack.push(...(manifest[k].imports ?? []));
			if (lazy && !manifest[k].name?.startsWith('entry/')) stack.push(...(manifest[k].dynamicImports ?? []));
		}
		return seen;
	};
	return ROUTES.map(({ label, match, goalKiB, board }) => {
		const id = [...routes.keys()].find((r) => match.test(r));
		if (!id) return { route: '(missing)', label, found: false, initialGzipBytes: 0, boardGzipBytes: 0, totalGzipBytes: 0, files: 0, goalKiB, zod: false };
		const keys = [...entries, ...routes.get(id)!.map(keyOfNode)];
		const initial = closure(keys, false);
		const total = closure(keys, true);
		// A board import the route's lazy closure does not make is a stale path here: fail loudly, not count nothing.
		for (const src of board) if (!total.has(src)) throw new Error(`page-weight: ${label} has no lazy import of ${src} (renamed?)`);
		const toShowBoard = closure([...keys, ...board], false);
		const bytes = (set: Set<string>) => [...set].map((k) => manifest[k].file).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipOf(f), 0);
		// zod's classes keep their definition under `_zod` (minifiers keep property names).
		const zod = [...total].map((k) => manifest[k].file).some((f) => f.endsWith('.js') && fs.readFileSync(path.join(out, 'client', f), 'utf8').includes('._zod.'));
		return { route: id, label, found: true, initialGzipBytes: bytes(initial), boardGzipBytes: bytes(toShowBoard), totalGzipBytes: bytes(total), files: total.size, goalKiB, zod };
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const r of pageWeight()) console.log(`${r.label.padEnd(12)} ${r.route.padEnd(22)} ${(r.initialGzipBytes / 1024).toFixed(1)} KiB up front, ${(r.boardGzipBytes / 1024).toFixed(1)} KiB to show the board, ${(r.totalGzipBytes / 1024).toFixed(1)} KiB with lazy chunks${r.goalKiB ? ` (goal <= ${r.goalKiB} KiB)` : ''}${r.zod ? ' ZOD IS IN THIS PAGE' : ''}`);
}
