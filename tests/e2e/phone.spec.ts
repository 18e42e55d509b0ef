import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { LAPTOP, PHONE, SMALL_PHONE, openAs, screenshot } from '../helpers/e2e';

/** A 390 x 844 phone (a common current size), beside the 320 x 640 SMALL_PHONE. */
const PHONE_390: BrowserContextOptions = { ...PHONE, viewport: { width: 390, height: 844 } };

/** Signs up a facilitator (English UI) and creates a workshop in the given language. */
async function facilitatorWithWorkshop(browser: Browser, title: string, locale: string) {
	const fac = await openAs(browser, LAPTOP);
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await expect(fac).toHaveURL(/\/f$/);
	await fac.getByLabel('Title').fill(title);
	await fac.getByLabel('Language of the workshop').selectOption(locale);
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const code = (await fac.locator('.code.mono').first().innerText()).trim();
	return { fac, code };
}

/** Joins from a fresh phone context with the join link (German workshop: German labels). */
async function joinPhone(browser: Browser, code: string, nickname: string, options: BrowserContextOptions = SMALL_PHONE): Promise<Page> {
	const phone = await openAs(browser, options);
	await phone.goto(`/j/${code.replace('-', '')}`);
	// The suggested nickname is German too ("Flinker Fuchs 42", not "Swift Fox 42"), here and on "another one".
	const germanNickname = /^(Blauer|Flinker|Heller|Ruhiger|Kluger|Mutiger|Lässiger|Sonniger|Leiser|Kühner|Fröhlicher|Grüner) (Fuchs|Otter|Luchs|Panda|Koala|Falke|Delfin|Tiger|Reiher|Dachs|Gecko|Uhu) \d\d$/;
	await expect(phone.getByLabel('Dein Spitzname')).toHaveValue(germanNickname);
	await phone.getByRole('button', { name: 'Anderen Namen vorschlagen' }).click();
	await expect(phone.getByLabel('Dein Spitzname')).toHaveValue(germanNickname);
	await phone.getByLabel('Dein Spitzname').fill(nickname);
	await phone.getByRole('button', { name: 'Mitmachen', exact: true }).click();
	await expect(phone.getByText(`Du bist ${nickname}`)).toBeVisible();
	return phone;
}

/** The facilitator moves the board on to the next phase. */
async function nextPhase(fac: Page, phase: string) {
	await fac.getByRole('button', { name: `Next: ${phase}` }).click();
	// Voting opens with a last look at its rules (budget and per-item maximum).
	if (phase === 'Vote') await fac.getByRole('button', { name: 'Start voting' }).click();
	await expect(fac.getByRole('heading', { name: new RegExp(phase) }).first()).toBeVisible();
}

async function post(phone: Page, text: string) {
	await phone.getByLabel('Deine Idee').fill(text);
	await phone.getByRole('button', { name: 'Karte abschicken' }).click();
	await expect(phone.getByLabel('Deine Idee')).toHaveValue('');
	await expect(phone.getByText('Alles gespeichert')).toBeVisible();
}

/** Height of the room page's chrome above the content (title bar and sticky status bar) at the top of the page. */
const roomChromeHeight = (phone: Page) =>
	phone.evaluate(() => {
		window.scrollTo(0, 0);
		const bar = document.querySelector('.statusbar');
		return bar ? bar.getBoundingClientRect().bottom : Infinity;
	});

test('every page links a favicon, and it is served', async ({ page, request }) => {
	for (const path of ['/', '/join', '/login']) {
		await page.goto(path);
		const href = await page.locator('link[rel="icon"]').getAttribute('href');
		expect(href, `icon link on ${path}`).toBeTruthy();
		const res = await request.get(new URL(href!, page.url()).href);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toContain('image/svg+xml');
		expect(await res.text()).toContain('<svg');
	}
});

test('a half-typed card outlives the end of Collecting: the facilitator sees who still writes, the phone keeps the text and says so', async ({ browser }) => {
	const { fac, code } = await facilitatorWithWorkshop(browser, 'Jugendforum', 'de');
	const phone = await joinPhone(browser, code, 'Lina');
	const writing = fac.getByText(/Still writing a card: \d+/);

	await phone.getByLabel('Deine Idee').fill('Mehr Bänke im Hof, und');
	await expect(fac.getByText('Still writing a card: 1')).toBeVisible();
	await screenshot(phone, 'phone-de-320-collect-typing');
	await fac.screenshot({ path: 'test-results/screenshots/facilitator-still-writing.png' });

	// The facilitator moves on anyway: the phone's box goes, the text stays on the phone, and the phone says so.
	await nextPhase(fac, 'Reveal');
	await expect(phone.getByLabel('Deine Idee')).toHaveCount(0);
	await expect(phone.getByRole('heading', { name: 'Dein nicht abgeschickter Text' })).toBeVisible();
	await expect(phone.getByText(/Das Sammeln war vorbei, bevor diese Karte abgeschickt war/)).toBeVisible();
	await expect(phone.getByRole('textbox', { name: 'Dein Text (nicht abgeschickt)' })).toHaveValue('Mehr Bänke im Hof, und');
	await expect(writing).toHaveCount(0);
	await screenshot(phone, 'phone-de-320-kept-draft');

	// A reload does not lose it either.
	await phone.reload();
	await expect(phone.getByRole('textbox', { name: 'Dein Text (nicht abgeschickt)' })).toHaveValue('Mehr Bänke im Hof, und');
	// Copy works (or selects the text where the clipboard is not available) and says what happened.
	await phone.getByRole('button', { name: 'Text kopieren' }).click();
	await expect(phone.getByRole('status').filter({ hasText: /Kopiert|Kopieren klappt hier nicht/ })).toBeVisible();

	// Collecting opens again: the text is back in the box, and the facilitator sees it waiting.
	await fac.getByRole('button', { name: 'Collect', exact: true }).click();
	await expect(phone.getByLabel('Deine Idee')).toHaveValue('Mehr Bänke im Hof, und');
	await expect(fac.getByText('Still writing a card: 1')).toBeVisible();
	await phone.getByLabel('Deine Idee').fill('Mehr Bänke im Hof, und Sonnenschirme');
	await phone.getByRole('button', { name: 'Karte abschicken' }).click();
	await expect(phone.getByText('Alles gespeichert')).toBeVisible();
	await expect(writing).toHaveCount(0);
	// Posted: nothing is kept any more when Collecting ends.
	await nextPhase(fac, 'Reveal');
	await expect(phone.getByText('Mehr Bänke im Hof, und Sonnenschirme').first()).toBeVisible();
	await expect(phone.getByRole('heading', { name: 'Dein nicht abgeschickter Text' })).toHaveCount(0);

	// A kept text is personal data on the phone: erasing one's data in the workshop removes it from the phone too.
	await fac.getByRole('button', { name: 'Collect', exact: true }).click();
	await phone.getByLabel('Deine Idee').fill('Noch eine Idee');
	await nextPhase(fac, 'Reveal');
	await expect(phone.getByRole('textbox', { name: 'Dein Text (nicht abgeschickt)' })).toHaveValue('Noch eine Idee');
	const keptKeys = () => phone.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('plenum:draft:')));
	expect(await keptKeys()).toHaveLength(1);
	await phone.getByText('Deine Daten', { exact: true }).click();
	await phone.getByRole('button', { name: 'Meine Daten löschen und gehen' }).click();
	await phone.getByRole('button', { name: 'Ja, alles löschen' }).click();
	await expect(phone.getByRole('heading', { name: 'Deine Daten sind weg' })).toBeVisible();
	expect(await keptKeys()).toEqual([]);
});

test('German phones at 320 and 390 px: compact header, bars to scale in Discuss, a phase change scrolls to what matters', async ({ browser }) => {
	const { fac, code } = await facilitatorWithWorkshop(browser, 'Jugendforum Sommerferien 2027', 'de');
	// One phone asks for less motion (instant scroll), the other scrolls smoothly: both must end up in the right place.
	const small = await joinPhone(browser, code, 'Lina', { ...SMALL_PHONE, reducedMotion: 'reduce' });
	const large = await joinPhone(browser, code, 'Jonas', PHONE_390);
	// The room page's headers take at most an eighth of a 320 x 640 screen (the title is long on purpose).
	const chrome = await roomChromeHeight(small);
	expect(chrome, `room header ${chrome}px of 640`).toBeLessThanOrEqual(640 * 0.12);
	// So does the site header on the pages before the room (start page, join page).
	const before = await small.context().newPage();
	for (const path of ['/', '/join']) {
		await before.goto(path);
		const h = await before.locator('header.site-header').evaluate((e) => e.getBoundingClientRect().height);
		expect(h, `site header on ${path}: ${h}px`).toBeLessThanOrEqual(640 * 0.12);
	}
	await before.close();
	for (const p of [small, large]) expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(p.viewportSize()!.width);
	const ideas = ['Mehr Bäume', 'Kletterwand', 'Trinkbrunnen', 'Sitzecke', 'Hochbeete', 'Tischtennis', 'Graffitiwand', 'Fahrradständer'];
	for (const [i, idea] of ideas.entries()) await post(i % 2 ? large : small, idea);
	await screenshot(small, 'phone-de-320-collect');
	await screenshot(large, 'phone-de-390-collect');

	await nextPhase(fac, 'Reveal');
	await nextPhase(fac, 'Group');
	await nextPhase(fac, 'Vote');
	const vote = (phone: Page, item: string) => phone.getByRole('button', { name: `Für „${item}“ stimmen` }).click();
	await vote(small, 'Mehr Bäume');
	await vote(small, 'Mehr Bäume');
	await vote(small, 'Kletterwand');
	await vote(large, 'Mehr Bäume');
	await vote(large, 'Kletterwand');
	await vote(large, 'Trinkbrunnen');
	for (const p of [small, large]) await expect(p.getByText('Übrige Stimmen: 0 von 3')).toBeVisible();
	await screenshot(small, 'phone-de-320-vote');
	await screenshot(large, 'phone-de-390-vote');
	await fac.getByRole('button', { name: 'Close voting' }).click();

	// Both phones are scrolled down the board when the facilitator moves on to Discuss: they come back to the top.
	for (const p of [small, large]) {
		await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		expect(await p.evaluate(() => window.scrollY)).toBeGreaterThan(300);
	}
	await nextPhase(fac, 'Discuss');
	for (const p of [small, large]) {
		await expect(p.getByRole('heading', { name: 'Rangliste' })).toBeVisible();
		await expect.poll(() => p.evaluate(() => window.scrollY)).toBe(0);
	}

	// The bars are to scale: 3, 2 and 1 votes draw full, two-thirds and one-third width.
	for (const p of [small, large]) {
		const rows = p.getByRole('region', { name: 'Rangliste' }).getByRole('listitem').filter({ has: p.locator('.bar') });
		await expect(rows.first()).toContainText('Mehr Bäume');
		const widths = await rows.evaluateAll((lis) => lis.slice(0, 4).map((li) => li.querySelector('.bar')!.getBoundingClientRect().width));
		const [w3, w2, w1, w0] = widths;
		expect(w3, `bars ${widths.join(', ')}`).toBeGreaterThan(100);
		expect(w2 / w3).toBeCloseTo(2 / 3, 1);
		expect(w1 / w3).toBeCloseTo(1 / 3, 1);
		expect(w0).toBeLessThan(4);
	}

	// The facilitator goes to the third item while the phones look at the bottom of the board: it comes into view.
	await fac.getByRole('button', { name: 'Start with the top item' }).click();
	await fac.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(fac.getByText('Item 2 of 8')).toBeVisible();
	for (const p of [small, large]) await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	await fac.getByRole('button', { name: 'Next', exact: true }).click();
	for (const p of [small, large]) {
		const current = p.getByRole('region', { name: 'Rangliste' }).locator('li[aria-current="true"]');
		await expect(current).toContainText('Trinkbrunnen');
		await expect(current).toBeInViewport();
	}
	await screenshot(small, 'phone-de-320-discuss');
	await screenshot(large, 'phone-de-390-discuss');
});
