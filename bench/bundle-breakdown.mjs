// Where the gzip bytes of a page come from, per chunk, per package and per source module (docs/perf-notes-bundle.md).
// Needs a build with source maps: `npx vite build --sourcemap` (then `npm run build` again for the real output; the
// maps add ~1 KiB of comments). Usage: node bench/bundle-breakdown.mjs [route id] [lazy source path...], e.g.
//   node bench/bundle-breakdown.mjs "/w/[workshopId]" src/lib/features/board/components/phone/LiveBoard.svelte
// A module's share is its text in the chunk gzipped alone, scaled so that a chunk's shares add up to its gzip size.
import fs from 'node:fs'; import path from 'node:path'; import zlib from 'node:zlib';
import { createRequire } from 'node:module';
const root = process.cwd(); const require = createRequire(path.join(root, 'package.json'));
const { SourceMapConsumer } = require('source-map-js');
const out = path.join(root, '.svelte-kit/output');
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'client/.vite/manifest.json'), 'utf8'));
const server = fs.readFileSync(path.join(out, 'server/manifest.js'), 'utf8');
let leafs;
for (const part of server.split(/\bid: "/).slice(1)) {
  const id = part.slice(0, part.indexOf('"'));
  const m = /page: \{ layouts: \[([^\]]*)\],[^}]*leaf: (\d+) \}/.exec(part.slice(0, 600));
  if (m && id === (process.argv[2] ?? '/w/[workshopId]')) leafs = [...m[1].split(',').filter((s) => s.trim() !== '').map(Number), Number(m[2])];
}
const entries = Object.entries(manifest).filter(([, e]) => e.isEntry && (e.name === 'entry/start' || e.name === 'entry/app')).map(([k]) => k);
const closure = (keys) => { const seen = new Set(); const st = [...keys]; while (st.length) { const k = st.pop(); if (seen.has(k) || !manifest[k]) continue; seen.add(k); st.push(...(manifest[k].imports ?? [])); } return seen; };
const extra = process.argv.slice(3);
const set = closure([...entries, ...leafs.map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`), ...extra]);
const per = new Map(); const perChunk = [];
for (const k of set) {
  const file = manifest[k].file; if (!file.endsWith('.js')) continue;
  const code = fs.readFileSync(path.join(out, 'client', file), 'utf8');
  const gz = zlib.gzipSync(code, { level: 9 }).length;
  perChunk.push([file, k, gz]);
  const mapPath = path.join(out, 'client', file + '.map');
  if (!fs.existsSync(mapPath)) { per.set('(no map) ' + k, (per.get('(no map) ' + k) ?? 0) + gz); continue; }
  const smc = new SourceMapConsumer(JSON.parse(fs.readFileSync(mapPath, 'utf8')));
  const lines = code.split('\n'); const segs = [];
  smc.eachMapping((m) => segs.push(m), null, SourceMapConsumer.GENERATED_ORDER);
  const text = new Map(); const add = (src, s) => text.set(src, (text.get(src) ?? '') + s);
  // attribute each generated span [seg, nextSeg) to seg's source
  const lineStart = []; let off = 0; for (const l of lines) { lineStart.push(off); off += l.length + 1; }
  const pos = (m) => lineStart[m.generatedLine - 1] + m.generatedColumn;
  let prevEnd = 0;
  for (let i = 0; i < segs.length; i++) {
    const a = pos(segs[i]); const b = i + 1 < segs.length ? pos(segs[i + 1]) : code.length;
    if (a > prevEnd) add('(unmapped)', code.slice(prevEnd, a));
    add(segs[i].source ?? '(unmapped)', code.slice(a, b)); prevEnd = b;
  }
  const parts = [...text.entries()].map(([src, s]) => [src, zlib.gzipSync(s, { level: 9 }).length]);
  const sum = parts.reduce((n, [, g]) => n + g, 0);
  for (const [src, g] of parts) { const key = src.replace(/^.*node_modules\//, 'nm:').replace(/^(\.\.\/)+/, ''); per.set(key, (per.get(key) ?? 0) + g * gz / sum); }
}
const total = perChunk.reduce((n, c) => n + c[2], 0);
console.log('TOTAL', (total / 1024).toFixed(1), 'KiB in', perChunk.length, 'chunks');
for (const [f, k, g] of perChunk.sort((a, b) => b[2] - a[2])) console.log('chunk', (g / 1024).toFixed(1).padStart(6), f, k);
const pkg = new Map();
for (const [k, g] of per) { const p = k.startsWith('nm:') ? k.slice(3).split('/').slice(0, k.slice(3).startsWith('@') ? 2 : 1).join('/') : k.startsWith('src/lib/paraglide') ? 'paraglide (generated)' : k.split('/').slice(0, 3).join('/'); pkg.set(p, (pkg.get(p) ?? 0) + g); }
console.log('--- per package / folder');
for (const [p, g] of [...pkg].sort((a, b) => b[1] - a[1])) console.log((g / 1024).toFixed(1).padStart(6), p);
console.log('--- top modules');
for (const [p, g] of [...per].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 60))) console.log((g / 1024).toFixed(2).padStart(6), p);
