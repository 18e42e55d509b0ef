#!/usr/bin/env node
// Bundles the production server (server/index.ts and what it imports from server/, src/lib and drizzle/) into
// build/server.mjs, so that `npm start` runs plain Node: no TypeScript loader at start-up (about a second less
// before the server listens again after a restart; see docs/PERFORMANCE.md). Packages stay in node_modules.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const started = Date.now();
await build({
	// The server, and the BarCamp planner's worker thread (server/features/barcamp/plan-pool.ts starts it from here).
	entryPoints: [
		{ in: path.join(root, 'server/index.ts'), out: 'server' },
		{ in: path.join(root, 'server/features/barcamp/plan-worker.ts'), out: 'plan-worker' }
	],
	outdir: path.join(root, 'build'),
	outExtension: { '.js': '.mjs' },
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: 'linked',
	logLevel: 'warning'
});
console.log(`server bundled into build/server.mjs in ${Date.now() - started} ms`);
