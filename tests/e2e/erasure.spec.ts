import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { LAPTOP, PHONE, PROJECTOR, openAs, SCREENSHOT_DIR } from '../helpers/e2e';

/** Screenshots of this screens, looked at by hand (issue 14, items 7 and 8). */
const SHOTS = path.join(SCREENSHOT_DIR, 'erasure');
const shot = async (page: Page, name: string) => {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

test('a phone erases its data mid-discussion: the group, the discussion and the ranking stay, her cards show as removed, the facilitator is told', async ({ browser }) => {
	const suffix = Math.random().toString(36).slice(2, 7);
	const fac = await openAs(browser, LAPTOP);
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`Fay ${suffix}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await fac.getByLabel('Title').fill('Our schoolyard');
	await fac.getByLabel('Language of the workshop').selectOption('en');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const code = (await fac.locator('.code.mono').first().innerText()).trim();
	const projectorUrl = await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue();
	const joinUrl = await fac.getByRole('textbox', { name: 'Join link' }).inputValue();
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);

	const join = async (nickname: string) => {
		const phone = await openAs(browser, PHONE);
		await phone.goto(new URL(joinUrl).pathname);
		await phone.getByLabel('Your nickname').fill(nickname);
		await phone.getByRole('button', { name: 'Join', exact: true }).click();
		await expect(phone.getByText(`You are ${nickname}`)).toBeVisible();
		return phone;
	};
	const lea = await join('Léa');
	const ben = await join('Ben');
	const post = async (phone: Page, text: string) => {
		await phone.getByLabel('Your idea').fill(text);
		await phone.getByRole('button', { name: 'Post card' }).click();
		await expect(phone.locator('#composer-text')).toHaveValue('');
	};
	await post(lea, 'Shade sails over the benches');
	await post(lea, 'Water taps by the gate');
	await post(ben, 'More benches');
	await expect(fac.getByRole('article', { name: 'Card: More benches' })).toBeVisible();

	// Reveal, group her card with Ben's, vote, discuss the group.
	await fac.getByRole('button', { name: 'Reveal', exact: true }).click();
	await fac.getByRole('button', { name: 'Group', exact: true }).click();
	await fac.getByLabel('New group title').fill('Comfort');
	await fac.getByRole('button', { name: 'Create group' }).click();
	for (const text of ['Shade sails over the benches', 'More benches']) {
		const card = fac.getByRole('article', { name: new RegExp(`^Card: ${text.slice(0, 14)}`) });
		await card.getByLabel(/^Actions for the card/).click();
		await card.getByLabel('Group', { exact: true }).selectOption({ label: 'Comfort' });
		await card.getByRole('button', { name: 'Move', exact: true }).click();
	}
	await fac.getByRole('button', { name: 'Vote', exact: true }).click();
	await fac.getByRole('button', { name: 'Start voting' }).click();
	const vote = (phone: Page, item: string) => phone.getByRole('button', { name: `Vote for “${item}”` }).click();
	await vote(lea, 'Comfort');
	await vote(lea, 'Comfort');
	await vote(lea, 'Water taps by the gate');
	await expect(lea.getByText('Votes left: 0 of 3')).toBeVisible();
	await vote(ben, 'Comfort');
	await expect(ben.getByText('Votes left: 2 of 3')).toBeVisible();
	await expect(ben.getByText('All saved')).toBeVisible();
	await fac.getByRole('button', { name: 'Close voting' }).click();
	await fac.getByRole('button', { name: 'Discuss', exact: true }).click();
	await fac.getByRole('button', { name: 'Start with the top item' }).click();
	const ranking = projector.getByRole('region', { name: 'Ranking' });
	await expect(ranking.getByRole('listitem').first()).toContainText('Comfort');
	await expect(projector.getByText('Now discussing')).toBeVisible();
	await expect(projector.getByText('Shade sails over the benches')).toBeVisible();

	// "Your data": a readable page and a JSON file, as plain links that work without JavaScript, for her device only.
	const roomPath = new URL(lea.url()).pathname;
	const noJs = await browser.newContext({ ...PHONE, storageState: await lea.context().storageState(), javaScriptEnabled: false });
	const plain = await noJs.newPage();
	await plain.goto(roomPath);
	await plain.getByText('Your data', { exact: true }).click();
	await plain.getByRole('link', { name: 'Read my data as a page' }).click();
	await expect(plain.getByRole('heading', { name: 'What this workshop knows about you' })).toBeVisible();
	await expect(plain.getByText('Nickname: Léa')).toBeVisible();
	await expect(plain.getByText(/^You joined on /)).toBeVisible();
	const myCards = plain.getByRole('region', { name: 'Your cards' });
	await expect(myCards.getByText('Shade sails over the benches')).toBeVisible();
	await expect(myCards.getByText('Water taps by the gate')).toBeVisible();
	await expect(myCards.getByText(/^written /)).toHaveCount(2);
	const myVotes = plain.getByRole('region', { name: 'Your votes' });
	await expect(myVotes.getByText('Votes for “Comfort”: 2')).toBeVisible();
	await expect(myVotes.getByText('Votes for “Water taps by the gate”: 1')).toBeVisible();
	await expect(myVotes.getByText(/^last vote /)).toHaveCount(2);
	await expect(plain.getByText('More benches')).toHaveCount(0);
	await shot(plain, 'phone-your-data-page');
	const file = await plain.request.get(`${roomPath}/my-data.json`);
	expect(file.status()).toBe(200);
	expect(file.headers()['content-disposition']).toContain('attachment');
	const json = await file.json();
	expect(json.nickname).toBe('Léa');
	expect(json.modules.board.cards.map((c: { text: string }) => c.text).sort()).toEqual(['Shade sails over the benches', 'Water taps by the gate']);
	// Ben's device gets Ben's data at the same address; a device that never joined gets none.
	expect((await (await ben.request.get(`${roomPath}/my-data.json`)).json()).nickname).toBe('Ben');
	const stranger = await browser.newContext();
	expect((await stranger.request.get(`${roomPath}/my-data.json`)).status()).toBe(401);
	expect((await stranger.request.get(`${roomPath}/my-data`)).status()).toBe(401);

	// Léa erases her data.
	await lea.getByText('Your data', { exact: true }).click();
	await lea.getByRole('button', { name: 'Delete my data and leave' }).click();
	await lea.getByRole('button', { name: 'Yes, delete everything' }).click();

	// Her phone says clearly what happened and how to come back, instead of her name and an offline badge.
	await expect(lea.getByRole('heading', { name: 'Your data is gone' })).toBeVisible();
	await expect(lea.getByText(`Join as someone new with the code ${code}`)).toBeVisible();
	await expect(lea.getByRole('link', { name: 'Join again' })).toHaveAttribute('href', `/j/${code.replace('-', '')}`);
	await expect(lea.getByText('You are Léa')).toHaveCount(0);
	await expect(lea.getByText('Offline')).toHaveCount(0);
	await shot(lea, 'phone-after-erasure');
	// Her data is gone from the download too.
	expect((await plain.request.get(`${roomPath}/my-data.json`)).status()).toBe(401);

	// The projector still shows the group under discussion, with her card as a placeholder, and the same ranking.
	await expect(projector.getByText('Shade sails over the benches')).toHaveCount(0);
	await expect(projector.getByText('Removed by its author').first()).toBeVisible();
	await expect(projector.getByText('More benches')).toBeVisible();
	await expect(projector.getByText(/Now discussing/)).toContainText('Place 1');
	const items = ranking.getByRole('listitem');
	await expect(items).toHaveCount(2);
	await expect(items.first()).toContainText('Comfort');
	await expect(items.first()).toContainText('3');
	await expect(items.nth(1)).toContainText('Removed by its author');
	await expect(items.nth(1)).toContainText('1');
	await expect(projector.getByText('Water taps by the gate')).toHaveCount(0);
	await expect(projector.getByText('Now discussing')).toBeVisible();
	await expect(projector.getByText('Léa')).toHaveCount(0);
	await shot(projector, 'projector-after-erasure');

	// The facilitator is told, and the placeholders are in place (with no author, no edit).
	await expect(fac.getByText('A participant erased their data: 2 cards are now shown as removed.')).toBeVisible();
	await expect(fac.getByRole('article', { name: 'Card: Removed by its author' })).toHaveCount(2);
	await expect(fac.getByText('Léa')).toHaveCount(0);
	await shot(fac, 'facilitator-after-erasure');
	await fac.getByRole('button', { name: 'Dismiss' }).first().click();
	await expect(fac.getByText('A participant erased their data')).toHaveCount(0);

	// Ben's phone keeps the group too.
	await expect(ben.getByText('Removed by its author').first()).toBeVisible();
});
