import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { getDocument, GlobalWorkerOptions, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { rgba, type PdfImage } from '../helpers/pdf-image';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { LAPTOP, PHONE, createWorkshop, joinPhone, openAs, screenshot, signUp } from '../helpers/e2e';

// Issue 12 end to end: a workshop run for an organisation ends, its facilitator confirms the pending badges, a phone
// takes them home (backpack code shown once), the CV lists them, each "Check it" and each QR code of the PDF opens a
// verification page, a share link works and stops, a revoked credential says so; the same phone brings its backpack
// to a second workshop and gets the cross-workshop badge without taking anything home again; bad input is refused.
// The tests share one facilitator, one organisation and one phone, so they run in order.
test.describe.configure({ mode: 'serial' });
test.use({ actionTimeout: 15_000 });

const require = createRequire(import.meta.url);

/** Each screen of the badge path is looked at (a screenshot) and audited (axe, WCAG 2.1 A and AA: no serious or critical finding). */
async function shot(page: Page, name: string) {
	await screenshot(page, name);
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
}
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
GlobalWorkerOptions.workerSrc = path.join(pdfjsRoot, 'legacy/build/pdf.worker.mjs');

const ORG = 'Jugendforum Nord';
const NICK = 'Mika';
const CREDENTIAL_URL = /\/credentials\/[\w-]+$/;

let fac: Page;
let phone: Page;
let orgId: string;
let firstWorkshop: string;

/** Creates a workshop run for the organisation (the "Run for" select) from the facilitator's list; answers its code and id. */
async function createBadgeWorkshop(page: Page, title: string): Promise<{ code: string; id: string }> {
	await page.goto('/f');
	await page.getByLabel('Run for').selectOption({ label: ORG });
	const code = await createWorkshop(page, title);
	return { code, id: new URL(page.url()).pathname.split('/').pop()! };
}

async function post(page: Page, text: string) {
	await page.getByLabel('Your idea').fill(text);
	await page.getByRole('button', { name: 'Post card' }).click();
	await expect(page.getByLabel('Your idea')).toHaveValue('');
	await expect(page.getByText('All saved')).toBeVisible();
}

async function closeWorkshop(page: Page) {
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Close workshop' }).click();
	await expect(page.getByRole('link', { name: 'Pending badges' })).toBeVisible();
}

/** A pending line of the facilitator's list: the person's nickname and the badge's name, with its "why". */
const pendingLine = (page: Page, achievement: string) =>
	page
		.getByRole('region', { name: /To decide/ })
		.getByRole('listitem')
		.filter({ hasText: NICK })
		.filter({ has: page.getByText(achievement, { exact: true }) });

/** The PDF's pages and the URL each of its images reads as, as a QR code (tests/unit/badges-exports.test.ts reads it the same way). */
async function readPdf(bytes: Buffer): Promise<{ pages: number; text: string; qrs: (string | null)[] }> {
	const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, isOffscreenCanvasSupported: false, standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/', verbosity: 0 }).promise;
	const qrs: (string | null)[] = [];
	const text: string[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const page = await doc.getPage(n);
		const content = await page.getTextContent();
		text.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
		const ops = await page.getOperatorList();
		for (let i = 0; i < ops.fnArray.length; i++) {
			if (ops.fnArray[i] !== OPS.paintImageXObject && ops.fnArray[i] !== OPS.paintInlineImageXObject) continue;
			const name = ops.argsArray[i][0] as string | PdfImage;
			const img: PdfImage = typeof name === 'string' ? (name.startsWith('g_') ? page.commonObjs.get(name) : page.objs.get(name)) : name;
			qrs.push(jsQR(rgba(img), img.width, img.height)?.data ?? null);
		}
	}
	return { pages: doc.numPages, text: text.join(' '), qrs };
}

async function expectReal(request: APIRequestContext, url: string) {
	const res = await request.get(url);
	expect(res.status(), url).toBe(200);
	expect(await res.text(), url).toContain('This badge is real');
}

async function laptopPage(browser: Browser) {
	return openAs(browser, LAPTOP);
}

test('a workshop ends, its badges are confirmed, a phone takes them home and shows, shares and checks them', async ({ browser, request }) => {
	test.setTimeout(150_000);
	fac = await laptopPage(browser);
	await signUp(fac);

	// The organisation, with a logo; its page shows the starter achievements.
	await fac.goto('/f/orgs');
	await fac.getByLabel('Name', { exact: true }).fill(ORG);
	await fac.getByLabel('Web address').fill('https://jugendforum-nord.example.org');
	await fac.getByLabel('Short description').fill('Youth participation in the northern districts.');
	await fac.getByLabel('Logo').setInputFiles({
		name: 'logo.svg',
		mimeType: 'image/svg+xml',
		buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#2a7"/></svg>')
	});
	await fac.getByRole('button', { name: 'Create organisation' }).click();
	await expect(fac).toHaveURL(/\/f\/orgs\/[\w-]+$/);
	orgId = new URL(fac.url()).pathname.split('/').pop()!;
	await expect(fac.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	await expect(fac.getByText('Took part', { exact: true })).toBeVisible();

	const { code, id } = await createBadgeWorkshop(fac, 'Our neighbourhood');
	firstWorkshop = id;
	phone = await joinPhone(browser, code, NICK);
	for (const idea of ['A bench by the bus stop', 'Longer library hours', 'A skate park']) await post(phone, idea);

	await closeWorkshop(fac);
	await expect(phone.getByText('Your facilitator is checking the badges.')).toBeVisible({ timeout: 20_000 });

	// The pending list: took part and idea giver for the phone, each with why.
	await fac.getByRole('link', { name: 'Pending badges' }).click();
	await expect(fac).toHaveURL(`/f/w/${id}/badges`);
	await expect(pendingLine(fac, 'Took part').getByText('Things done in the workshop: 3')).toBeVisible();
	await expect(pendingLine(fac, 'Idea giver').getByText('Cards kept after moderation: 3')).toBeVisible();
	await expect(pendingLine(fac, 'Took part').getByRole('checkbox')).toBeChecked();
	await shot(fac, 'badges/pending-list');
	const lines = await fac.getByRole('region', { name: /To decide/ }).getByRole('checkbox', { checked: true }).count();
	await fac.getByRole('button', { name: 'Confirm the ticked badges' }).click();
	await expect(fac.getByRole('status')).toHaveText(`${lines} confirmed, 0 left out.`);
	await expect(fac.getByRole('heading', { name: `Confirmed (${lines})` })).toBeVisible();

	// The phone's closed room asks again every 15 seconds and then offers the badges.
	await expect(phone.getByRole('heading', { name: `You earned ${lines} badges!` })).toBeVisible({ timeout: 25_000 });
	await phone.getByRole('link', { name: 'Take your badges home' }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'Take your badges home' })).toBeVisible();
	await expect(phone.getByText('Idea giver', { exact: true })).toBeVisible();
	await shot(phone, 'badges/take-home');
	await phone.getByRole('button', { name: 'Take my badges home' }).click();
	await expect(phone.getByRole('heading', { name: 'Your backpack is ready' })).toBeVisible();
	const backpackCode = phone.getByRole('region', { name: 'Your backpack code' }).getByRole('code');
	await expect(backpackCode).toHaveText(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
	// The whole code is in view on a 360 px phone: it wraps between its groups instead of running out of its box.
	const fits = await backpackCode.evaluate((el) => {
		const box = el.parentElement!.getBoundingClientRect();
		return [...el.getClientRects()].every((r) => r.left >= box.left && r.right <= box.right);
	});
	expect(fits).toBe(true);
	const qr = phone.getByRole('img', { name: 'QR code that opens your backpack' });
	await expect(qr).toBeVisible();
	expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
	await shot(phone, 'badges/backpack-code');

	// The CV lists the badges; "Check it" opens a verification page.
	await phone.getByRole('link', { name: 'Open my backpack' }).click();
	await expect(phone).toHaveURL('/backpack');
	for (const name of ['Took part', 'Idea giver']) await expect(phone.getByRole('heading', { level: 4, name })).toBeVisible();
	await shot(phone, 'badges/cv');
	await phone.getByRole('link', { name: /^Check it\W+Took part$/ }).click();
	await expect(phone).toHaveURL(CREDENTIAL_URL);
	await expect(phone.getByText('This badge is real')).toBeVisible();
	await shot(phone, 'badges/verify-phone');
	const laptop = await laptopPage(browser);
	await laptop.goto(phone.url());
	await expect(laptop.getByText('This badge is real')).toBeVisible();
	await shot(laptop, 'badges/verify-laptop');
	await laptop.context().close();
	await phone.goBack();

	// The PDF: at least one page, and every QR code reads as a verification page that says the badge is real.
	await phone.getByLabel('Name on the PDF (optional)').fill('Mika Muster');
	const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('button', { name: 'CV as PDF' }).click()]);
	const pdf = await readPdf(fs.readFileSync((await download.path())!));
	expect(pdf.pages).toBeGreaterThanOrEqual(1);
	expect(pdf.text).toContain('Mika Muster');
	const urls = pdf.qrs.filter((u): u is string => u !== null);
	expect(urls).toHaveLength(lines);
	for (const url of urls) {
		expect(url).toMatch(CREDENTIAL_URL);
		await expectReal(request, url);
	}

	// A share link opens in a browser without cookies, is kept out of search engines, and stops.
	await phone.getByRole('button', { name: 'Make a share link' }).click();
	const shareUrl = await phone.getByRole('status').filter({ hasText: 'Your link:' }).getByRole('link').getAttribute('href');
	expect(shareUrl).toMatch(/\/cv\/[\w-]+$/);
	const stranger = await laptopPage(browser);
	const shared = await stranger.goto(shareUrl!);
	expect(shared!.status()).toBe(200);
	expect(shared!.headers()['x-robots-tag']).toContain('noindex');
	for (const name of ['Took part', 'Idea giver']) await expect(stranger.getByRole('heading', { name })).toBeVisible();
	await phone.getByRole('button', { name: /^Stop this link/ }).click();
	await expect(phone.getByText('stopped', { exact: true })).toBeVisible();
	const gone = await stranger.goto(shareUrl!);
	expect(gone!.status()).toBe(410);
	await expect(stranger.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
	await expect(stranger.getByText('Idea giver')).toHaveCount(0);
	await stranger.context().close();

	// The organisation revokes one credential with a reason; its verification page says so.
	await fac.goto(`/f/orgs/${orgId}`);
	const issued = fac.getByRole('listitem').filter({ has: fac.getByRole('link', { name: 'Idea giver', exact: true }) });
	const revokedUrl = await issued.getByRole('link', { name: 'Idea giver', exact: true }).getAttribute('href');
	await shot(fac, 'badges/organisation');
	await issued.getByLabel('Reason for revoking').fill('Given by mistake');
	await issued.getByRole('button', { name: 'Revoke' }).click();
	await expect(issued.getByText('revoked', { exact: true })).toBeVisible();
	await fac.goto(revokedUrl!);
	await expect(fac.getByText('This badge was revoked')).toBeVisible();
	await expect(fac.getByText('Given by mistake')).toBeVisible();
	const res = await request.get(revokedUrl!);
	expect(await res.text()).not.toContain('This badge is real');
});

test('the same phone brings its backpack to a second workshop and gets the cross-workshop badge', async ({ browser, baseURL }) => {
	const { code, id } = await createBadgeWorkshop(fac, 'Second round');
	await phone.goto(`/j/${code.replace('-', '')}`);
	await phone.getByRole('checkbox', { name: 'Bring my backpack' }).check();
	await phone.getByLabel(/nickname/).fill(NICK);
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(`/w/${id}`);
	await post(phone, 'A youth café');
	await closeWorkshop(fac);
	await fac.getByRole('link', { name: 'Pending badges' }).click();
	const returning = pendingLine(fac, 'Came back');
	await expect(returning.getByText('Workshops taken part in: 2')).toBeVisible();
	await expect(returning.getByText('brought a backpack')).toBeVisible();
	const awardIds = await fac.getByRole('region', { name: /To decide/ }).getByRole('checkbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	expect(awardIds.length).toBeGreaterThan(0);

	// A facilitator of another organisation cannot confirm them: refused, and the list is as it was.
	const other = await openAs(browser, LAPTOP);
	await signUp(other);
	await other.goto('/f/orgs');
	await other.getByLabel('Name', { exact: true }).fill('Another club');
	await other.getByRole('button', { name: 'Create organisation' }).click();
	await expect(other).toHaveURL(/\/f\/orgs\/[\w-]+$/);
	const refused = await other.request.post(`/f/w/${id}/badges?/confirm`, {
		headers: { origin: baseURL!, 'x-sveltekit-action': 'true' },
		multipart: { award: awardIds[0] }
	});
	const body = await refused.json();
	expect(body).toMatchObject({ type: 'failure', status: 403 });
	await other.context().close();
	await fac.reload();
	await expect(fac.getByRole('heading', { name: `To decide (${awardIds.length})` })).toBeVisible();

	await fac.getByRole('button', { name: 'Confirm the ticked badges' }).click();
	await expect(fac.getByRole('status')).toHaveText(/confirmed, 0 left out\./);
	const confirmed = fac.getByRole('region', { name: /Confirmed/ }).getByRole('listitem').filter({ hasText: 'Came back' });
	await expect(confirmed.getByText('in their backpack')).toBeVisible();

	// Nothing to take home: the badge is already in the backpack.
	await phone.goto('/backpack');
	await expect(phone.getByRole('heading', { level: 4, name: 'Came back' })).toBeVisible();
	await phone.goto(`/w/${id}`);
	await expect(phone.getByText('Your badges are in your backpack.')).toBeVisible();
});

test('bad input: wrong backpack codes, an unknown credential, an edited credential', async ({ browser, request }) => {
	// An edited credential: the JSON of a valid one with another name.
	const url = (await phone.goto('/backpack')) && (await phone.getByRole('link', { name: /^Check it\W+Took part$/ }).getAttribute('href'));
	const original = await (await request.get(`${url}.json`)).json();
	const real = await openAs(browser, LAPTOP);
	await real.goto('/credentials/verify');
	await real.getByLabel('Credential (JSON)').fill(JSON.stringify(original));
	await real.getByRole('button', { name: 'Check', exact: true }).click();
	await expect(real.getByText('This badge is real')).toBeVisible();
	const edited = structuredClone(original);
	edited.name = 'Best in the world';
	if (edited.credentialSubject?.achievement?.name) edited.credentialSubject.achievement.name = 'Best in the world';
	await real.getByLabel('Credential (JSON)').fill(JSON.stringify(edited));
	await real.getByRole('button', { name: 'Check', exact: true }).click();
	await expect(real.getByText('This badge cannot be trusted')).toBeVisible();
	await expect(real.getByText('This badge is real')).toHaveCount(0);

	// A credential that does not exist.
	expect((await request.get('/credentials/doesnotexist')).status()).toBe(404);
	expect((await request.get('/credentials/doesnotexist.json')).status()).toBe(404);

	// Wrong backpack codes: each says so, and this device still has no backpack. (The throttle behind them is per
	// address and every test browser is 127.0.0.1: running it out here would refuse the other spec files' codes, so
	// it is tested in tests/integration/badges.test.ts, with addresses of its own.)
	const stranger = await openAs(browser, PHONE);
	await stranger.goto('/backpack/open');
	for (let i = 0; i < 3; i++) {
		await stranger.getByLabel('Backpack code').fill(`AAAA-BBBB-CCCC-DDDD-${String(i).padStart(4, 'E')}`);
		const [answer] = await Promise.all([
			stranger.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/backpack/open'),
			stranger.getByRole('button', { name: 'Open' }).click()
		]);
		// 200 when the page's scripts sent it (the action's answer as data), 400 when the form went as plain HTML.
		expect([200, 400]).toContain(answer.status());
		await expect(stranger.getByRole('alert')).toHaveText('No backpack has this code. Check it, or ask for help.');
		await expect(stranger.getByLabel('Backpack code')).toHaveAttribute('aria-invalid', 'true');
	}
	await stranger.goto('/backpack');
	await expect(stranger.getByText('There is no backpack on this device.')).toBeVisible();
	await phone.goto('/backpack');
	await expect(phone.getByRole('heading', { level: 4, name: 'Took part' })).toBeVisible();
});
