import path from 'node:path';
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { LAPTOP, PROJECTOR, openAs, SCREENSHOT_DIR, signUp, createWorkshop, joinPhone } from '../helpers/e2e';

// The projector after a Reveal in a big room (issue 14, items 10, 11 and 3): 75 cards over three columns with 60 in
// one, posted by phones through real socket.io connections. The crowded column takes the free width, every card is
// seen whole (on its page or in a turn of its own), lanes are rows in the laptop's order with the laptop's words,
// and cards waiting for approval are counted, not called "no cards yet".

const SHOTS = path.join(SCREENSHOT_DIR, 'projector');
const BASE = `http://127.0.0.1:${process.env.PLENUM_E2E_PORT ?? '4173'}`;

let seq = 0;
const key = () => `k${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Signs up a facilitator and creates an English workshop; returns the page, the workshop id and the projector link. */
async function newWorkshop(browser: Browser, title: string) {
	const fac = await openAs(browser, LAPTOP);
	await signUp(fac);
	const code = await createWorkshop(fac, title);
	return {
		fac,
		workshopId: new URL(fac.url()).pathname.split('/').at(-1)!,
		code,
		projectorUrl: await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue()
	};
}

/** The page's cookies as a Cookie header. */
async function cookieOf(page: Page): Promise<string> {
	return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A socket.io connection with a page's identity (its cookies), as the app's own client makes it. */
async function socketOf(page: Page, workshopId: string, as: 'facilitator' | 'participant'): Promise<Socket> {
	const socket = io(BASE, { auth: { workshopId, as }, transports: ['websocket'], extraHeaders: { cookie: await cookieOf(page) }, reconnection: false, forceNew: true });
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

/** Sends a command and returns its ack's data; a refusal fails the test. */
async function send(socket: Socket, name: string, payload: Record<string, unknown>): Promise<any> {
	const r: { ok: boolean; error?: string; data?: unknown } = await socket.timeout(10_000).emitWithAck(name, { key: key(), ...payload });
	if (!r.ok) throw new Error(`${name} refused: ${r.error}`);
	return r.data;
}

/** Adds a board, makes it the one on screen, and reads its column (and lane) ids from the laptop's "Add a card" form. */
async function newBoard(fac: Page, facSocket: Socket, title: string, lanes: string[] = []) {
	const { activityId: boardId } = await send(facSocket, 'activity:add', { type: 'board', title });
	await send(facSocket, 'activity:activate', { activityId: boardId });
	for (const t of lanes) await send(facSocket, 'board:lanes', { boardId, op: { type: 'add', title: t } });
	await expect(fac.getByText(title, { exact: true }).first()).toBeVisible();
	await expect(fac.locator('#new-card-lane option')).toHaveCount(lanes.length ? lanes.length + 1 : 0);
	const columnIds = await fac.locator('#new-card-column option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	const laneIds = await fac.locator('#new-card-lane option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
	return { boardId, columnIds, laneIds };
}

/** A card text of about `length` characters, unique by `i`. */
function cardText(i: number, length: number): string {
	const words = ['more', 'quiet', 'rooms', 'for', 'reading', 'longer', 'breaks', 'between', 'lessons', 'and', 'a', 'garden', 'club'];
	let t = `Idea ${i + 1}:`;
	for (let w = i; t.length < length; w++) t += ` ${words[w % words.length]}`;
	return t;
}

/** The texts of the cards now shown whole: inside their cell's viewport and not cut, or in the full view. */
function wholeNow(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		for (const text of document.querySelectorAll<HTMLElement>('.card .text')) {
			const view = text.closest('.viewport');
			const r = text.getBoundingClientRect();
			if (!view || r.height === 0) continue;
			const v = view.getBoundingClientRect();
			if (r.top >= v.top - 1 && r.bottom <= v.bottom + 1 && r.left >= v.left - 1 && r.right <= v.right + 1 && text.scrollHeight <= text.clientHeight + 1 && !document.querySelector('.whole'))
				out.push(text.textContent ?? '');
		}
		const whole = document.querySelector<HTMLElement>('.whole-text');
		if (whole && whole.scrollHeight <= whole.clientHeight + 1 && whole.getBoundingClientRect().bottom <= window.innerHeight) out.push(whole.textContent ?? '');
		return out;
	});
}

/** Whether the board's fitting has caught up: every cell's cards fit its viewport, or the cell is paged. */
function settled(page: Page): Promise<boolean> {
	return page.evaluate(
		() =>
			!document.querySelector('[data-measure]') &&
			[...document.querySelectorAll<HTMLElement>('[data-col]')].every((items) => {
				const cell = items.closest('.cell');
				const view = items.parentElement!;
				return items.offsetHeight <= view.clientHeight + 1 || !!cell?.querySelector('.pager.on');
			})
	);
}

// The tests are independent (each has its own workshop) and mostly wait for the projector's page turns: they run in
// parallel on the suite's workers.
test.describe.configure({ mode: 'parallel' });

for (const size of [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
]) test(`75 cards after Reveal at ${size.width}x${size.height}: the crowded column takes the free width and every card is seen whole`, async ({ browser }) => {
	test.setTimeout(300_000);
	fs.mkdirSync(SHOTS, { recursive: true });
	const { fac, workshopId, code, projectorUrl } = await newWorkshop(browser, 'Big room');
	const facSocket = await socketOf(fac, workshopId, 'facilitator');
	const { boardId, columnIds } = await newBoard(fac, facSocket, 'Our school');
	expect(columnIds).toHaveLength(3);

	// Five phones, 15 cards each: within what the server lets one phone send in a burst.
	const phones: Page[] = [];
	for (const n of ['Ada', 'Bo', 'Cem', 'Dara', 'Eli']) phones.push(await joinPhone(browser, code, n));
	const sockets = await Promise.all(phones.map((p) => socketOf(p, workshopId, 'participant')));

	// 60 cards in the first column, 10 in the second, 5 in the third; some short, some long, two at the limit.
	const texts: string[] = [];
	const plan = [...Array(60).fill(0), ...Array(10).fill(1), ...Array(5).fill(2)] as number[];
	for (let i = 0; i < plan.length; i++) {
		const length = i % 17 === 3 ? 280 : i % 5 === 0 ? 120 : i % 3 === 0 ? 60 : 24;
		const text = cardText(i, length).slice(0, 280).trim();
		texts.push(text);
		await send(sockets[i % 5], 'card:create', { boardId, text, columnId: columnIds[plan[i]] });
	}
	for (const s of sockets) s.close();
	for (const p of phones) await p.context().close();

	{
		const projector = await openAs(browser, { ...PROJECTOR, viewport: size });
		// Pages held for 60 s and turned by hand (Page Down, as a presenter's clicker sends it): nothing turns between
		// two looks, and the test need not wait out the room's reading time.
		await projector.goto(`${projectorUrl}?page=60`);
		// Private until the Reveal: the projector counts the cards written.
		await expect(projector.getByText('75', { exact: true })).toBeVisible();
		await send(facSocket, 'activity:phase', { activityId: boardId, phase: 'reveal' });
		const crowded = projector.getByRole('region', { name: /^Ideas/ });
		await expect(crowded.locator('.card').first()).toBeVisible({ timeout: 20_000 });
		// The measurer has settled: the pager shows, or everything fits.
		await expect.poll(() => settled(projector)).toBe(true);

		// The crowded column's cards spread over more than half the screen's width.
		const span = await crowded.locator('.card').evaluateAll((cards) => {
			const boxes = cards.map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
			return Math.max(...boxes.map((r) => r.right)) - Math.min(...boxes.map((r) => r.left));
		});
		expect(span).toBeGreaterThan(size.width / 2);
		// Readable from the back of the room: card text at least 3.1vh (32 px at 1080p).
		const px = await crowded.locator('.card .text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(px).toBeGreaterThanOrEqual(size.height * 0.03);
		if (size.width === 1920) await projector.screenshot({ path: `${SHOTS}/projector-75-1920.png` });
		else await projector.screenshot({ path: `${SHOTS}/projector-75-1280.png` });

		// Every card is shown whole at some point of the cycle (its page, or its own turn over the board).
		const seen = new Set<string>();
		let shotWhole = false;
		await expect
			.poll(
				async () => {
					for (const t of await wholeNow(projector)) seen.add(t);
					if (!shotWhole && size.width === 1920 && (await projector.locator('.whole').count())) {
						shotWhole = true;
						await projector.screenshot({ path: `${SHOTS}/projector-75-1920-whole-card.png` });
					}
					const left = texts.filter((t) => !seen.has(t));
					if (left.length) await projector.keyboard.press('PageDown');
					return left;
				},
				{ message: `cards never seen whole at ${size.width}x${size.height}`, timeout: 60_000, intervals: [300] }
			)
			.toEqual([]);
		await projector.context().close();
	}
	facSocket.close();
});

test('a 200-card column: only the page on screen is in the page, every card is seen whole, a new card leaves the page on screen as it is', async ({ browser }) => {
	test.setTimeout(300_000);
	const { fac, workshopId, projectorUrl } = await newWorkshop(browser, 'Huge room');
	// Eight facilitator connections, 25 cards each: within one connection's burst.
	const sockets = await Promise.all(Array.from({ length: 8 }, () => socketOf(fac, workshopId, 'facilitator')));
	const { boardId, columnIds } = await newBoard(fac, sockets[0], 'Everything at once');
	await send(sockets[0], 'board:update', { boardId, settings: { privateUntilReveal: false } });
	const texts = Array.from({ length: 200 }, (_, i) => cardText(i, i % 9 === 4 ? 90 : 30));
	await Promise.all(sockets.map(async (s, k) => {
		for (let i = k; i < texts.length; i += sockets.length) await send(s, 'card:create', { boardId, text: texts[i], columnId: columnIds[0] });
	}));

	const projector = await openAs(browser, PROJECTOR);
	// Pages held for 60 s and turned by hand (Page Down): the test keeps a card element across a page turn and a new
	// card, which a page turning by itself could take away.
	await projector.goto(`${projectorUrl}?page=60`);
	const column = projector.getByRole('region', { name: /^Ideas/ });
	await expect(column.locator('.card').first()).toBeVisible({ timeout: 20_000 });
	await expect.poll(() => settled(projector)).toBe(true);
	// Counted: the pager says how many pages, and only the page on screen is in the DOM.
	const pager = column.getByText(/^Page \d+ of \d+$/);
	await expect(pager).toBeAttached();
	const pages = Number((await pager.textContent())!.match(/of (\d+)/)![1]);
	expect(pages).toBeGreaterThanOrEqual(3);
	expect(await column.locator('.card').count()).toBeLessThan(200 / 2);

	// A new card (at the end of the column), just after a page turn: the cards on screen stay the same elements.
	const page = await pager.textContent();
	await projector.keyboard.press('PageDown');
	await expect(pager).not.toHaveText(page!);
	const before = await column.locator('.card').first().elementHandle();
	await send(sockets[0], 'card:create', { boardId, text: 'The newest idea', columnId: columnIds[0] });
	await expect(column.locator('.count')).toHaveText('201');
	await expect.poll(() => projector.evaluate(() => !document.querySelector('[data-probe]'))).toBe(true);
	expect(await before!.evaluate((el) => el.isConnected)).toBe(true);
	texts.push('The newest idea');

	// Every card is seen whole on its page as the pages turn.
	const seen = new Set<string>();
	await expect
		.poll(
			async () => {
				for (const t of await wholeNow(projector)) seen.add(t);
				const left = texts.filter((t) => !seen.has(t)).length;
				if (left) await projector.keyboard.press('PageDown');
				return left;
			},
			{ message: 'cards never seen whole on the 200-card column', timeout: 90_000, intervals: [300] }
		)
		.toBe(0);
	for (const s of sockets) s.close();
});

test('cards waiting for approval are counted on the projector, never called "no cards yet"', async ({ browser }) => {
	const { fac, workshopId, code, projectorUrl } = await newWorkshop(browser, 'Approval room');
	const facSocket = await socketOf(fac, workshopId, 'facilitator');
	const { boardId } = await newBoard(fac, facSocket, 'Moderated');
	await send(facSocket, 'board:update', { boardId, settings: { privateUntilReveal: false, requireApproval: true } });
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(`${projectorUrl}?page=2`);
	await expect(projector.getByText('No cards yet. Scan the code and write the first one!')).toBeVisible();

	const phone = await joinPhone(browser, code, 'Dana');
	const socket = await socketOf(phone, workshopId, 'participant');
	const first = await send(socket, 'card:create', { boardId, text: 'A secret first idea' });
	await expect(projector.getByText('1 card is waiting for the facilitator’s OK.')).toBeVisible();
	await send(socket, 'card:create', { boardId, text: 'A secret second idea' });
	await send(socket, 'card:create', { boardId, text: 'A secret third idea' });
	await expect(projector.getByText('3 cards are waiting for the facilitator’s OK.')).toBeVisible();
	await expect(projector.getByText(/No cards yet/)).toHaveCount(0);
	// Only the count: none of the texts reaches the projector.
	await expect(projector.getByText(/secret/)).toHaveCount(0);
	await projector.screenshot({ path: `${SHOTS}/projector-waiting-for-approval.png` });

	await send(facSocket, 'card:moderate', { cardId: first.card.id, action: 'approve' });
	await expect(projector.getByText('A secret first idea')).toBeVisible();
	socket.close();
	facSocket.close();
});

test('lanes are rows on the projector and sub-headings on the phone, in the laptop\'s order and words', async ({ browser }) => {
	test.setTimeout(180_000);
	const { fac, workshopId, code, projectorUrl } = await newWorkshop(browser, 'Lane room');
	const facSocket = await socketOf(fac, workshopId, 'facilitator');
	const { boardId, columnIds, laneIds } = await newBoard(fac, facSocket, 'Lanes', ['Year 7', 'Year 8']);
	expect(laneIds).toHaveLength(2);
	await send(facSocket, 'board:update', { boardId, settings: { privateUntilReveal: false } });
	const phone = await joinPhone(browser, code, 'Eli');
	const socket = await socketOf(phone, workshopId, 'participant');
	const put = (text: string, column: number, lane: number | null) =>
		send(socket, 'card:create', { boardId, text, columnId: columnIds[column], laneId: lane === null ? null : laneIds[lane] });
	await put('Card without a lane', 0, null);
	await put('Year 8 idea', 0, 1);
	await put('Year 7 idea', 0, 0);
	await put('Year 8 decision', 2, 1);
	for (let i = 0; i < 12; i++) await put(`Year 7 more ${i + 1}`, 1, 0);
	socket.close();

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(`${projectorUrl}?page=2`);
	await expect(projector.getByText('Year 8 decision')).toBeVisible();
	await expect.poll(() => settled(projector)).toBe(true);
	// One band per lane across the board, top to bottom in the laptop's order, "No lane" last.
	const bands = await projector.locator('.band').evaluateAll((els) => els.map((e) => ({ text: e.textContent?.trim(), top: e.getBoundingClientRect().top, width: e.getBoundingClientRect().width })));
	expect(bands.map((b) => b.text)).toEqual(['Year 7', 'Year 8', 'No lane']);
	expect(bands[0].top).toBeLessThan(bands[1].top);
	expect(bands[1].top).toBeLessThan(bands[2].top);
	// A band spans the columns (a row), not one column (a sub-heading).
	const columnWidth = (await projector.getByRole('region', { name: /^Ideas/ }).boundingBox())!.width;
	expect(bands[0].width).toBeGreaterThan(columnWidth * 1.5);
	// Each card sits in its lane's row: below its band, above the next.
	const topOf = async (text: string) => (await projector.getByText(text, { exact: true }).boundingBox())!.y;
	expect(await topOf('Year 7 idea')).toBeGreaterThan(bands[0].top);
	expect(await topOf('Year 7 idea')).toBeLessThan(bands[1].top);
	expect(await topOf('Year 8 idea')).toBeGreaterThan(bands[1].top);
	expect(await topOf('Year 8 decision')).toBeLessThan(bands[2].top);
	expect(await topOf('Card without a lane')).toBeGreaterThan(bands[2].top);
	// The same row for a lane in every column.
	expect(Math.abs((await topOf('Year 8 idea')) - (await topOf('Year 8 decision')))).toBeLessThan(2);
	await expect(projector.getByRole('region', { name: /^Ideas/ }).getByRole('group', { name: 'No lane' })).toBeVisible();
	await projector.screenshot({ path: `${SHOTS}/projector-lanes.png` });

	// The phone: the same names as sub-headings, in the same order.
	const ideas = phone.getByRole('region', { name: /^Ideas/ });
	await expect(ideas.getByRole('heading', { level: 4 })).toHaveText(['Year 7', 'Year 8', 'No lane']);
	facSocket.close();
});
