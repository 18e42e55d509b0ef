#!/usr/bin/env node
// Builds the app and the server bundle when build/ is missing or older than the sources, so that `npm start` works
// on a fresh clone.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// The app (build/handler.js) and the bundled server (build/server.mjs, written last by `npm run build`).
const built = path.join(root, 'build', 'server.mjs');

function newest(dir) {
	let t = 0;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.name === 'paraglide' || e.name === 'node_modules') continue;
		const p = path.join(dir, e.name);
		t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
	}
	return t;
}

const sources = Math.max(
	newest(path.join(root, 'src')),
	newest(path.join(root, 'server')),
	newest(path.join(root, 'drizzle')),
	newest(path.join(root, 'messages')),
	fs.statSync(path.join(root, 'svelte.config.js')).mtimeMs
);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
	console.log('Building Plenum (first start or sources changed)...');
	execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
