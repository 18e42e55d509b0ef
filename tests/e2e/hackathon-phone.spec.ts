import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { SCREENSHOT_DIR, createWorkshop, joinWithCode, signUp } from '../helpers/e2e';
import { io, type Socket } from 'socket.io-client';

/**
 * The hackathon on phones: a facilitator (over its socket, as the control room does) sets up two
 * challenges (one with an image), team rules and a deadline; three phones (390 and 320 px wide) fill a profile, ask
 * to be matched, create and join teams (a full team's "Join" is disabled with its reason), edit the project page (a
 * link without http is refused under the button), co-edit the description, tick the stage and checklist, submit,
 * agree to the showcase, vote (own team disabled, a confirming step), see the results and the ceremony.
 * Screenshots go to test-results/screenshots/hackathon/phone-*.png.
 */

const SHOTS = path.join(SCREENSHOT_DIR, 'hackathon');
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SMALL: BrowserContextOptions = { ...PHONE, viewport: { width: 320, height: 640 } };
const LAPTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
type Ack = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };

async function shot(page: Page, name: string, fullPage = true) {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`), fullPage });
}

/** A small PNG (a two-colour gradient), made here so the try-out needs no file. */
function png(w: number, h: number): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (b: Buffer) => {
		let c = 0xffffffff;
		for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const t = Buffer.concat([Buffer.from(type), data]);
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(t));
		return Buffer.concat([len, t, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const raw = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const o = y * (w * 3 + 1) + 1 + x * 3;
			raw[o] = 30 + Math.round((x / w) * 60);
			raw[o + 1] = 120 + Math.round((y / h) * 100);
			raw[o + 2] = 200;
		}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

class Facilitator {
	constructor(
		readonly page: Page,
		readonly workshopId: string,
		readonly code: string,
		private socket: Socket
	) {}

	static async create(browser: Browser): Promise<Facilitator> {
		const page = await (await browser.newContext(LAPTOP)).newPage();
		await signUp(page);
		await createWorkshop(page, 'Hack day');
		const workshopId = new URL(page.url()).pathname.split('/').at(-1)!;
		// The join code from the workshop list (the control room, which shows it too, is not what this tries out).
		await page.goto('/f');
		const code = /[A-Z0-9]{4}-[A-Z0-9]{3}/.exec(await page.locator('.code.mono').first().innerText())![0];
		const origin = new URL(page.url()).origin;
		const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const socket = io(origin, { auth: { workshopId, as: 'facilitator' }, transports: ['websocket'], extraHeaders: { cookie, origin }, reconnection: false, forceNew: true });
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		return new Facilitator(page, workshopId, code, socket);
	}

	async send(name: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
		for (let attempt = 0; ; attempt++) {
			const r = await new Promise<Ack>((resolve) =>
				this.socket.timeout(10_000).emit(name, { key: randomUUID().replace(/-/g, ''), ...payload }, (err: Error | null, res: Ack) => resolve(err ? { ok: false, error: 'timeout' } : res))
			);
			if (r.ok) return r.data;
			if (r.error !== 'rate_limited' || attempt > 20) throw new Error(`${name} refused: ${r.error}`);
			await new Promise((res) => setTimeout(res, 500));
		}
	}

	close() {
		this.socket.close();
	}
}

async function join(browser: Browser, code: string, nickname: string, options: BrowserContextOptions, lag?: Lag): Promise<Page> {
	const context = await browser.newContext(options);
	if (lag) await lag.attach(context);
	const phone = await context.newPage();
	return joinWithCode(phone, code, nickname);
}

/**
 * A phone whose view of the room lags a moment behind, as on venue Wi-Fi: while held, what the server sends the phone
 * over its websockets waits, in order, until released. What the phone sends goes out at once.
 */
class Lag {
	private held = false;
	private queue: Array<() => void> = [];

	async attach(context: BrowserContext) {
		// Both of the phone's websockets: socket.io (acks, views) and the Yjs documents (the room's shared state).
		await context.routeWebSocket(/./, (ws) => {
			const server = ws.connectToServer();
			ws.onMessage((m) => server.send(m));
			server.onMessage((m) => (this.held ? this.queue.push(() => ws.send(m)) : ws.send(m)));
			ws.onClose(() => server.close());
			server.onClose(() => ws.close());
		});
	}

	hold() {
		this.held = true;
	}

	release() {
		this.held = false;
		for (const send of this.queue.splice(0)) send();
	}
}

/** No serious or critical WCAG 2.1 A/AA finding on what the phone shows now. */
async function audit(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

/** No element wider than the screen (a 320 px phone must not scroll sideways). */
async function fitsWidth(page: Page) {
	const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(over).toBeLessThanOrEqual(0);
}

test('the hackathon on phones: teams, project page, vote, ceremony', async ({ browser }) => {
	test.setTimeout(240_000);
	const fac = await Facilitator.create(browser);
	const hackId = (await fac.send('activity:add', { type: 'hackathon', title: 'Youth Hackathon 2026' })).activityId as string;
	await fac.send('activity:activate', { activityId: hackId });
	const water = (await fac.send('hackathon:challenges', { activityId: hackId, op: { type: 'add', title: 'Clean water for every school', partner: 'City water works', description: 'How can pupils tell whether the water in their school is safe to drink, and tell others?' } })).challengeId as string;
	await fac.send('hackathon:challenges', { activityId: hackId, op: { type: 'add', title: 'Safe way to school', partner: 'Police youth team', description: 'Find the dangerous crossings on the way to school and make them visible.' } });
	const up = await fac.page.context().request.post(`/w/${fac.workshopId}/challenges/${water}/image`, {
		headers: { origin: new URL(fac.page.url()).origin },
		multipart: { image: { name: 'water.png', mimeType: 'image/png', buffer: png(240, 120) } }
	});
	expect(up.ok(), `${up.status()} ${await up.text()}`).toBe(true);
	const deadline = Date.now() + (2 * 60 + 14) * 60_000 + 30_000;
	await fac.send('hackathon:settings', { activityId: hackId, settings: { minTeamSize: 2, maxTeamSize: 2, deadline } });

	const ada = await join(browser, fac.code, 'Ada', PHONE);
	const ben = await join(browser, fac.code, 'Ben', PHONE);
	const cleo = await join(browser, fac.code, 'Cleo', SMALL);
	const danLag = new Lag();
	const dan = await join(browser, fac.code, 'Dan', PHONE, danLag);
	await expect(ada.getByRole('heading', { name: 'Youth Hackathon 2026' })).toBeVisible();
	await expect(ada.getByRole('img', { name: /Clean water for every school/ })).toBeVisible();
	await shot(ada, 'setup-390');

	await fac.send('activity:phase', { activityId: hackId, phase: 'teams' });
	await expect(ada.getByRole('timer')).toHaveText('2 h 14 min left');

	// Ada fills her profile and asks to be matched; then Ben creates a team and she joins it.
	await ada.getByRole('checkbox', { name: 'Code' }).check();
	await ada.getByRole('checkbox', { name: 'Environment' }).check();
	await ada.getByLabel('New tag').fill('3D printing');
	await ada.getByRole('button', { name: 'Add', exact: true }).click();
	await ada.getByLabel('Add a challenge I would like').selectOption({ label: 'Safe way to school' });
	await ada.getByLabel('Add another challenge').selectOption({ label: 'Clean water for every school' });
	await ada.getByRole('button', { name: 'Move Clean water for every school up' }).click();
	await ada.getByRole('button', { name: 'Save profile' }).click();
	await expect(ada.getByText('Profile saved.')).toBeVisible();
	await ada.getByRole('checkbox', { name: 'Find me a team' }).check();
	await expect(ada.getByText('Waiting to be matched')).toBeVisible();
	await shot(ada, 'profile-waiting-390');

	await ben.getByLabel('Team name').fill('Water Wizards');
	await ben.getByLabel('Challenge', { exact: true }).selectOption({ label: 'Clean water for every school' });
	await ben.getByRole('button', { name: 'Create team' }).click();
	await expect(ben.getByRole('heading', { name: 'Water Wizards', level: 2 })).toBeVisible();

	// Ada and Dan tap "Join" for the last place. Ada's tap reaches the server first; Dan's phone has not heard yet (its
	// view lags), so its button is still enabled and Dan taps too: the server refuses him, and he reads why under the
	// button. (Twenty phones tapping at the same moment are the integration test's: exactly one gets the place.)
	await expect(ada.getByRole('button', { name: 'Join Water Wizards' })).toBeEnabled();
	await expect(dan.getByRole('button', { name: 'Join Water Wizards' })).toBeEnabled();
	danLag.hold();
	await ada.getByRole('button', { name: 'Join Water Wizards' }).click();
	await expect(ada.getByRole('heading', { name: 'Water Wizards', level: 2 })).toBeVisible();
	await dan.getByRole('button', { name: 'Join Water Wizards' }).click();
	danLag.release();
	const full = 'This team is full. Choose another team or start your own.';
	const loser = dan;
	await expect(loser.getByText(full)).toBeVisible();
	await expect(loser.getByRole('button', { name: 'Join Water Wizards' })).toBeDisabled();
	await expect(loser.getByRole('heading', { name: 'Water Wizards', level: 2 })).toHaveCount(0);
	await expect(ada.getByText(full)).toHaveCount(0);
	await loser.getByText(full).scrollIntoViewIfNeeded();
	await shot(loser, 'join-refused-390', false);
	// The facilitator makes room for one more, and the other joins too.
	await fac.send('hackathon:settings', { activityId: hackId, settings: { maxTeamSize: 3 } });
	await loser.getByRole('button', { name: 'Join Water Wizards' }).click();
	await expect(loser.getByText(full)).toHaveCount(0);
	await expect(ada.getByRole('heading', { name: 'Water Wizards', level: 2 })).toBeVisible();
	await expect(ada.getByText('Waiting to be matched')).toHaveCount(0);

	// Cleo (320 px) sees the full team's Join disabled, with the reason.
	await expect(cleo.getByRole('button', { name: 'Join Water Wizards' })).toBeDisabled();
	await expect(cleo.getByText('Full: no free place')).toBeVisible();
	await fitsWidth(cleo);
	await cleo.getByRole('region', { name: 'Teams' }).scrollIntoViewIfNeeded();
	await shot(cleo, 'team-list-320');
	await shot(cleo, 'team-list-320-screen', false);
	await audit(cleo, 'team list');
	await cleo.getByLabel('Team name').fill('Bike Builders');
	await cleo.getByRole('button', { name: 'Create team' }).click();
	await expect(cleo.getByRole('heading', { name: 'Bike Builders', level: 2 })).toBeVisible();
	await expect(cleo.getByText('No challenge chosen yet')).toHaveCount(2);

	// Hacking: the project page.
	await fac.send('activity:phase', { activityId: hackId, phase: 'hack' });
	await ada.getByRole('textbox', { name: 'Project title' }).fill('Splash: a water tester for schools');
	await ada.getByLabel('Link to the code').fill('github.com/water-wizards/splash');
	await ada.getByRole('button', { name: 'Save project' }).click();
	await expect(ada.getByText('A link must start with https:// or http://.')).toBeVisible();
	await ada.getByText('A link must start with https:// or http://.').scrollIntoViewIfNeeded();
	await shot(ada, 'project-bad-link-390', false);
	await ada.getByLabel('Link to the code').fill('https://github.com/water-wizards/splash');
	await ada.getByLabel('Link to the demo video').fill('https://video.example.org/splash');
	await ada.getByRole('button', { name: 'Save project' }).click();
	await expect(ada.getByText('Project saved.')).toBeVisible();
	await expect(ben.getByRole('textbox', { name: 'Project title' })).toHaveValue('Splash: a water tester for schools');

	await ada.getByLabel('Project description').fill('A cheap sensor in every school tap.\nPupils read it on their phones.');
	await expect(ben.getByLabel('Project description')).toHaveValue(/cheap sensor/);
	await ben.getByRole('radio', { name: /Sketched/ }).check();
	await expect(ada.getByRole('radio', { name: /Sketched/ })).toBeChecked();
	await ada.getByRole('checkbox', { name: 'We drew the idea on paper' }).check();
	await expect(ben.getByRole('checkbox', { name: 'We drew the idea on paper' })).toBeChecked();
	await ada.getByRole('button', { name: 'Submit project' }).click();
	await expect(ada.getByText('Submitted', { exact: true })).toBeVisible();
	await ada.getByRole('checkbox', { name: 'Show our project in the showcase' }).check();
	await ada.getByRole('checkbox', { name: 'Show my nickname with it' }).check();
	await expect(ada.getByRole('checkbox', { name: 'Show my nickname with it' })).toBeChecked();
	await fitsWidth(ada);
	await ada.evaluate(() => window.scrollTo(0, 0));
	await shot(ada, 'project-page-390');
	await audit(ada, 'project page');

	await cleo.getByLabel('Our challenge').selectOption({ label: 'Safe way to school' });
	await cleo.getByRole('button', { name: 'Save project' }).click();
	await expect(cleo.getByRole('region', { name: 'Bike Builders' }).getByText('Challenge: Safe way to school')).toBeVisible();
	// Cleo's team is too small to submit: the button says why.
	await expect(cleo.getByRole('button', { name: 'Submit project' })).toBeDisabled();
	await expect(cleo.getByText('A team needs at least 2 members to submit; yours has 1.')).toBeVisible();
	await cleo.getByRole('button', { name: 'Submit project' }).scrollIntoViewIfNeeded();
	await shot(cleo, 'submit-too-small-320', false);
	await fitsWidth(cleo);
	await shot(cleo, 'project-page-320');

	// Pitches and the audience vote.
	const heading = (await ada.locator('[id^="hkp-my-"][id$="-heading"]').getAttribute('id'))!;
	const waterTeam = heading.slice('hkp-my-'.length, -'-heading'.length);
	await fac.send('activity:phase', { activityId: hackId, phase: 'pitch' });
	await expect(ada.getByRole('heading', { name: 'On stage now' })).toBeVisible();
	await fac.send('hackathon:pitch', { activityId: hackId, teamId: waterTeam });
	await expect(cleo.getByText('Splash: a water tester for schools')).toBeVisible();
	await fac.send('hackathon:voting', { activityId: hackId, open: true });
	await expect(ada.getByRole('radio', { name: /Water Wizards/ })).toBeDisabled();
	await expect(ada.getByText('your team', { exact: true })).toBeVisible();
	await shot(ada, 'vote-list-390');
	await audit(ada, 'vote');
	await cleo.getByRole('radio', { name: /Water Wizards/ }).check();
	await cleo.getByRole('button', { name: 'Vote for Water Wizards' }).click();
	await expect(cleo.getByText('Vote for Water Wizards? Your vote cannot be changed afterwards.')).toBeVisible();
	await shot(cleo, 'vote-confirm-320');
	await cleo.getByRole('button', { name: 'Yes, cast my vote' }).click();
	await expect(cleo.getByText('You voted for Water Wizards.')).toBeVisible();
	await ada.getByRole('radio', { name: /Bike Builders/ }).check();
	await ada.getByRole('button', { name: 'Vote for Bike Builders' }).click();
	await ada.getByRole('button', { name: 'Yes, cast my vote' }).click();
	await expect(ada.getByText('You voted for Bike Builders.')).toBeVisible();
	await shot(cleo, 'voted-320');
	await fac.send('hackathon:voting', { activityId: hackId, open: false, revealed: true });
	await expect(cleo.getByRole('heading', { name: 'Results of the audience vote' })).toBeVisible();
	await shot(cleo, 'vote-results-320');

	// The ceremony.
	await fac.send('hackathon:judging', { activityId: hackId, closed: true });
	await fac.send('activity:phase', { activityId: hackId, phase: 'ceremony' });
	await fac.send('hackathon:ceremony', { activityId: hackId, action: 'start' });
	for (let i = 0; i < 3; i++) await fac.send('hackathon:ceremony', { activityId: hackId, action: 'next' }).catch(() => null);
	await expect(ada.getByText('Audience award')).toBeVisible();
	await shot(ada, 'ceremony-390');
	await audit(ada, 'ceremony');
	// The same phone in German and French at 320 px: nothing wider than the screen.
	for (const [lang, name] of [['DE', 'de'], ['FR', 'fr']] as const) {
		await cleo.getByRole('button', { name: new RegExp(`^${lang} `) }).click();
		await expect(cleo.locator('html')).toHaveAttribute('lang', name);
		await fitsWidth(cleo);
		await shot(cleo, `ceremony-320-${name}`);
	}
	fac.close();
});
