import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { LAPTOP, PHONE, PROJECTOR, SMALL_PHONE, openAs, screenshot } from '../helpers/e2e';

/**
 * Stored-XSS corpus: each payload sets window.__xss if it ever runs. They go into every place people type text:
 * the workshop title, nicknames, card texts and a cluster title.
 */
const CARD_PAYLOADS = [
	'<img src=x onerror="window.__xss=1">',
	'<svg onload="window.__xss=2"></svg>',
	'<a href="javascript:window.__xss=3">click me</a>',
	'<noscript><p title="</noscript><img src=x onerror=window.__xss=4>">',
	'<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=5>',
	'"><svg/onload=window.__xss=6>',
	"{{constructor.constructor('window.__xss=7')()}}",
	'<iframe srcdoc="<script>parent.__xss=8</script>"></iframe>',
	'=HYPERLINK("http://evil.example","click")'
];
const TITLE_PAYLOAD = '<img src=x onerror="window.__xss=9"> Workshop';
const CLUSTER_PAYLOAD = '<svg onload="window.__xss=10">';
const NICK_PAYLOAD = '<svg onload=__xss=11>';

async function assertInert(page: Page, where: string) {
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), `a payload ran on the ${where}`).toBeUndefined();
	for (const selector of ['img[src="x"]', 'svg[onload]', 'iframe', 'a[href^="javascript:"]', 'math mglyph'])
		await expect(page.locator(selector), `${selector} on the ${where}`).toHaveCount(0);
}

async function signUpAndCreate(page: Page, title: string, locale = 'en') {
	await page.goto('/signup');
	await page.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await page.getByLabel('Password').fill('a long enough password');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/f$/);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Language of the workshop').selectOption(locale);
	await page.getByRole('button', { name: 'Create workshop' }).click();
	await expect(page).toHaveURL(/\/f\/w\/[\w-]+$/);
	return {
		code: (await page.locator('.code.mono').first().innerText()).trim(),
		projectorUrl: await page.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue()
	};
}

async function join(page: Page, code: string, nickname: string) {
	await page.goto(`/j/${code.replace('-', '')}`);
	await page.getByLabel(/nickname|Spitzname|pseudo/i).fill(nickname);
	await page.getByRole('button', { name: /^(Join|Mitmachen|Participer)$/ }).click();
	await expect(page).toHaveURL(/\/w\/[\w-]+$/);
}

test('stored XSS corpus stays inert on the phone, the facilitator view, the projector and in every export', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	const { code, projectorUrl } = await signUpAndCreate(fac, TITLE_PAYLOAD);
	// Named cards, so nicknames are shown to the room too; cards appear live.
	await fac.getByText('Board settings').click();
	await fac.getByRole('checkbox', { name: /Anonymous cards/ }).uncheck();
	await fac.getByRole('checkbox', { name: /Private until reveal/ }).uncheck();
	await expect(fac.getByRole('checkbox', { name: /Private until reveal/ })).not.toBeChecked();

	const phone = await openAs(browser, PHONE);
	await join(phone, code, NICK_PAYLOAD);
	for (const text of CARD_PAYLOADS) {
		await phone.getByLabel('Your idea').fill(text);
		await phone.getByRole('button', { name: 'Post card' }).click();
		await expect(phone.locator('#composer-text')).toHaveValue('');
	}
	await expect(phone.getByText('All saved')).toBeVisible();
	await fac.getByRole('button', { name: 'Group', exact: true }).click();
	await fac.getByLabel('New group title').fill(CLUSTER_PAYLOAD);
	await fac.getByRole('button', { name: 'Create group' }).click();

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	for (const page of [phone, fac, projector]) {
		// The projector pages a board too full for readable type (8 s a page), so allow it a few turns.
		const turns = { timeout: page === projector ? 30_000 : 10_000 };
		await expect(page.getByText(CARD_PAYLOADS[0]).first()).toBeVisible(turns);
		await expect(page.getByText(CLUSTER_PAYLOAD).first()).toBeVisible(turns);
	}
	await expect(phone.getByText(TITLE_PAYLOAD).first()).toBeVisible();
	// On the cards (the board's "Written by" filter lists it too, as an option).
	await expect(fac.getByRole('article').getByText(NICK_PAYLOAD).first()).toBeVisible();
	await assertInert(phone, 'phone');
	await assertInert(fac, 'facilitator view');
	await assertInert(projector, 'projector');

	for (const format of ['Markdown', 'CSV', 'JSON']) {
		const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByRole('link', { name: `Download the board as ${format}` }).click()]);
		const body = fs.readFileSync((await download.path())!, 'utf8');
		if (format === 'Markdown') {
			// Markup is escaped with a backslash (readable as plain text, inert in a viewer): no tag starts unescaped.
			expect(body).not.toMatch(/(^|[^\\])<(img|svg|iframe|script|a |math|noscript)/im);
			expect(body).toContain('\\<img src=x onerror');
		}
		if (format === 'CSV') expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
		if (format === 'JSON') expect(JSON.parse(body).cards.map((c: { text: string }) => c.text)).toEqual(expect.arrayContaining(CARD_PAYLOADS));
		// Downloads are attachments, never rendered by the browser as a page.
		expect(download.suggestedFilename()).toMatch(/\.(md|csv|json)$/);
	}
	// An export opened directly is served as an attachment with a non-HTML type.
	const res = await fac.request.get(await fac.getByRole('link', { name: 'Download the board as Markdown' }).getAttribute('href') as string);
	expect(res.headers()['content-type']).not.toContain('html');
	expect(res.headers()['content-disposition']).toContain('attachment');
});

test('cross-site form posts are refused; the same site is not', async ({ page, baseURL }) => {
	const evil = await page.request.post('/login', {
		headers: { origin: 'https://evil.example' },
		form: { name: 'someone', password: 'whatever password' }
	});
	expect(evil.status()).toBe(403);
	const same = await page.request.post('/login', {
		headers: { origin: baseURL! },
		form: { name: 'someone', password: 'whatever password' }
	});
	expect(same.status()).not.toBe(403);
	// Security headers on every page.
	const home = await page.request.get('/');
	expect(home.headers()['x-content-type-options']).toBe('nosniff');
	expect(home.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('a German workshop on a 320 px phone: workshop language, no sideways scrolling, switchable, closed code is dead', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	const { code } = await signUpAndCreate(fac, 'Jugendrat', 'de');
	const phone = await openAs(browser, { ...SMALL_PHONE, locale: 'en-GB' });
	await join(phone, code, 'Lina');
	// The workshop's language wins over the browser's on the participant's pages.
	await expect(phone.getByRole('button', { name: 'Karte abschicken' })).toBeVisible();
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await screenshot(phone, 'phone-320-de');
	await phone.getByLabel('Deine Idee').fill('Mehr Sitzplätze');
	await phone.getByRole('button', { name: 'Karte abschicken' }).click();
	await expect(phone.getByText('Alles gespeichert')).toBeVisible();
	// Switchable: French on request.
	await phone.getByRole('button', { name: /Français/ }).click();
	await expect(phone.getByRole('button', { name: 'Publier la carte' })).toBeVisible();
	// Closing the workshop: the phone turns read-only, the code stops working for newcomers.
	fac.on('dialog', (d) => (d.type() === 'prompt' ? d.accept(code) : d.accept()));
	await fac.getByRole('button', { name: /Workshop schließen|Close workshop/ }).click();
	await expect(phone.getByRole('button', { name: 'Publier la carte' })).toHaveCount(0);
	const newcomer = await openAs(browser, PHONE);
	await newcomer.goto('/join');
	await newcomer.getByLabel(/Workshop code|Workshop-Code|Code de l/).fill(code);
	await newcomer.getByRole('button', { name: /Continue|Weiter|Continuer/ }).click();
	await expect(newcomer.getByRole('alert').or(newcomer.getByText(/already ended|schon beendet|déjà terminé/)).first()).toBeVisible();

	// The owner deletes the workshop with everything in it (confirming with the join code).
	await fac.getByRole('button', { name: 'Delete workshop…' }).click();
	await expect(fac).toHaveURL(/\/f$/);
	await expect(fac.getByText('Jugendrat')).toHaveCount(0);
});

test('a code typed on a slow phone before the page has its scripts is kept, and the form still works', async ({ browser }) => {
	const phone = await openAs(browser, PHONE);
	// Hold the page's scripts back, as a slow network does, while the server-rendered form is already usable.
	let release: () => void = () => {};
	const scriptsHeld = new Promise<void>((r) => (release = r));
	await phone.route('**/_app/immutable/**', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	// The scripts are module scripts, so the document is not "loaded" while they are held: wait for the form.
	await phone.goto('/join', { waitUntil: 'commit' });
	const code = phone.getByLabel('Workshop code');
	await code.fill('zzzz-zz9');
	release();
	await phone.waitForLoadState('networkidle');
	await expect(code).toHaveValue('zzzz-zz9');
	// The hydrated form submits what was typed (no such workshop: a clear message, the code still there to fix).
	await phone.getByRole('button', { name: 'Continue' }).click();
	await expect(phone.getByRole('alert')).toContainText('There is no open workshop with this code');
	await expect(code).toHaveValue('zzzz-zz9');
	await phone.context().close();
});
