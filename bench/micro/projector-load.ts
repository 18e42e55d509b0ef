// Micro-benchmark behind the projector finding in docs/PERFORMANCE.md: where the time goes between opening the
// projector link and the first card on screen, for a small board, in headless Chromium (three page loads in one
// browser; the first is cold). Run: node --import tsx bench/micro/projector-load.ts [cards]
import { Facilitator } from '../lib/facilitator';
import { now } from '../lib/proc';
import { startPlenum, tempDir } from '../lib/servers';

const cards = Number(process.argv[2] ?? 20);
const plenum = await startPlenum(tempDir(), { inspect: false });
const fac = await Facilitator.create(plenum.url, 'Projector load');
const { board } = await fac.meta();
await fac.liveBoard(board.id);
for (let i = 0; i < cards; i++) await fac.cmd('card:create', { boardId: board.id, text: `Big card ${String(i).padStart(4, '0')}` });
const url = `${plenum.url}/projector/${await fac.projectorToken()}`;
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
	for (let run = 0; run < 3; run++) {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		const t0 = now();
		const at: Record<string, number> = {};
		page.on('websocket', (ws) => (at[ws.url().includes('/yjs/') ? 'yjs open' : 'socket.io open'] ??= now() - t0));
		await page.goto(url, { waitUntil: 'commit' });
		at['response'] = now() - t0;
		await page.waitForFunction(() => /Big card \d{4}/.test(document.body?.innerText ?? ''), undefined, { polling: 'raf', timeout: 20_000 });
		at['first card'] = now() - t0;
		at['scripts run (DOMContentLoaded)'] = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
		console.log(`load ${run + 1}${run === 0 ? ' (cold)' : ''}: ${Object.entries(at).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
		await page.close();
	}
} finally {
	await browser.close();
	fac.close();
	await plenum.kill();
}
process.exit(0);
