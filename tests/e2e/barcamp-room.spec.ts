import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { LAPTOP, PHONE, PROJECTOR, SCREENSHOT_DIR, SMALL_PHONE, joinWithCode, openAs, screenshot } from '../helpers/e2e';

/**
 * The BarCamp in the room: two phones propose (one with a co-host, one anonymous), edit and withdraw; the projector
 * shows the pitch with its countdown, then the published grid; the phones mark "I'd go", find their schedule with
 * its clash, check in, co-edit a session's notes, see a move after publishing without a reload, and download their
 * schedule as iCal (read back with ical.js). The facilitator drives the BarCamp through its socket, as the control
 * room does (that UI is tested on its own).
 */

const MIN = 60_000;
/** A 390 x 844 phone (a common size today). */
const PHONE_390: BrowserContextOptions = { ...PHONE, viewport: { width: 390, height: 844 } };

type Ack = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };

/** The facilitator's side: a socket.io connection with the facilitator's session cookie, as the control room has. */
class Facilitator {
	private constructor(
		readonly page: Page,
		readonly workshopId: string,
		readonly code: string,
		readonly projectorPath: string,
		private socket: Socket
	) {}

	static async create(browser: Browser, title: string): Promise<Facilitator> {
		const page = await openAs(browser, LAPTOP);
		await page.goto('/signup');
		await page.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
		await page.getByLabel('Password').fill('a long enough password');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Language of the workshop').selectOption('en');
		await page.getByRole('button', { name: 'Create workshop' }).click();
		await expect(page).toHaveURL(/\/f\/w\/[\w-]+$/);
		const workshopId = new URL(page.url()).pathname.split('/').at(-1)!;
		const code = (await page.locator('.code.mono').first().innerText()).trim();
		const projectorPath = new URL(await page.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue()).pathname;
		const origin = new URL(page.url()).origin;
		const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const socket = io(origin, {
			auth: { workshopId, as: 'facilitator' },
			transports: ['websocket'],
			extraHeaders: { cookie, origin },
			reconnection: false,
			forceNew: true
		});
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		return new Facilitator(page, workshopId, code, projectorPath, socket);
	}

	/** Sends a command with a fresh key and expects it applied (a rate-limited one is sent again a moment later). */
	async send(name: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
		for (let attempt = 0; ; attempt++) {
			const r = await new Promise<Ack>((resolve) => this.socket.timeout(10_000).emit(name, { key: randomUUID().replace(/-/g, ''), ...payload }, (err: Error | null, res: Ack) => resolve(err ? { ok: false, error: 'timeout' } : res)));
			if (r.ok) return r.data;
			if (r.error !== 'rate_limited' || attempt > 20) throw new Error(`${name} refused: ${r.error}`);
			await new Promise((res) => setTimeout(res, 500));
		}
	}

	/** The BarCamp's open proposals with their ids (from the facilitator's JSON export). */
	async proposals(activityId: string): Promise<Map<string, string>> {
		const res = await this.page.context().request.get(`/f/w/${this.workshopId}/export/${activityId}/json`);
		expect(res.ok()).toBe(true);
		const body = (await res.json()) as { sessions: { id: string; title: string }[] };
		return new Map(body.sessions.map((p) => [p.title, p.id]));
	}

	close() {
		this.socket.close();
	}
}

async function joinPhone(browser: Browser, code: string, nickname: string, options = PHONE_390): Promise<Page> {
	const phone = await openAs(browser, options);
	return joinWithCode(phone, code, nickname);
}

/** Fills and sends the phone's "Propose a session" form. */
async function propose(phone: Page, p: { title: string; description?: string; format?: string; needs?: string[]; cohost?: string; anonymous?: boolean }) {
	const form = phone.getByRole('region', { name: 'Propose a session' });
	await form.getByLabel('Title').fill(p.title);
	if (p.description) await form.getByLabel('Short description (optional)').fill(p.description);
	if (p.format) await form.getByRole('radio', { name: p.format }).check();
	for (const n of p.needs ?? []) await form.getByRole('checkbox', { name: n }).check();
	if (p.cohost) {
		await form.getByLabel('Find people').fill(p.cohost.slice(0, 2));
		await form.getByRole('checkbox', { name: p.cohost, exact: true }).check();
	}
	if (p.anonymous) await form.getByRole('checkbox', { name: /Stay anonymous/ }).check();
	await form.getByRole('button', { name: 'Propose', exact: true }).click();
	await expect(form.getByLabel('Title')).toHaveValue('');
	const mine = phone.getByRole('region', { name: 'My proposals' });
	await expect(mine.getByText(p.title, { exact: true })).toBeVisible();
	await expect(phone.getByText('All saved')).toBeVisible();
}

/** Saves what the screen shows now (not the whole page) as test-results/screenshots/<name>.png. */
async function screen(page: Page, name: string) {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

async function audit(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

test('BarCamp: phones propose and mark interest, the projector shows the pitch and the grid, a move reaches the phone live, notes are co-edited, the schedule downloads as iCal', async ({ browser }) => {
	const fac = await Facilitator.create(browser, 'Youth BarCamp');
	const campId = (await fac.send('activity:add', { type: 'barcamp', title: 'Saturday BarCamp' })).activityId as string;
	await fac.send('activity:activate', { activityId: campId });
	await fac.send('barcamp:settings', { activityId: campId, settings: { showCounts: true, pitchSeconds: 90 } });
	const rooms: Record<string, string> = {};
	for (const [name, features] of [
		['Aula', ['projector', 'sound']],
		['Room B', ['whiteboard']],
		['Room C', []]
	] as const)
		rooms[name] = (await fac.send('barcamp:rooms', { activityId: campId, op: { type: 'add', name, capacity: 30, features } })).roomId as string;
	// The first slot runs now (check-in needs a running session); after it comes the next, then lunch, then one more.
	const now = Date.now();
	const times = {
		first: [now - 10 * MIN, now + 35 * MIN, 'sessions'],
		second: [now + 45 * MIN, now + 90 * MIN, 'sessions'],
		lunch: [now + 90 * MIN, now + 135 * MIN, 'break'],
		third: [now + 135 * MIN, now + 180 * MIN, 'sessions']
	} as const;
	const slots: Record<string, string> = {};
	for (const [k, [start, end, kind]] of Object.entries(times))
		slots[k] = (await fac.send('barcamp:slots', { activityId: campId, op: { type: 'add', start, end, kind, ...(kind === 'break' ? { label: 'Lunch' } : {}) } })).slotId as string;

	const ada = await joinPhone(browser, fac.code, 'Ada');
	// Ben has the narrowest phone the views must work on.
	const ben = await joinPhone(browser, fac.code, 'Ben', SMALL_PHONE);
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(fac.projectorPath);
	// Setting up: the phones say what comes, in the status bar the BarCamp's phase.
	await expect(ada.getByText('The BarCamp is being prepared. Proposals open soon.')).toBeVisible();
	await expect(ada.locator('.statusbar')).toContainText('Set up');
	await expect(projector.getByRole('heading', { name: 'Saturday BarCamp' })).toBeVisible();

	// Propose: Ada proposes a session (then corrects its title), and one with Ben as co-host, anonymously; Ben proposes one.
	await fac.send('activity:phase', { activityId: campId, phase: 'propose' });
	await expect(ada.locator('.statusbar')).toContainText('Propose');
	await propose(ada, { title: 'Lego robots', description: 'We build and program small robots.', format: 'Workshop', needs: ['Projector'] });
	await propose(ada, { title: 'Climate data', description: 'Open data about our town.', format: 'Discussion', cohost: 'Ben', anonymous: true });
	await ben.getByRole('region', { name: 'Propose a session' }).getByLabel('Find people').scrollIntoViewIfNeeded();
	await screen(ben, 'barcamp-phone-propose-320');
	await propose(ben, { title: 'Game jam ideas', format: 'Talk' });
	await propose(ben, { title: 'An idea for later' });
	const adaMine = ada.getByRole('region', { name: 'My proposals' });
	await expect(adaMine).toContainText('Your open proposals: 2 of 3');
	await adaMine.getByRole('button', { name: 'Edit “Lego robots”' }).click();
	await adaMine.getByLabel('Title').fill('Robots with Lego');
	await adaMine.getByRole('button', { name: 'Save' }).click();
	await expect(adaMine.getByText('Robots with Lego', { exact: true })).toBeVisible();
	// Everyone's open proposals, with who proposes them (or "anonymous") and the co-hosts.
	const benList = ben.getByRole('region', { name: /Proposals so far/ });
	await expect(benList.getByRole('listitem').filter({ hasText: 'Robots with Lego' })).toContainText('by Ada');
	await expect(benList.getByRole('listitem').filter({ hasText: 'Climate data' })).toContainText('anonymous · with Ben');
	await expect(benList.getByRole('listitem').filter({ hasText: 'Climate data' })).not.toContainText('Ada');
	// Ben withdraws one; the facilitator rejects... nothing of his, but the projector counts what is open.
	const benMine = ben.getByRole('region', { name: 'My proposals' });
	await benMine.getByRole('button', { name: 'Withdraw “An idea for later”' }).click();
	await benMine.getByRole('button', { name: 'Yes, withdraw' }).click();
	await expect(benMine.getByRole('listitem').filter({ hasText: 'An idea for later' })).toContainText('Withdrawn');
	await expect(benList.getByText('An idea for later')).toHaveCount(0);
	await expect(projector.locator('.number').first()).toContainText('3');
	await expect(projector.getByText('Propose a session on your phone!')).toBeVisible();
	await screenshot(projector, 'barcamp-projector-propose');

	// A rejected proposal shows the facilitator's reason to its proposer.
	await propose(ben, { title: 'Selling my bike' });
	let ids = await fac.proposals(campId);
	await fac.send('proposal:reject', { proposalId: ids.get('Selling my bike'), reason: 'Please use the notice board' });
	await expect(benMine.getByRole('listitem').filter({ hasText: 'Selling my bike' })).toContainText('Rejected');
	await expect(benMine).toContainText('Reason: Please use the notice board');
	await benMine.getByText('Reason: Please use the notice board').scrollIntoViewIfNeeded();
	await screen(ben, 'barcamp-phone-rejected-320');

	// Pitch: the projector shows the proposal on stage in large type with its countdown; the phones show it too.
	ids = await fac.proposals(campId);
	const robots = ids.get('Robots with Lego')!;
	const climate = ids.get('Climate data')!;
	const gamejam = ids.get('Game jam ideas')!;
	await fac.send('activity:phase', { activityId: campId, phase: 'pitch' });
	await fac.send('barcamp:pitch', { activityId: campId, proposalId: robots });
	const stage = projector.getByRole('region', { name: 'Being pitched now' });
	await expect(stage.getByRole('heading', { name: 'Robots with Lego' })).toBeVisible();
	await expect(stage).toContainText('by Ada');
	await expect(stage).toContainText('Workshop');
	await expect(stage).toContainText('We build and program small robots.');
	await expect(stage.getByRole('timer')).toHaveText(/^01:[23]\d$/);
	const titleSize = await stage.getByRole('heading', { name: 'Robots with Lego' }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(titleSize).toBeGreaterThan(80);
	await expect(ben.getByRole('region', { name: 'Being pitched now' })).toContainText('Robots with Lego');
	await fac.send('barcamp:pitch', { activityId: campId, proposalId: climate });
	await expect(stage.getByRole('heading', { name: 'Climate data' })).toBeVisible();
	await expect(stage).toContainText('anonymous');
	await expect(stage).not.toContainText('Ada');
	await fac.send('barcamp:pitch', { activityId: campId, proposalId: robots });
	await expect(stage.getByRole('heading', { name: 'Robots with Lego' })).toBeVisible();
	await screenshot(projector, 'barcamp-projector-pitch');

	// Vote: "I'd go" toggles; the counts show because this BarCamp shows them to the room.
	await fac.send('activity:phase', { activityId: campId, phase: 'vote' });
	const adaStar = ada.getByRole('button', { name: 'I’d go: Game jam ideas' });
	await expect(adaStar).toHaveAttribute('aria-pressed', 'false');
	await adaStar.click();
	await expect(adaStar).toHaveAttribute('aria-pressed', 'true');
	await expect(ada.getByText('Sessions you marked: 1')).toBeVisible();
	const benStar = ben.getByRole('button', { name: 'I’d go: Robots with Lego' });
	await benStar.click();
	await expect(benStar).toHaveAttribute('aria-pressed', 'true');
	// Taken back and given again.
	await benStar.click();
	await expect(benStar).toHaveAttribute('aria-pressed', 'false');
	await benStar.click();
	await expect(benStar).toHaveAttribute('aria-pressed', 'true');
	await expect(ben.getByRole('region', { name: /Which sessions would you go to/ }).getByRole('listitem').filter({ hasText: 'Game jam ideas' })).toContainText('Would go: 1');
	await benStar.scrollIntoViewIfNeeded();
	await screen(ben, 'barcamp-phone-vote-320');
	await audit(ben, 'phone while voting');
	await expect(projector.getByText('people marked interest')).toBeVisible();
	await expect(projector.locator('.number').nth(1)).toContainText('2');
	await screenshot(projector, 'barcamp-projector-vote');

	// Plan: the phones show their marks while the grid is made.
	await fac.send('activity:phase', { activityId: campId, phase: 'plan' });
	await expect(ada.getByRole('region', { name: 'Your marks' })).toContainText('Game jam ideas');
	await fac.send('barcamp:place', { proposalId: robots, roomId: rooms.Aula, slotId: slots.first });
	await fac.send('barcamp:place', { proposalId: gamejam, roomId: rooms['Room B'], slotId: slots.first });
	await fac.send('barcamp:place', { proposalId: climate, roomId: rooms.Aula, slotId: slots.second });
	await expect(projector.getByText('The grid is being planned. It appears here soon.')).toBeVisible();

	// Publish: the grid on every screen.
	await fac.send('activity:phase', { activityId: campId, phase: 'live' });
	const grid = projector.getByRole('table', { name: 'The whole grid' });
	await expect(grid.getByRole('columnheader', { name: 'Room B' })).toBeVisible();
	await expect(grid.getByRole('row').filter({ hasText: 'Robots with Lego' })).toContainText('Game jam ideas');
	await expect(grid.getByRole('row').filter({ hasText: 'Lunch' })).toBeVisible();
	await expect(grid.getByRole('row').filter({ hasText: 'Robots with Lego' }).getByText('Now')).toBeVisible();
	await expect(grid.getByRole('row').filter({ hasText: 'Climate data' }).getByText('Next')).toBeVisible();
	await screenshot(projector, 'barcamp-projector-grid');

	const nowNext = ada.getByRole('region', { name: 'Now and next' });
	await expect(nowNext.getByRole('article').first()).toContainText('Aula');
	await expect(nowNext).toContainText('Robots with Lego');
	await expect(nowNext).toContainText('Game jam ideas');
	await expect(nowNext).toContainText('Climate data');
	// My schedule: what Ada hosts and what she marked, per slot; hosting one and marking another at once is a clash.
	const schedule = ada.getByRole('region', { name: 'My schedule' });
	await expect(schedule.getByRole('article')).toHaveCount(3);
	await expect(schedule.getByText('Clash: you cannot be in these sessions at the same time.')).toBeVisible();
	await schedule.scrollIntoViewIfNeeded();
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	await schedule.screenshot({ path: path.join(SCREENSHOT_DIR, 'barcamp-phone-schedule.png') });
	await screenshot(ada, 'barcamp-phone-live');
	await audit(ada, 'phone with the published grid');
	await audit(projector, 'projector with the grid');

	// Check in: Ben goes to the robots (one session per slot) and is told where he is.
	const benNow = ben.getByRole('region', { name: 'Now and next' });
	await benNow.getByRole('button', { name: 'Check in: Robots with Lego' }).click();
	await expect(benNow).toContainText('You are checked in to “Robots with Lego”.');
	await expect(benNow.getByRole('button', { name: /^Check in/ })).toHaveCount(0);

	// Notes: the host and the person checked in write the session's notes together.
	await nowNext.getByRole('button', { name: 'Notes of “Robots with Lego”' }).click();
	await benNow.getByRole('button', { name: 'Notes of “Robots with Lego”' }).click();
	const adaNotes = ada.getByRole('textbox', { name: 'Notes: Robots with Lego' });
	const benNotes = ben.getByRole('textbox', { name: 'Notes: Robots with Lego' });
	await expect(adaNotes).toBeEditable();
	await expect(benNotes).toBeEditable();
	await adaNotes.click();
	await adaNotes.pressSequentially('Bring batteries.');
	await expect(benNotes).toHaveValue('Bring batteries.');
	await benNotes.click();
	await benNotes.press('Control+End');
	await benNotes.pressSequentially('\nBen: I bring the laptop.');
	await expect(adaNotes).toHaveValue('Bring batteries.\nBen: I bring the laptop.');

	// A move after publishing: Ada (and her co-host Ben) are told at once, without a reload; the projector pulses it.
	await fac.send('barcamp:place', { proposalId: climate, roomId: rooms['Room C'], slotId: slots.third });
	const moved = /Your session “Climate data” moved to Room C at \d/;
	const adaNotice = ada.getByRole('status', { name: 'Changes to your sessions' });
	await expect(adaNotice).toContainText(moved);
	await expect(ben.getByRole('status', { name: 'Changes to your sessions' })).toContainText(moved);
	await ben.evaluate(() => window.scrollTo(0, 0));
	await screen(ben, 'barcamp-phone-moved-320');
	await expect(grid.getByRole('row').filter({ hasText: 'Climate data' }).getByText('Moved')).toBeVisible();
	await expect(grid.getByRole('row').filter({ hasText: 'Climate data' })).not.toContainText('Next');
	await adaNotice.getByRole('button', { name: 'Dismiss the notice about “Climate data”' }).click();
	await expect(adaNotice).not.toContainText(moved);
	await ada.reload();
	await expect(ada.getByRole('region', { name: 'My schedule' })).toContainText('Climate data');
	await expect(ada.getByRole('status', { name: 'Changes to your sessions' })).not.toContainText(moved);
	await expect(ben.getByRole('status', { name: 'Changes to your sessions' })).toContainText(moved);

	// Her schedule as iCal, read with an independent parser: her two sessions and the one she marked, at their times.
	const link = ada.getByRole('link', { name: 'Download my schedule (iCal)' });
	const res = await ada.context().request.get((await link.getAttribute('href'))!);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toMatch(/text\/calendar/);
	const cal = new ICAL.Component(ICAL.parse(await res.text()));
	const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	const byTitle = new Map(events.map((e) => [e.summary, e]));
	expect([...byTitle.keys()].sort()).toEqual(['Climate data', 'Game jam ideas', 'Robots with Lego']);
	expect(byTitle.get('Climate data')!.startDate.toJSDate().getTime()).toBe(times.third[0] - (times.third[0] % 1000));
	expect(byTitle.get('Climate data')!.endDate.toJSDate().getTime()).toBe(times.third[1] - (times.third[1] % 1000));
	expect(byTitle.get('Climate data')!.location).toContain('Room C');
	expect(byTitle.get('Robots with Lego')!.location).toContain('Aula');

	fac.close();
	for (const p of [fac.page, ada, ben, projector]) await p.context().close();
});

test('BarCamp grid for a big hall: 8 rooms and 6 slots stay readable on a 1080p beamer, and on a 320 px phone', async ({ browser }) => {
	const fac = await Facilitator.create(browser, 'Big BarCamp');
	const campId = (await fac.send('activity:add', { type: 'barcamp', title: 'City BarCamp' })).activityId as string;
	await fac.send('activity:activate', { activityId: campId });
	const roomIds: string[] = [];
	for (const name of ['Aula', 'Library', 'Room 101', 'Room 102', 'Room 103', 'Lab', 'Cafeteria', 'Gym'])
		roomIds.push((await fac.send('barcamp:rooms', { activityId: campId, op: { type: 'add', name, capacity: 40, features: [] } })).roomId as string);
	// Opening, three sessions, lunch, three sessions; the second session slot runs now.
	const now = Date.now();
	const at = (m: number) => now + m * MIN;
	const layout: [number, number, 'sessions' | 'break' | 'common', string?][] = [
		[-120, -90, 'common', 'Opening'],
		[-85, -40, 'sessions'],
		[-35, 10, 'sessions'],
		[15, 60, 'sessions'],
		[60, 120, 'break', 'Lunch'],
		[120, 165, 'sessions'],
		[170, 215, 'sessions'],
		[220, 265, 'sessions']
	];
	const sessionSlots: string[] = [];
	for (const [s, e, kind, label] of layout) {
		const id = (await fac.send('barcamp:slots', { activityId: campId, op: { type: 'add', start: at(s), end: at(e), kind, ...(label ? { label } : {}) } })).slotId as string;
		if (kind === 'sessions') sessionSlots.push(id);
	}
	const topics = [
		'Kubernetes for beginners', 'Why our bus timetable is wrong', 'Open data in the city council', 'Knitting patterns as code',
		'Accessibility on the web: the basics everyone skips', 'Urban gardening', 'Podcasting with a phone', 'Rust or Go?',
		'How to run a repair café', 'Board games design', 'Privacy for teenagers', 'Bike repair 101',
		'Mapping the neighbourhood with OpenStreetMap', 'Climate stripes', 'Photography at night', 'Raspberry Pi weather station',
		'Learning languages with songs', 'Making a zine', 'Local history walk', 'Composting at home',
		'Public speaking without fear', 'Machine learning explained without maths', 'Street art', 'Fixing broken phones',
		'Recipes from our grandparents', 'Chess for everyone', 'Writing a short story together', 'Drones and the law',
		'Mental health at school', 'Cycling infrastructure', 'Self-hosting your photos', 'Community radio',
		'How elections are counted', 'Beekeeping on a roof', 'Sign language basics', 'Game jam ideas',
		'Volunteering abroad', 'Solar panels on the school roof', 'Minimalism', 'Comics workshop',
		'Starting a youth council', 'Lego robots', 'Fact-checking the news', 'Tiny houses',
		'Skateboarding and city planning', 'Sewing your own clothes', 'Reading club', 'Astronomy with binoculars'
	];
	await fac.send('activity:phase', { activityId: campId, phase: 'propose' });
	for (const title of topics) await fac.send('proposal:create', { activityId: campId, title, description: '', format: 'talk', needs: [], cohostIds: [], anonymous: false });
	const ids = await fac.proposals(campId);
	await fac.send('activity:phase', { activityId: campId, phase: 'plan' });
	let i = 0;
	for (const slotId of sessionSlots) for (const roomId of roomIds) await fac.send('barcamp:place', { proposalId: ids.get(topics[i++]), roomId, slotId });
	await fac.send('activity:phase', { activityId: campId, phase: 'live' });

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(fac.projectorPath);
	const grid = projector.getByRole('table', { name: 'The whole grid' });
	await expect(grid.getByRole('columnheader')).toHaveCount(9);
	// Placed slot by slot, room by room: the second slot (running now) starts with the ninth topic.
	const nowRow = grid.getByRole('row').filter({ hasText: 'How to run a repair café' });
	await expect(nowRow.getByText('Now')).toBeVisible();
	// The slots now and next are in readable type (at least 3.1vh: 33 px on a 1080p image), whole on screen.
	const vh = 1080 / 100;
	await expect(grid.getByRole('row').filter({ hasText: 'Learning languages with songs' }).getByText('Next')).toBeVisible();
	for (const title of ['How to run a repair café', 'Learning languages with songs']) {
		const cell = grid.getByRole('cell', { name: title });
		await expect(cell).toBeInViewport({ ratio: 1 });
		expect(await cell.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(3.1 * vh - 0.5);
	}
	// Every row of the day is on screen (none cut off at the bottom).
	for (const title of ['Kubernetes for beginners', 'Astronomy with binoculars']) await expect(grid.getByRole('cell', { name: title })).toBeInViewport({ ratio: 1 });
	await expect(grid.getByRole('cell', { name: 'Lunch' })).toBeInViewport({ ratio: 1 });
	await screenshot(projector, 'barcamp-projector-grid-8x6');

	// The same day on the narrowest phone: one list per slot, nothing wider than the screen.
	const phone = await joinPhone(browser, fac.code, 'Lea', { ...PHONE, viewport: { width: 320, height: 640 } });
	const whole = phone.getByRole('region', { name: 'The whole grid' });
	await expect(whole.getByRole('article')).toHaveCount(48);
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await whole.getByRole('heading', { name: /Now/ }).scrollIntoViewIfNeeded();
	await screen(phone, 'barcamp-phone-grid-320');
	fac.close();
	for (const p of [fac.page, projector, phone]) await p.context().close();
});
