import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { LAPTOP, PHONE, PROJECTOR, openAs, screenshot } from '../helpers/e2e';

// Card texts people write, including ones that try to run script: they must stay text everywhere.
const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '<script>window.__xss=2</script>';

/** True if any payload ran in this page. */
const xssRan = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number }).__xss !== undefined);

test('a live workshop: sign up, join from two phones, collect, reveal, group, vote, rank on the projector, reload, export', async ({ browser }) => {
	// The facilitator signs up and creates a workshop.
	const fac = await openAs(browser, LAPTOP);
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill('Frida Facilitator');
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await expect(fac).toHaveURL(/\/f$/);
	await fac.getByLabel('Title').fill('Schoolyard of the future');
	await fac.getByLabel('Language of the workshop').selectOption('en');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const code = (await fac.locator('.code.mono').first().innerText()).trim();
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{3}$/);
	const projectorUrl = await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue();
	const joinUrl = await fac.getByRole('textbox', { name: 'Join link' }).inputValue();
	await expect(fac.getByRole('img', { name: /QR code of the join link/ })).toBeVisible();

	// The projector opens its link on the beamer.
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	await expect(projector.getByText(code, { exact: false }).first()).toBeVisible();

	// Phone A types the code (lower case, with the dash); phone B opens the QR link.
	const phoneA = await openAs(browser, PHONE);
	await phoneA.goto('/join');
	await phoneA.getByLabel('Workshop code').fill(code.toLowerCase());
	await phoneA.getByRole('button', { name: 'Continue' }).click();
	await phoneA.getByLabel('Your nickname').fill('Mila');
	await phoneA.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phoneA.getByText('You are Mila')).toBeVisible();

	const phoneB = await openAs(browser, PHONE);
	await phoneB.goto(new URL(joinUrl).pathname);
	await phoneB.getByLabel('Your nickname').fill('Jonas');
	await phoneB.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phoneB.getByText('You are Jonas')).toBeVisible();
	await expect(projector.getByText('2 in the room')).toBeVisible();

	// Collect: cards stay private to their authors until the reveal.
	const post = async (phone: Page, text: string) => {
		await phone.getByLabel('Your idea').fill(text);
		await phone.getByRole('button', { name: 'Post card' }).click();
		await expect(phone.locator('#composer-text')).toHaveValue('');
	};
	await post(phoneA, 'More trees and shade');
	await post(phoneA, `Benches ${XSS_IMG}`);
	await post(phoneB, 'A climbing wall');
	await post(phoneB, `Water fountain ${XSS_SCRIPT}`);
	await expect(phoneA.getByText('All saved')).toBeVisible();
	await expect(phoneB.getByText('All saved')).toBeVisible();
	await expect(phoneA.getByText('A climbing wall')).toHaveCount(0);
	await expect(projector.getByText('A climbing wall')).toHaveCount(0);
	// The facilitator sees every card with its author, even before the reveal.
	await expect(fac.getByRole('article', { name: 'Card: A climbing wall' })).toBeVisible();
	await expect(fac.getByRole('article', { name: 'Card: A climbing wall' }).getByText('Jonas')).toBeVisible();
	await screenshot(phoneA, 'phone-collect');

	// A reload brings back the same identity and the private cards.
	await phoneA.reload();
	await expect(phoneA.getByText('You are Mila')).toBeVisible();
	const myCards = phoneA.getByRole('region', { name: 'Your cards' });
	await expect(myCards.getByText('More trees and shade')).toBeVisible();
	await expect(myCards.getByText(`Benches ${XSS_IMG}`)).toBeVisible();

	// Reveal: every card appears on every screen at once.
	await fac.getByRole('button', { name: 'Reveal', exact: true }).click();
	await expect(phoneA.getByText('A climbing wall')).toBeVisible();
	await expect(projector.getByText('A climbing wall')).toBeVisible();
	await expect(projector.getByText(`Benches ${XSS_IMG}`)).toBeVisible();

	// Group: a cluster with a title; cards moved into it and across columns with the keyboard controls.
	await fac.getByRole('button', { name: 'Group', exact: true }).click();
	await fac.getByLabel('New group title').fill('Green schoolyard');
	await fac.getByRole('button', { name: 'Create group' }).click();
	const moveInto = async (cardText: string, select: 'Group' | 'Column', option: string) => {
		// The card's accessible name carries the start of its text.
		const card = fac.getByRole('article', { name: new RegExp(`^Card: ${cardText.slice(0, 14)}`) });
		await card.getByLabel(/^Actions for the card/).click();
		await card.getByLabel(select, { exact: true }).selectOption({ label: option });
		await card.getByRole('button', { name: 'Move', exact: true }).click();
	};
	await moveInto('More trees and shade', 'Group', 'Green schoolyard');
	await moveInto(`Water fountain ${XSS_SCRIPT}`, 'Group', 'Green schoolyard');
	await moveInto('A climbing wall', 'Column', 'Discuss');
	await expect(projector.getByText('Green schoolyard')).toBeVisible();

	// Vote: three dots each, at most two per item; counts hidden until voting closes.
	await fac.getByRole('button', { name: 'Vote', exact: true }).click();
	await fac.getByRole('button', { name: 'Start voting' }).click();
	const vote = (phone: Page, item: string) => phone.getByRole('button', { name: `Vote for “${item}”` }).click();
	await vote(phoneA, 'Green schoolyard');
	await vote(phoneA, 'Green schoolyard');
	await expect(phoneA.getByRole('button', { name: 'Vote for “Green schoolyard”' })).toBeDisabled();
	await vote(phoneA, 'A climbing wall');
	await expect(phoneA.getByText('Votes left: 0 of 3')).toBeVisible();
	await vote(phoneB, 'Green schoolyard');
	await vote(phoneB, 'A climbing wall');
	await phoneB.getByRole('button', { name: 'Take back a vote from “A climbing wall”' }).click();
	await vote(phoneB, `Benches ${XSS_IMG}`);
	await expect(phoneB.getByText('Votes left: 1 of 3')).toBeVisible();
	await expect(phoneB.getByText('All saved')).toBeVisible();
	await expect(projector.getByRole('heading', { name: 'Ranking' })).toHaveCount(0);
	await screenshot(phoneA, 'phone');

	// A reload keeps the votes too.
	await phoneA.reload();
	await expect(phoneA.getByText('Votes left: 0 of 3')).toBeVisible();
	await expect(phoneA.getByText('Your votes: 2')).toBeVisible();
	await expect(phoneA.getByRole('button', { name: 'Vote for “Green schoolyard”' })).toBeDisabled();

	// The facilitator closes voting; the projector shows the ranking with the cluster on top.
	await fac.getByRole('button', { name: 'Close voting' }).click();
	const ranking = projector.getByRole('region', { name: 'Ranking' });
	await expect(ranking).toBeVisible();
	await expect(ranking.getByRole('listitem').first()).toContainText('Green schoolyard');
	await expect(ranking.getByRole('listitem').first()).toContainText('3');

	// Discuss: the facilitator walks through; the projector follows.
	await fac.getByRole('button', { name: 'Discuss', exact: true }).click();
	await fac.getByRole('button', { name: 'Start with the top item' }).click();
	await expect(projector.getByText('Now discussing')).toBeVisible();
	// The phone shows the ranking as well (its board part is loaded alongside the connection).
	const phoneRanking = phoneA.getByRole('region', { name: 'Ranking' });
	await expect(phoneRanking.getByRole('listitem').first()).toContainText('Green schoolyard');
	await expect(phoneRanking.getByText('Now discussing')).toBeVisible();
	// The privacy panel's inside is loaded when it opens, and still answers.
	await phoneB.getByText('Your data', { exact: true }).click();
	await phoneB.getByRole('button', { name: 'Show my data' }).click();
	await expect(phoneB.getByText('Nickname: Jonas')).toBeVisible();
	await expect(phoneB.getByText('Cards: 2')).toBeVisible();
	await screenshot(projector, 'projector');
	await screenshot(fac, 'facilitator');

	// Nothing anyone wrote ran as script, on any screen.
	for (const page of [fac, projector, phoneA, phoneB]) {
		expect(await xssRan(page), `script ran on ${page.url()}`).toBe(false);
		await expect(page.locator('img[src="x"]')).toHaveCount(0);
	}

	// Export: Markdown and CSV carry the cards, with the hostile text inert.
	for (const [label, ext] of [
		['Markdown', 'md'],
		['CSV', 'csv']
	] as const) {
		const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByRole('link', { name: new RegExp(`Download the board as ${label}`) }).click()]);
		expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
		const body = fs.readFileSync((await download.path())!, 'utf8');
		expect(body).toContain('A climbing wall');
		expect(body).toContain('Green schoolyard');
		if (ext === 'md') {
			// Markup is escaped with a backslash (readable as plain text, inert in a viewer): no tag starts unescaped.
			expect(body).not.toMatch(/(^|[^\\])<(img|script)/m);
			expect(body).toContain('\\<img');
			expect(body).toContain('Group “Green schoolyard” (3 votes, 2 cards)');
		}
		if (ext === 'csv') {
			// The cluster's votes are in the CSV too (the winner by votes), with a byte-order mark for spreadsheets.
			expect(body.startsWith('\uFEFF')).toBe(true);
			expect(body).toMatch(/^Group,[\w-]+,Green schoolyard,,[^,]*,,,3,1,2,,/m);
		}
	}
});
