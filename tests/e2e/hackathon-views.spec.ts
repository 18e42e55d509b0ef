import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { HackView } from '../../src/lib/features/hackathon/views';
import { LAPTOP, PROJECTOR, SCREENSHOT_DIR, createWorkshop, hydrated, openAs, signUp } from '../helpers/e2e';

// The hackathon's views outside the phone and the control room (issue 15): the projector through the day (60 teams
// by stage at 1080p and 720p, the pitch with the count of votes only, the ceremony step by step), the jury page on a
// phone (with and without scripts), the consent page (without scripts, then with), and the showcase, which loads
// nothing from another site until a video is asked for. The set-up goes through real socket.io connections, as the
// facilitator's and phones' pages do.

const SHOTS = path.join(SCREENSHOT_DIR, 'hackathon');
const BASE = `http://127.0.0.1:${process.env.PLENUM_E2E_PORT ?? '4173'}`;
const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let seq = 0;
const key = () => `k${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function connect(workshopId: string, as: 'facilitator' | 'participant', cookie: string): Promise<Socket> {
	const socket = io(BASE, { auth: { workshopId, as }, transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
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

/** Signs up, creates an English workshop; the facilitator's page, socket and cookie, the workshop and its projector link. */
async function newWorkshop(browser: Browser, title: string) {
	const fac = await openAs(browser, LAPTOP);
	await signUp(fac);
	const code = (await createWorkshop(fac, title)).replace('-', '');
	const workshopId = new URL(fac.url()).pathname.split('/').at(-1)!;
	const projectorUrl = await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue();
	const cookie = (await fac.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	return { fac, code, workshopId, projectorUrl, cookie, socket: await connect(workshopId, 'facilitator', cookie) };
}

/** A phone without a browser: joins by the nickname form's POST and connects as the page does. */
async function phone(code: string, workshopId: string, nickname: string) {
	const res = await fetch(`${BASE}/j/${code}`, {
		method: 'POST',
		body: new URLSearchParams({ nickname }),
		headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`plenum_p_${workshopId}=`))?.split(';')[0];
	if (!cookie) throw new Error(`${nickname} could not join (${res.status})`);
	return { nickname, cookie, socket: await connect(workshopId, 'participant', cookie) };
}

/** The staff's replica of the workshop's document (juror links and the showcase's token are in it). */
function staffDoc(workshopId: string, cookie: string) {
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(BASE.replace('http', 'ws') + `/yjs/${workshopId}`, 'staff', doc, { WebSocketPolyfill: CookieWebSocket as never, disableBc: true });
	return { hack: (id: string) => doc.getMap<HackView>('hackathon.hacks').get(id), destroy: () => (provider.destroy(), doc.destroy()) };
}

/** Adds a hackathon and puts it on screen; answers its id and stages. */
async function newHackathon(socket: Socket, title: string, settings: Record<string, unknown>) {
	const { activityId } = await send(socket, 'activity:add', { type: 'hackathon', title });
	await send(socket, 'activity:activate', { activityId });
	await send(socket, 'hackathon:settings', { activityId, settings });
	return activityId as string;
}

/** The team names the projector's board shows right now, each checked to be whole inside its column. */
function boardNames(projector: Page): Promise<{ names: string[]; cut: string[]; smallest: number }> {
	return projector.evaluate(() => {
		const names: string[] = [];
		const cut: string[] = [];
		let smallest = Infinity;
		for (const li of document.querySelectorAll<HTMLElement>('[aria-label="Teams by stage"] li')) {
			if (li.offsetParent === null) continue;
			const t = li.querySelector<HTMLElement>('.t')!;
			const col = li.closest('ul')!.getBoundingClientRect();
			const r = li.getBoundingClientRect();
			names.push(t.textContent!.trim());
			smallest = Math.min(smallest, parseFloat(getComputedStyle(li).fontSize));
			if (r.bottom > col.bottom + 1 || r.right > col.right + 1) cut.push(t.textContent!.trim());
		}
		return { names, cut, smallest };
	});
}

test.describe.configure({ mode: 'parallel' });

test('the projector shows 60 teams by stage with the countdown and the submissions, readable at 1080p and 720p', async ({ browser }) => {
	test.setTimeout(240_000);
	const w = await newWorkshop(browser, 'Big hack day');
	const hackId = await newHackathon(w.socket, 'Sixty teams', { minTeamSize: 1, maxTeamSize: 5, deadline: Date.now() + (83 * 60 + 30) * 1000 });
	await send(w.socket, 'hackathon:challenges', { activityId: hackId, op: { type: 'add', title: 'Cooler school yards', partner: 'City of Bonn', description: '' } });
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(`${w.projectorUrl}?page=2`);
	await expect(projector.getByText('The hackathon is being prepared.')).toBeVisible();
	await projector.screenshot({ path: path.join(SHOTS, 'projector-setup-1080.png'), animations: 'disabled' });

	await send(w.socket, 'activity:phase', { activityId: hackId, phase: 'teams' });
	const words = ['Solar', 'Squirrels', 'Bike', 'Whisperers', 'Green', 'Roof', 'Rangers', 'Water', 'Watchers', 'Code', 'Crew', 'of', 'the', 'Rhine'];
	const names = Array.from({ length: 60 }, (_, i) => {
		let n = `${i + 1}`;
		for (let k = 0; k < 1 + (i % 5); k++) n += ` ${words[(i * 3 + k) % words.length]}`;
		return n;
	});
	const phones = await Promise.all(names.map((_, i) => phone(w.code, w.workshopId, `P${i + 1}`)));
	const teamIds: string[] = [];
	for (const [i, p] of phones.entries()) teamIds.push((await send(p.socket, 'team:create', { activityId: hackId, name: names[i], challengeId: null })).teamId);
	await send(w.socket, 'activity:phase', { activityId: hackId, phase: 'hack' });

	// Every team at the first stage: the column pages through its names, each seen whole in readable type.
	const board = projector.getByRole('region', { name: 'Teams by stage' });
	await expect(board.getByLabel('Teams: 60')).toBeVisible();
	await expect(projector.getByText(/Page 1 of \d/)).toBeVisible();
	await expect(projector.getByRole('timer')).toHaveText(/^1:2\d:\d\d$/);
	await projector.screenshot({ path: path.join(SHOTS, 'projector-60-one-stage-1080.png'), animations: 'disabled' });
	const seen = new Set<string>();
	await expect
		.poll(
			async () => {
				const now = await boardNames(projector);
				expect(now.cut).toEqual([]);
				expect(now.smallest).toBeGreaterThanOrEqual(1080 * 0.031 - 0.5);
				for (const n of now.names) seen.add(n);
				return seen.size;
			},
			{ timeout: 90_000, intervals: [1000] }
		)
		.toBe(60);

	// Spread over the stages, some submitted.
	const stages = (await projector.evaluate(() => [...document.querySelectorAll('[aria-label="Teams by stage"] h2 .name')].map((e) => e.textContent))) as string[];
	expect(stages).toEqual(['Idea', 'Sketched', 'Prototype', 'Demo-ready']);
	const staff = staffDoc(w.workshopId, w.cookie);
	await expect.poll(() => staff.hack(hackId)?.stages.length ?? 0).toBe(4);
	const stageIds = staff.hack(hackId)!.stages.map((s) => s.id);
	for (const [i, p] of phones.entries()) {
		const at = i < 14 ? 0 : i < 34 ? 1 : i < 52 ? 2 : 3;
		if (at) await send(p.socket, 'team:stage', { teamId: teamIds[i], stageId: stageIds[at] });
		if (i % 5 === 0) await send(p.socket, 'team:submit', { teamId: teamIds[i], submitted: true });
	}
	await expect(board.getByLabel('Teams: 20')).toBeVisible();
	await expect(projector.getByText('12 of 60 projects submitted')).toBeAttached();
	await projector.screenshot({ path: path.join(SHOTS, 'projector-60-stages-1080.png'), animations: 'disabled' });
	await projector.setViewportSize({ width: 1280, height: 720 });
	await expect.poll(async () => (await boardNames(projector)).cut).toEqual([]);
	expect((await boardNames(projector)).smallest).toBeGreaterThanOrEqual(720 * 0.031 - 0.5);
	await projector.screenshot({ path: path.join(SHOTS, 'projector-60-stages-720.png'), animations: 'disabled' });
	staff.destroy();
	for (const p of phones) p.socket.close();
	w.socket.close();
});

test('a hackathon from the pitches to the showcase: the jury on a phone, the count of votes only, the ceremony step by step, a showcase that loads nothing from elsewhere', async ({ browser }) => {
	test.setTimeout(240_000);
	const w = await newWorkshop(browser, 'Youth Hack Day');
	const hackId = await newHackathon(w.socket, 'Climate Hack', { minTeamSize: 1, maxTeamSize: 3, deadline: Date.now() + 2 * 3600_000 });
	const challenges: string[] = [];
	for (const [title, partner] of [
		['Cooler school yards', 'City of Bonn'],
		['Safe way to school', 'Police']
	])
		challenges.push((await send(w.socket, 'hackathon:challenges', { activityId: hackId, op: { type: 'add', title, partner, description: '' } })).challengeId);
	await send(w.socket, 'hackathon:jurors', { activityId: hackId, op: { type: 'add', name: 'Anna Berg', teamIds: null } });
	const staff = staffDoc(w.workshopId, w.cookie);
	const jurorToken = await expect.poll(() => staff.hack(hackId)?.jurors?.[0]?.token).toBeTruthy().then(() => staff.hack(hackId)!.jurors![0].token);

	await send(w.socket, 'activity:phase', { activityId: hackId, phase: 'teams' });
	const teamsSpec = [
		{ name: 'Solar Squirrels', title: 'ShadeMap: where the yard burns', challenge: 0, video: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', code: 'https://github.com/example/shademap' },
		{ name: 'Die Fahrradflüsterer', title: 'Pedal Power', challenge: 1, video: 'https://vimeo.com/76979871', code: '' },
		{ name: 'Green Roof Rangers', title: 'Moss on the bus stop', challenge: 0, video: '', code: '' },
		{ name: 'Water Watchers', title: 'Puddle alarm', challenge: null, video: '', code: '' },
		{ name: 'Code Crew', title: 'Safe crossing bot', challenge: 1, video: '', code: '' },
		{ name: 'Rhine Rats', title: 'River sensor', challenge: null, video: '', code: '' }
	];
	const leads = await Promise.all(teamsSpec.map((_, i) => phone(w.code, w.workshopId, `Lead ${i + 1}`)));
	const teamIds: string[] = [];
	for (const [i, t] of teamsSpec.entries()) {
		const id = (await send(leads[i].socket, 'team:create', { activityId: hackId, name: t.name, challengeId: t.challenge === null ? null : challenges[t.challenge] })).teamId;
		teamIds.push(id);
		await send(leads[i].socket, 'team:update', { teamId: id, title: t.title, codeUrl: t.code, videoUrl: t.video });
		await send(leads[i].socket, 'team:submit', { teamId: id, submitted: true });
	}
	const mia = await phone(w.code, w.workshopId, 'Mia');
	await send(mia.socket, 'team:join', { teamId: teamIds[0] });
	const audience = await Promise.all(['Ola', 'Per', 'Qi', 'Rob', 'Sam'].map((n) => phone(w.code, w.workshopId, n)));

	// The pitch: the team on stage; how many voted, never for whom.
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(w.projectorUrl);
	await send(w.socket, 'activity:phase', { activityId: hackId, phase: 'pitch' });
	await send(w.socket, 'hackathon:pitch', { activityId: hackId, teamId: teamIds[0] });
	await send(w.socket, 'hackathon:voting', { activityId: hackId, open: true });
	for (const [i, a] of audience.entries()) await send(a.socket, 'hackathon:vote', { teamId: teamIds[i % 2 ? 1 : 0] });
	await send(leads[1].socket, 'hackathon:vote', { teamId: teamIds[0] });
	const onStage = projector.getByRole('region', { name: 'On stage now' });
	await expect(onStage.getByRole('heading', { name: 'Solar Squirrels' })).toBeVisible();
	await expect(onStage.getByText('ShadeMap: where the yard burns')).toBeVisible();
	await expect(projector.getByText('6 audience votes')).toBeVisible();
	await expect(projector.getByText('The results stay hidden until the ceremony.')).toBeVisible();
	await projector.screenshot({ path: path.join(SHOTS, 'projector-pitch-1080.png'), animations: 'disabled' });

	// The juror's page on a phone: a refusal keeps what was picked; then every team scored.
	const juror = await openAs(browser, PHONE_390);
	const res = await juror.goto(`/jury/${jurorToken}`);
	expect(res?.headers()['cache-control']).toBe('no-store');
	expect(res?.headers()['referrer-policy']).toBe('same-origin');
	await expect(juror.getByRole('heading', { name: 'Jury: Climate Hack' })).toBeVisible();
	await juror.screenshot({ path: path.join(SHOTS, 'jury-phone-390.png') });
	const card = (name: string) => juror.getByRole('article', { name });
	const first = card('Solar Squirrels');
	await first.getByRole('group', { name: 'Idea (weight 2)' }).getByRole('radio', { name: '4 of 5' }).check();
	await first.getByRole('button', { name: 'Save scores' }).click();
	await expect(first.getByRole('alert')).toHaveText('Each score is a whole number from 1 to 5, for every criterion.');
	await expect(first.getByRole('group', { name: 'Idea (weight 2)' }).getByRole('radio', { name: '4 of 5' })).toBeChecked();
	const scoreAll = async (page: Page, name: string, v: number) => {
		const c = page.getByRole('article', { name });
		for (const g of await c.getByRole('group', { name: /\(weight \d\)$/ }).all()) await g.getByRole('radio', { name: `${v} of 5` }).check();
		await c.getByLabel(/Comment/).fill(`Comment on ${name}`);
		await c.getByRole('button', { name: 'Save scores' }).click();
		await expect(c.getByRole('status')).toHaveText('Scores saved.');
	};
	for (const [i, t] of teamsSpec.slice(0, 5).entries()) await scoreAll(juror, t.name, 5 - (i % 5));
	// Without scripts the same form works (a plain POST and a page back).
	const plain = await (await browser.newContext({ ...PHONE_390, javaScriptEnabled: false })).newPage();
	await plain.goto(`${BASE}/jury/${jurorToken}`);
	await scoreAll(plain, 'Rhine Rats', 2);
	await juror.reload();
	await expect(juror.getByText('6 of 6 projects scored')).toBeVisible();
	await juror.getByRole('button', { name: 'I’m done' }).click();
	await expect(juror.getByText('Judging is closed: the scores are final. Thank you!')).toBeVisible();
	await expect(juror.getByRole('heading', { name: 'Final jury ranking' })).toBeVisible();
	await juror.screenshot({ path: path.join(SHOTS, 'jury-closed-phone-390.png'), fullPage: true });

	// The ceremony, one step per click, from the title card to the audience award.
	await send(w.socket, 'hackathon:voting', { activityId: hackId, open: false, revealed: true });
	await send(w.socket, 'activity:phase', { activityId: hackId, phase: 'ceremony' });
	const { steps } = await send(w.socket, 'hackathon:ceremony', { activityId: hackId, action: 'start' });
	await expect(projector.getByText('The prizes are about to be awarded.')).toBeVisible();
	await expect(projector.getByText(/^Equal scores: the higher average raw score goes first/)).toBeVisible();
	await projector.screenshot({ path: path.join(SHOTS, 'projector-ceremony-0-1080.png'), animations: 'disabled' });
	// Scores 5, 4, 3, 2, 1 and 2: Water Watchers and Rhine Rats share the fourth place, so the places are 6, 4, 3, 2, 1.
	const places = [6, 4, 3, 2, 1];
	expect(steps).toBe(places.length + 1);
	for (const [i, place] of places.entries()) {
		await send(w.socket, 'hackathon:ceremony', { activityId: hackId, action: 'next' });
		await expect(projector.getByText(`Place ${place}`, { exact: true })).toBeAttached();
		if (place === 4) await expect(projector.getByText('shared place')).toBeVisible();
		if (i === 1 || place === 1) await projector.screenshot({ path: path.join(SHOTS, `projector-ceremony-place-${place}-1080.png`), animations: 'disabled' });
	}
	await expect(projector.locator('.newest').getByText('Solar Squirrels')).toBeVisible();
	await send(w.socket, 'hackathon:ceremony', { activityId: hackId, action: 'next' });
	await expect(projector.getByText('Audience award')).toBeVisible();
	await expect(projector.getByText('4 votes')).toBeVisible();
	await projector.screenshot({ path: path.join(SHOTS, 'projector-ceremony-audience-1080.png'), animations: 'disabled' });

	// Consent on the page after the day (linked from "Your data"), on a phone whose scripts never load (the form posts
	// by itself); then the facilitator approves and publishes.
	const miaPhone = await browser.newContext({ ...PHONE_390, javaScriptEnabled: false });
	await miaPhone.addCookies([{ name: mia.cookie.split('=')[0], value: mia.cookie.split('=').slice(1).join('='), url: BASE }]);
	const miaPage = await miaPhone.newPage();
	await miaPage.goto(`${BASE}/w/${w.workshopId}/my-data`);
	await miaPage.getByRole('link', { name: 'Your projects in the showcase: decide what is shown' }).click();
	const consent = miaPage.getByRole('group', { name: 'Team Solar Squirrels' });
	await consent.getByLabel('Show our project in the showcase').check();
	await consent.getByLabel('Show my nickname with it').check();
	await miaPage.getByRole('button', { name: 'Save' }).click();
	await expect(miaPage.getByRole('status')).toHaveText('Saved.');
	await miaPage.screenshot({ path: path.join(SHOTS, 'consent-phone-390.png'), fullPage: true });
	await send(leads[0].socket, 'team:consent', { teamId: teamIds[0], showcase: true, showName: false });
	await send(leads[1].socket, 'team:consent', { teamId: teamIds[1], showcase: true, showName: true });
	for (const id of teamIds.slice(0, 3)) await send(w.socket, 'hackathon:showcase', { activityId: hackId, op: { type: 'approve', teamId: id } });
	await send(w.socket, 'hackathon:showcase', { activityId: hackId, op: { type: 'publish' } });
	await expect.poll(() => staff.hack(hackId)?.showcaseToken).toBeTruthy();
	const showcaseToken = staff.hack(hackId)!.showcaseToken!;

	// The showcase: only the teams that agreed, Mia named and her team lead not; nothing from another site before a click.
	const viewer = await openAs(browser, LAPTOP);
	const requested: string[] = [];
	viewer.on('request', (r) => requested.push(r.url()));
	await viewer.route(/youtube-nocookie\.com|vimeo\.com/, (route) => route.abort());
	const page = await viewer.goto(`${BASE}/showcase/${showcaseToken}`);
	expect(page?.headers()['x-robots-tag']).toBe('noindex');
	expect(page?.headers()['referrer-policy']).toBe('no-referrer');
	const entries = viewer.getByRole('article');
	await expect(entries).toHaveCount(2);
	const solar = viewer.getByRole('article', { name: 'ShadeMap: where the yard burns' });
	await expect(solar.getByText('With: Mia')).toBeVisible();
	await expect(solar.getByText('Jury: place')).toBeVisible();
	await expect(viewer.getByText('Moss on the bus stop')).toHaveCount(0);
	const play = solar.getByRole('button', { name: 'Play video (loads from youtube-nocookie.com)' });
	await expect(play).toBeVisible();
	await viewer.waitForLoadState('networkidle');
	expect(requested.filter((u) => new URL(u).origin !== BASE && !u.startsWith('data:'))).toEqual([]);
	await viewer.screenshot({ path: path.join(SHOTS, 'showcase-1366.png'), fullPage: true });
	await play.click();
	await expect(solar.locator('iframe')).toHaveAttribute('src', /^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?autoplay=1$/);
	const showcasePhone = await openAs(browser, PHONE_390);
	await showcasePhone.goto(`${BASE}/showcase/${showcaseToken}`);
	await showcasePhone.screenshot({ path: path.join(SHOTS, 'showcase-phone-390.png'), fullPage: true });

	// Mia, now on a phone with scripts, takes her name back on the same page: the showcase keeps the project, unnamed.
	const miaAgain = await openAs(browser, PHONE_390);
	await miaAgain.context().addCookies([{ name: mia.cookie.split('=')[0], value: mia.cookie.split('=').slice(1).join('='), url: BASE }]);
	await miaAgain.goto(`${BASE}/w/${w.workshopId}/showcase`);
	await hydrated(miaAgain);
	const again = miaAgain.getByRole('group', { name: 'Team Solar Squirrels' });
	await expect(again.getByLabel('Show my nickname with it')).toBeChecked();
	await again.getByLabel('Show my nickname with it').uncheck();
	await miaAgain.getByRole('button', { name: 'Save' }).click();
	await expect(miaAgain.getByRole('status')).toHaveText('Saved.');
	await showcasePhone.reload();
	const solarOnPhone = showcasePhone.getByRole('article', { name: 'ShadeMap: where the yard burns' });
	await expect(solarOnPhone).toBeVisible();
	await expect(solarOnPhone.getByText('With: Mia')).toHaveCount(0);

	staff.destroy();
	for (const p of [...leads, mia, ...audience]) p.socket.close();
	w.socket.close();
});

test('the jury page and the showcase speak the workshop\'s language to a first visitor, and the visitor\'s own choice after', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	await signUp(fac);
	await fac.getByLabel('Title').fill('Jugend-Hackathon');
	await fac.getByLabel('Language of the workshop').selectOption('de');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const workshopId = new URL(fac.url()).pathname.split('/').at(-1)!;
	const cookie = (await fac.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const socket = await connect(workshopId, 'facilitator', cookie);
	const hackId = await newHackathon(socket, 'Klima-Hack', { minTeamSize: 1, maxTeamSize: 3 });
	await send(socket, 'hackathon:jurors', { activityId: hackId, op: { type: 'add', name: 'Anna Berg', teamIds: null } });
	await send(socket, 'activity:phase', { activityId: hackId, phase: 'teams' });
	const code = (await fac.locator('.code.mono').first().innerText()).trim().replace('-', '');
	const lead = await phone(code, workshopId, 'Lea');
	const teamId = (await send(lead.socket, 'team:create', { activityId: hackId, name: 'Sonnenschein', challengeId: null })).teamId;
	await send(lead.socket, 'team:update', { teamId, title: 'Schattenkarte', codeUrl: '', videoUrl: '' });
	await send(lead.socket, 'team:submit', { teamId, submitted: true });
	await send(socket, 'activity:phase', { activityId: hackId, phase: 'pitch' });
	await send(socket, 'hackathon:showcase', { activityId: hackId, op: { type: 'publish' } });
	const staff = staffDoc(workshopId, cookie);
	await expect.poll(() => !!staff.hack(hackId)?.jurors?.[0]?.token && !!staff.hack(hackId)?.showcaseToken).toBe(true);
	const { jurors, showcaseToken } = staff.hack(hackId)!;

	// A juror whose browser asks for English opens the link for the first time: German, the workshop's language.
	const juror = await openAs(browser, { ...PHONE_390, locale: 'en-GB' });
	await juror.goto(`${BASE}/jury/${jurors![0].token}`);
	await expect(juror.locator('html')).toHaveAttribute('lang', 'de');
	await expect(juror.getByText(/^Hallo Anna Berg\./)).toBeVisible();
	// They choose English: the page and its next visits speak it.
	await hydrated(juror);
	await juror.getByRole('button', { name: 'EN – English' }).click();
	await expect(juror.getByText(/^Hello Anna Berg\./)).toBeVisible();
	await juror.reload();
	await expect(juror.locator('html')).toHaveAttribute('lang', 'en');
	await expect(juror.getByText(/^Hello Anna Berg\./)).toBeVisible();
	// They score and close judging: the final ranking's numbers are written the English way on their page...
	const card = juror.getByRole('article', { name: 'Sonnenschein' });
	for (const g of await card.getByRole('group', { name: /\(weight \d\)$/ }).all()) await g.getByRole('radio', { name: '4 of 5' }).check();
	await card.getByRole('button', { name: 'Save scores' }).click();
	await expect(card.getByRole('status')).toHaveText('Scores saved.');
	await juror.getByRole('button', { name: 'I’m done' }).click();
	await expect(juror.getByRole('heading', { name: 'Final jury ranking' })).toBeVisible();
	await expect(juror.getByText(/average 4\.00 /)).toBeVisible();
	// ...and the German way for a second juror's phone that has made no choice (rendered on the server, then hydrated).
	const other = await openAs(browser, { ...PHONE_390, locale: 'en-GB' });
	await other.goto(`${BASE}/jury/${jurors![0].token}`);
	await hydrated(other);
	await expect(other.getByRole('heading', { name: 'Endgültige Rangliste der Jury' })).toBeVisible();
	await expect(other.getByText(/Durchschnitt 4,00 /)).toBeVisible();
	await other.screenshot({ path: path.join(SHOTS, 'jury-closed-de-phone-390.png'), fullPage: true });

	// The showcase, for a viewer without a choice: German; an unknown link sets no language.
	const viewer = await openAs(browser, { ...LAPTOP, locale: 'fr-FR' });
	await viewer.goto(`${BASE}/showcase/${showcaseToken}`);
	await expect(viewer.locator('html')).toHaveAttribute('lang', 'de');
	await expect(viewer.getByText('Noch werden keine Projekte gezeigt.')).toBeVisible();
	const unknown = await fetch(`${BASE}/showcase/not-a-real-token`);
	expect(unknown.status).toBe(404);
	expect(unknown.headers.get('set-cookie') ?? '').not.toContain('PARAGLIDE_LOCALE');

	staff.destroy();
	lead.socket.close();
	socket.close();
});
