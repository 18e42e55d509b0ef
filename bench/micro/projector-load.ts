// Micro-benchmark behind the projector findings in docs/PERFORMANCE.md: where the time goes between opening the
// projector link and the first card on screen, in headless Chromium (three page loads in one browser; the first is
// cold). The cards are spread over the board's columns and moved `moves` times, so the document carries history
// like the bench's big board. Run: node --import tsx bench/micro/projector-load.ts [cards] [moves] [--trace] [--pin]
// (--pin: the server on core 0, this process and Chromium on core 1, as the bench's pinned runs).
//
// Per load it prints the wall-clock times seen from the harness, then from inside the page (performance marks): the
// Yjs sync message arriving, the replica adopted (`plenum:replica-synced`, after Yjs applied the document), the
// first cards in the DOM, the board paged (`plenum:board-paged`, the page count known), and the long tasks
// (> 50 ms) with their start and length. With --trace, the main thread's time by trace event (script, style,
// layout, paint) until the board is paged.
import { defaultSplit, pin } from '../lib/cores';
import { Facilitator } from '../lib/facilitator';
import { now } from '../lib/proc';
import { startPlenum, tempDir } from '../lib/servers';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const trace = process.argv.includes('--trace');
const cards = Number(args[0] ?? 20);
const moves = Number(args[1] ?? 0);
const split = process.argv.includes('--pin') ? defaultSplit() : null;
if (split) console.log(pin(split.server, split.harness) ? `pinned: server on core ${split.server}, harness and Chromium on core ${split.harness}` : 'could not pin');
const plenum = await startPlenum(tempDir(), { inspect: false });
const fac = await Facilitator.create(plenum.url, 'Projector load', 8);
const { board } = await fac.meta();
await fac.liveBoard(board.id);
const t0 = now();
const created = await fac.many<{ card: { id: string } }>(Array.from({ length: cards }, (_, i) => ({ name: 'card:create', payload: { boardId: board.id, text: `Big card ${String(i).padStart(4, '0')}` } })));
const ids = created.map((c) => c.card.id);
const cols = board.columns.map((c) => c.id);
await fac.many(Array.from({ length: moves }, (_, i) => ({ name: 'card:move', payload: { cardId: ids[(i * 7) % ids.length], columnId: cols[(i + 1) % cols.length] } })));
console.log(`seeded ${cards} cards and ${moves} moves in ${Math.round((now() - t0) / 1000)} s`);
const url = `${plenum.url}/projector/${await fac.projectorToken()}`;
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

/** Runs in the page before its scripts: marks the Yjs sync message, the first cards in the DOM, and long tasks. */
function instrument() {
	const w = window as unknown as { __long: { start: number; ms: number }[] };
	w.__long = [];
	new PerformanceObserver((l) => w.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
	const WS = window.WebSocket;
	window.WebSocket = class extends WS {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			if (String(url).includes('/yjs/'))
				this.addEventListener('message', (e) => {
					const n = (e.data as ArrayBuffer).byteLength ?? 0;
					if (n > 10_000 && !performance.getEntriesByName('yjs sync message').length) performance.mark('yjs sync message', { detail: n });
				});
		}
	};
	new MutationObserver((_, obs) => {
		if (document.querySelector('.card[data-id]')) {
			performance.mark('cards in DOM', { detail: document.querySelectorAll('.card[data-id]').length });
			obs.disconnect();
		}
	}).observe(document, { childList: true, subtree: true });
}

try {
	for (let run = 0; run < 3; run++) {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await page.addInitScript(instrument);
		if (trace && run === 2) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
		const t0 = now();
		const at: Record<string, number> = {};
		page.on('websocket', (ws) => (at[ws.url().includes('/yjs/') ? 'yjs open' : 'socket.io open'] ??= now() - t0));
		await page.goto(url, { waitUntil: 'commit' });
		at['response'] = now() - t0;
		await page.waitForFunction(() => /Big card \d{4}/.test(document.body?.innerText ?? ''), undefined, { polling: 'raf', timeout: 20_000 });
		at['first card'] = now() - t0;
		await page.waitForFunction(() => performance.getEntriesByName('plenum:board-paged').length > 0 || !!document.querySelector('.fit:not(.paged)'), undefined, { polling: 'raf', timeout: 20_000 });
		at['board paged'] = now() - t0;
		const inside = await page.evaluate(() => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const marks: Record<string, number> = { 'scripts run (DOMContentLoaded)': nav.domContentLoadedEventEnd };
			for (const m of performance.getEntriesByType('mark')) marks[m.name + (m instanceof PerformanceMark && m.detail ? ` (${m.detail})` : '')] = m.startTime;
			const long = (window as unknown as { __long: { start: number; ms: number }[] }).__long;
			return { marks, long, inDom: document.querySelectorAll('.card[data-id]').length, shown: (document.body.innerText.match(/Big card \d{4}/g) ?? []).length };
		});
		const fmt = (o: Record<string, number>) => Object.entries(o).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
		console.log(`load ${run + 1}${run === 0 ? ' (cold)' : ''} (ms from navigation, harness): ${fmt(at)}`);
		console.log(`  in the page (ms from navigation): ${fmt(inside.marks)}`);
		console.log(`  long tasks: ${inside.long.map((l) => `${l.start.toFixed(0)}+${l.ms.toFixed(0)}`).join(', ')}; cards in DOM ${inside.inDom}, on screen ${inside.shown}`);
		if (run === 2) await liveChange(page);
		if (trace && run === 2) {
			const buf = await browser.stopTracing();
			summarise(JSON.parse(buf.toString()).traceEvents);
		}
		await page.close();
	}
} finally {
	await browser.close();
	fac.close();
	await plenum.kill();
}

/**
 * A new card and two moved ones on the loaded board: how many cards the projector lays out again (rendered on screen
 * or in a cell's probe) and how long its main thread is busy (long tasks) until it has settled.
 */
async function liveChange(page: import('playwright-core').Page) {
	await page.evaluate(() => {
		const w = window as unknown as { __added: number; __long: unknown[] };
		w.__added = 0;
		w.__long.length = 0;
		new MutationObserver((list) => {
			for (const r of list) for (const n of r.addedNodes) if (n instanceof HTMLElement) w.__added += n.matches('.card') ? 1 : n.querySelectorAll('.card').length;
		}).observe(document.body, { childList: true, subtree: true });
	});
	const t0 = now();
	await fac.cmd('card:create', { boardId: board.id, text: 'Big card 9999 live' });
	await fac.cmd('card:move', { cardId: ids[5], columnId: cols[0] });
	await fac.cmd('card:move', { cardId: ids[6], columnId: cols[1] });
	await page.waitForFunction((n) => [...document.querySelectorAll('.column .count')].reduce((s, el) => s + Number(el.textContent), 0) === n, cards + 1, { polling: 'raf', timeout: 10_000 });
	const seen = now() - t0;
	// Settled: the measurer's gap (300 ms) and the idle counting have run (no probe for a while).
	await page.waitForFunction(() => !document.querySelector('[data-probe]'), undefined, { polling: 'raf' });
	await new Promise((r) => setTimeout(r, 1500));
	const { added, long } = await page.evaluate(() => {
		const w = window as unknown as { __added: number; __long: { start: number; ms: number }[] };
		return { added: w.__added, long: w.__long.reduce((n, l) => n + l.ms, 0) };
	});
	console.log(`  live change (a new card, two moved cards): counts on screen after ${seen.toFixed(0)} ms; cards laid out again ${added}; long tasks ${long.toFixed(0)} ms`);
}

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: { name?: string; data?: { url?: string } };
}

/** The renderer main thread's time by event, counting only outermost script events (layout inside a script counts as layout). */
function summarise(events: TraceEvent[]) {
	const busy = (t: TraceEvent) => events.filter((x) => x.pid === t.pid && x.tid === t.tid && x.name === 'Layout').length;
	const main = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').sort((a, b) => busy(b) - busy(a))[0];
	if (!main) return console.log('  trace: no renderer main thread');
	const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
	const paged = events.find((e) => e.name === 'plenum:board-paged');
	const start = Math.min(...mine.filter((e) => e.name === 'ParseHTML').map((e) => e.ts));
	const end = paged?.ts ?? Math.max(...mine.map((e) => e.ts + (e.dur ?? 0)));
	const within = mine.filter((e) => e.ts >= start && e.ts <= end);
	const sum: Record<string, { ms: number; n: number }> = {};
	const add = (k: string, us: number) => ((sum[k] ??= { ms: 0, n: 0 }), (sum[k].ms += us / 1000), sum[k].n++);
	const kinds = ['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'ParseHTML', 'EvaluateScript', 'v8.compile', 'FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'RunMicrotasks', 'TimerFire', 'GCEvent', 'MinorGC', 'MajorGC'];
	const nested = (e: TraceEvent, names: string[]) => within.some((o) => o !== e && names.includes(o.name) && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0));
	const scripts = ['EvaluateScript', 'FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'RunMicrotasks', 'TimerFire', 'v8.compile'];
	for (const e of within) {
		if (!kinds.includes(e.name)) continue;
		if (scripts.includes(e.name) && nested(e, scripts)) continue;
		const inner = scripts.includes(e.name) ? within.filter((o) => ['Layout', 'UpdateLayoutTree'].includes(o.name) && o.ts >= e.ts && o.ts + (o.dur ?? 0) <= e.ts + (e.dur ?? 0)).reduce((n, o) => n + (o.dur ?? 0), 0) : 0;
		add(scripts.includes(e.name) ? `script (${e.name}, less its layout)` : e.name, (e.dur ?? 0) - inner);
	}
	console.log(`  trace, ${((end - start) / 1000).toFixed(0)} ms from ParseHTML to the board paged: ${Object.entries(sum).sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `${k} ${v.ms.toFixed(0)} ms (${v.n})`).join(', ')}`);
}
process.exit(0);
