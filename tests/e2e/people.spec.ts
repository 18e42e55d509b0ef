import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LAPTOP, PHONE, openAs, SCREENSHOT_DIR } from '../helpers/e2e';

/** Where the People panel's screenshots go for review (test-results/screenshots/people). */
const SHOTS = path.join(SCREENSHOT_DIR, 'people');

async function facilitatorWithWorkshop(browser: Browser) {
	const fac = await openAs(browser, LAPTOP);
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await expect(fac).toHaveURL(/\/f$/);
	await fac.getByLabel('Title').fill('Class 9b');
	await fac.getByLabel('Language of the workshop').selectOption('en');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	// The code as the join address carries it (without the dash shown for reading).
	const code = (await fac.locator('.code.mono').first().innerText()).trim().replace('-', '');
	return { fac, code };
}

async function joinPhone(browser: Browser, code: string, nickname: string): Promise<Page> {
	const phone = await openAs(browser, PHONE);
	await phone.goto(`/j/${code}`);
	// Once the page's scripts run, "Suggest another name" changes the name in place: then the field is the page's own.
	const field = phone.getByLabel('Your nickname');
	const suggested = await field.inputValue();
	await phone.getByRole('button', { name: 'Suggest another name' }).click();
	await expect(field).not.toHaveValue(suggested);
	await field.fill(nickname);
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone.getByText(`You are ${nickname}`)).toBeVisible();
	return phone;
}

async function postCard(phone: Page, text: string) {
	await phone.getByLabel('Your idea').fill(text);
	await phone.getByRole('button', { name: 'Post card' }).click();
	await expect(phone.getByText(text)).toBeVisible();
}

test('the People panel lists the phones online with counts; rename shows on the phone; remove ends its session for good', async ({ browser, baseURL }) => {
	const { fac, code } = await facilitatorWithWorkshop(browser);
	const panel = fac.getByRole('region', { name: 'People' });
	await expect(panel.getByText('Nobody has joined yet.')).toBeVisible();

	const kim = await joinPhone(browser, code, 'Kim');
	const rude = await joinPhone(browser, code, 'Stinky Pants');
	await postCard(kim, 'More breaks');
	await postCard(kim, 'Longer lunch');
	await postCard(rude, 'Rude words here');

	// Both listed, sorted by name, online, with what they wrote.
	const rows = panel.getByRole('listitem');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Kim');
	await expect(rows.nth(0)).toContainText('online');
	await expect(rows.nth(0)).toContainText('Cards: 2');
	await expect(rows.nth(1)).toContainText('Stinky Pants');
	await expect(rows.nth(1)).toContainText('Cards: 1');
	await expect(panel.getByText('2 of 2 online')).toBeVisible();
	// The cards-per-person limit is the board's setting: the panel shows it and leads to it.
	await expect(panel.getByText('Cards per person on this board: 100.')).toBeVisible();
	await panel.getByRole('link', { name: 'Change it in the board’s settings' }).click();
	const max = fac.getByLabel('Cards per person');
	await expect(max).toBeFocused();
	await max.fill('2');
	await max.press('Tab');
	await expect(panel.getByText('Cards per person on this board: 2.')).toBeVisible();

	// Rename an offensive nickname: the phone shows its new name at once.
	await panel.getByRole('button', { name: 'Rename Stinky Pants' }).click();
	const newName = panel.getByLabel('New nickname for Stinky Pants');
	await newName.fill(' kim ');
	await panel.getByRole('button', { name: 'Save' }).click();
	await expect(fac.getByText('Someone in this workshop already has this nickname.')).toBeVisible();
	await newName.fill('Sam');
	await panel.getByRole('button', { name: 'Save' }).click();
	await expect(rude.getByText('You are Sam')).toBeVisible();
	await expect(rows.nth(1)).toContainText('Sam');

	// The filter box narrows the list.
	await panel.getByLabel('Find a person').fill('sa');
	await expect(rows).toHaveCount(1);
	await panel.getByLabel('Find a person').fill('');

	// Remove, keeping the card without a name: the phone is told plainly and cannot come back in with the code.
	await panel.getByRole('button', { name: 'Remove Sam' }).click();
	const removal = panel.getByRole('form', { name: 'Remove Sam from the workshop?' });
	await removal.getByLabel('Keep it, without their name').check();
	await removal.getByRole('button', { name: 'Remove' }).click();
	await expect(rude.getByText('You were removed from this workshop by the people running it.')).toBeVisible();
	await expect(rows).toHaveCount(1);
	const kept = fac.getByRole('article', { name: 'Card: Rude words here' });
	await expect(kept).toBeVisible();
	await expect(kept.getByText('Removed person')).toBeVisible();
	await rude.reload();
	await expect(rude).toHaveURL(new RegExp(`/j/${code}$`));
	await expect(rude.getByRole('alert')).toContainText('You were removed from this workshop by the people running it. You cannot join it again.');
	await expect(rude.getByLabel('Your nickname')).toHaveCount(0);
	// Not through the code form either.
	await rude.goto('/join');
	await rude.getByLabel('Workshop code').fill(code);
	await rude.getByRole('button', { name: 'Continue' }).click();
	await expect(rude.getByRole('alert')).toContainText('You were removed from this workshop');

	// Two phones sending the same nickname at once: exactly one gets it.
	const posts = await Promise.all(
		[0, 1].map(async () => {
			const ctx = await browser.newContext();
			const r = await ctx.request.post(`/j/${code}`, { form: { nickname: 'Twin' }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
			await ctx.close();
			return r.status();
		})
	);
	expect(posts.sort()).toEqual([303, 400]);

	for (const p of [kim, rude]) await p.context().close();
	await fac.context().close();
});

test('screenshot: the People panel with a dozen people', async ({ browser, baseURL }) => {
	// Four phones write while the others join: it took up to 99 s on the suite's four workers. A bound for a hang.
	test.setTimeout(240_000);
	const { fac, code } = await facilitatorWithWorkshop(browser);
	const names = ['Kim', 'Léa', 'Jonas', 'Amira', 'Ben', 'Chloé', 'Dario', 'Emma', 'Finn', 'Grace', 'Hugo', 'Ivy'];
	const phones: Page[] = [];
	// Four phones stay connected and write; the others joined and left.
	for (const [i, n] of names.slice(0, 4).entries()) {
		const phone = await joinPhone(browser, code, n);
		for (let c = 0; c <= i; c++) await postCard(phone, `${n}'s idea ${c + 1}`);
		phones.push(phone);
	}
	for (const n of names.slice(4)) {
		const ctx = await browser.newContext();
		const r = await ctx.request.post(`/j/${code}`, { form: { nickname: n }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
		expect(r.status()).toBe(303);
		await ctx.close();
	}
	const panel = fac.getByRole('region', { name: 'People' });
	await panel.getByRole('button', { name: 'Refresh' }).click();
	await expect(panel.getByRole('listitem')).toHaveCount(12);
	await expect(panel.getByText('4 of 12 online')).toBeVisible();
	fs.mkdirSync(SHOTS, { recursive: true });
	await panel.screenshot({ path: path.join(SHOTS, 'people-panel.png') });
	await panel.getByRole('button', { name: 'Remove Ben' }).click();
	await panel.screenshot({ path: path.join(SHOTS, 'people-panel-remove.png') });
	await fac.screenshot({ path: path.join(SHOTS, 'control-room.png'), fullPage: true });
	for (const p of phones) await p.context().close();
	await fac.context().close();
});
