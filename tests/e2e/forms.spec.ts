import { expect, test, type Page } from '@playwright/test';
import { LAPTOP, PHONE, PROJECTOR, SMALL_PHONE, createWorkshop, holdScripts, hydrated, openAs, screenshot } from '../helpers/e2e';

/** The same flows as nojs.spec.ts where they matter most, with scripts on (enhanced forms). */

async function signUp(page: Page) {
	await page.goto('/signup');
	await page.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await page.getByLabel('Password').fill('a long enough password');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/f$/);
}

test('signing out from the header ends the session', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	await signUp(fac);
	await fac.getByRole('button', { name: 'Sign out' }).click();
	await expect(fac).toHaveURL(/\/$/);
	await expect(fac.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
	await expect(fac.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
	// Not just the header: the server forgot the session.
	await fac.goto('/f');
	await expect(fac).toHaveURL(/\/login\?next=%2Ff$/);
	await fac.context().close();
});

test('the address the projector shows, then the code, gets a phone in (German workshop)', async ({ browser }) => {
	const fac = await openAs(browser, { ...LAPTOP, locale: 'de-DE' });
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Passwort').fill('a long enough password');
	await fac.getByRole('button', { name: 'Konto erstellen' }).click();
	await expect(fac).toHaveURL(/\/f$/);
	await fac.getByLabel('Titel').fill('Jugendforum Nord');
	await fac.getByLabel('Sprache des Workshops').selectOption('de');
	await fac.getByRole('button', { name: 'Workshop erstellen' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const code = (await fac.locator('.code.mono').first().innerText()).trim();
	const projectorUrl = await fac.getByRole('textbox', { name: /Beamer-Link/ }).inputValue();

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	const joinAt = projector.getByRole('complementary', { name: 'Mitmachen unter' });
	await expect(joinAt).toContainText(code);
	const address = (await joinAt.locator('.host').innerText()).trim();
	expect(address).toMatch(/^[\w.:-]+\/j$/);

	const phones: Page[] = [];
	for (const [options, name] of [
		[{ ...PHONE, viewport: { width: 390, height: 844 } }, 'phone-390'],
		[SMALL_PHONE, 'phone-320']
	] as const) {
		const phone = await openAs(browser, { ...options, locale: 'de-DE' });
		await phone.goto('/');
		await screenshot(phone, `start-de-${name}`);
		// What a person reads on the wall, typed into the address bar.
		await phone.goto(`http://${address}`);
		await expect(phone.getByRole('heading', { name: 'Bei einem Workshop mitmachen' })).toBeVisible();
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(options.viewport!.width);
		await screenshot(phone, `j-de-${name}`);
		await phone.getByLabel('Workshop-Code').fill(code.toLowerCase().replace('-', ' '));
		await phone.getByRole('button', { name: 'Weiter' }).click();
		await expect(phone.getByRole('heading', { name: /Jugendforum Nord/ })).toBeVisible();
		await phone.getByLabel('Dein Spitzname').fill(`Lina ${name}`);
		await phone.getByRole('button', { name: 'Mitmachen' }).click();
		await expect(phone).toHaveURL(/\/w\/[\w-]+$/);
		await expect(phone.getByRole('button', { name: 'Karte abschicken' })).toBeVisible();
		phones.push(phone);
	}
	// Both phones are in the room the projector shows.
	await expect(projector.locator('.people .n')).toHaveText('2');
	await screenshot(projector, 'projector-de');
	await screenshot(fac, 'control-room-de');

	// The exports speak German too: a CSV a German spreadsheet opens (byte-order mark, semicolons), dates in the
	// facilitator's time zone (the links carry it once the page runs).
	const csvLink = fac.getByRole('link', { name: 'Board als CSV herunterladen' });
	await expect(csvLink).toHaveAttribute('href', /\/csv\?tz=/);
	const csv = await (await fac.request.get((await csvLink.getAttribute('href'))!)).text();
	expect(csv.startsWith('\uFEFFTyp;ID;Text;Verfasst von;Spalte;Bahn;Gruppe;Stimmen;Platz;Karten in der Gruppe;Status;Erstellt am;Protokoll\r\n')).toBe(true);
	const md = await (await fac.request.get((await fac.getByRole('link', { name: 'Board als Markdown herunterladen' }).getAttribute('href'))!)).text();
	expect(md).toContain('# Jugendforum Nord:');
	expect(md).toMatch(/Phase: Sammeln · exportiert am \d{1,2}\. \p{L}+ \d{4}/u);
	for (const p of [fac, projector, ...phones]) await p.context().close();
});

/** The field's selection, start and end. */
function selection(field: ReturnType<Page['getByLabel']>) {
	return field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]);
}

// A server-rendered value selected before the scripts arrive and typed over after they did: hydrating must not drop the
// selection (Svelte used to remove the field's value attribute and put the value back, leaving the caret at the end, so
// the typed nickname was appended to the suggestion and cut at the field's maximum length).
for (const way of ['keyboard', 'fill'] as const) {
	test(`a nickname typed over the suggestion while the page hydrates replaces it (${way})`, async ({ browser }) => {
		const fac = await openAs(browser, LAPTOP);
		await signUp(fac);
		const code = await createWorkshop(fac, 'Slow Wi-Fi');
		const phone = await openAs(browser, PHONE);
		const release = await holdScripts(phone);
		await phone.goto(`/j/${code.replace('-', '')}`, { waitUntil: 'commit' });
		const field = phone.getByLabel('Your nickname');
		await expect(field).toHaveValue(/\S/);
		const suggestion = await field.inputValue();
		expect(await phone.evaluate(() => history.scrollRestoration)).toBe('auto');
		// Select the suggestion: as a person does (tap, select all) or as Playwright's fill() starts (focus, select).
		if (way === 'keyboard') {
			await field.click();
			await field.press('ControlOrMeta+a');
		} else await field.selectText();
		expect(await selection(field)).toEqual([0, suggestion.length]);
		release();
		await hydrated(phone);
		expect(await selection(field)).toEqual([0, suggestion.length]);
		const nickname = '<svg onload=__xss=11>';
		// Then type: key by key, or as fill() finishes (one inserted text).
		if (way === 'keyboard') await phone.keyboard.type(nickname);
		else await phone.keyboard.insertText(nickname);
		await expect(field).toHaveValue(nickname);
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone).toHaveURL(/\/w\/[\w-]+$/);
		await expect(phone.getByText(`You are ${nickname}`)).toBeVisible();
		// The hydrated form still refuses a taken nickname with the field focused, keeping what was typed.
		const second = await openAs(browser, PHONE);
		await second.goto(`/j/${code.replace('-', '')}`);
		await second.getByLabel('Your nickname').fill(nickname);
		await second.getByRole('button', { name: 'Join' }).click();
		await expect(second.getByRole('alert')).toContainText('already has this nickname');
		await expect(second.getByLabel('Your nickname')).toBeFocused();
		await expect(second.getByLabel('Your nickname')).toHaveValue(nickname);
		await second.context().close();
		await phone.context().close();
		await fac.context().close();
	});
}

test('a code from the link, selected before the page hydrates and typed over after, is replaced', async ({ browser }) => {
	const phone = await openAs(browser, PHONE);
	const release = await holdScripts(phone);
	await phone.goto('/join?code=abcd-efg', { waitUntil: 'commit' });
	const field = phone.getByLabel('Workshop code');
	await expect(field).toHaveValue('abcd-efg');
	await field.click();
	await field.press('ControlOrMeta+a');
	release();
	await hydrated(phone);
	await phone.keyboard.type('zzzz-zz9');
	await expect(field).toHaveValue('zzzz-zz9');
	await phone.context().close();
});
