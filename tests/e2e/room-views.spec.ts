import { expect, test } from '@playwright/test';
import { LAPTOP, openAs, screenshot } from '../helpers/e2e';
import { GERMAN, addCards, createWorkshop, joinAs } from '../helpers/room-views';

// The facilitator's laptop and the projector as a first workshop morning uses them (issue 8): what the room sees,
// what stays readable from the back of the room, and what a keyboard user keeps.

// Independent tests (each makes its own workshop); the projector's takes a while on its timers: run them in parallel.
test.describe.configure({ mode: 'parallel' });

test('German Boards panel: "Neues Board" has a usable input and a one-line label at 1280 and 1366 px', async ({ browser }) => {
	const fac = await openAs(browser, { viewport: { width: 1280, height: 800 }, ...GERMAN });
	await createWorkshop(fac, 'Jugendforum Nordstadt', 'de');
	const input = fac.getByRole('textbox', { name: 'Neues Board' });
	const label = fac.locator('label[for="board-new"]');
	for (const viewport of [
		{ width: 1280, height: 800 },
		{ width: 1366, height: 768 }
	]) {
		await fac.setViewportSize(viewport);
		const box = (await input.boundingBox())!;
		expect(box.width, `input width at ${viewport.width} px`).toBeGreaterThanOrEqual(150);
		const lineHeight = await label.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.5);
		const labelBox = (await label.boundingBox())!;
		expect(labelBox.height, `label height at ${viewport.width} px`).toBeLessThan(lineHeight * 1.5);
		await screenshot(fac, `de-facilitator-boards-${viewport.width}`);
	}
	// The panel still works: a new board is added and shown.
	await input.fill('Zweite Runde');
	await fac.getByRole('button', { name: 'Hinzufügen & anzeigen' }).click();
	await expect(fac.getByRole('heading', { name: 'Zweite Runde' })).toBeVisible();
});

test('a card moved with the keyboard keeps the focus', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	await createWorkshop(fac, 'Keyboard workshop', 'en');
	await fac.getByText('Add a card', { exact: true }).click();
	await addCards(fac, ['Bike racks by the gate']);
	const card = fac.getByRole('article', { name: 'Card: Bike racks by the gate' });
	await expect(card).toBeVisible();

	// Keyboard only from here: open the card's actions, tab to the column, pick the next one, move.
	await card.getByLabel(/^Actions for the card/).focus();
	await fac.keyboard.press('Enter');
	const column = card.getByLabel('Column', { exact: true });
	for (let i = 0; i < 12 && !(await column.evaluate((el) => el === document.activeElement)); i++) await fac.keyboard.press('Tab');
	await expect(column).toBeFocused();
	const before = await column.inputValue();
	await fac.keyboard.press('ArrowDown');
	await expect(column).not.toHaveValue(before);
	await fac.keyboard.press('Tab');
	await expect(card.getByRole('button', { name: 'Move', exact: true })).toBeFocused();
	await fac.keyboard.press('Enter');

	// The card now sits in the second column, and the focus is on it, not at the top of the page.
	const moved = fac.getByRole('region', { name: 'Discuss', exact: true }).getByRole('article', { name: 'Card: Bike racks by the gate' });
	await expect(moved).toBeVisible();
	await expect(moved.getByLabel(/^Actions for the card/)).toBeFocused();
	// And the keyboard goes on from there: Enter opens the same card's menu again.
	await fac.keyboard.press('Enter');
	await expect(moved.getByLabel('Column', { exact: true })).toBeVisible();
});

test('the vote budget and per-item maximum are shown, and can be changed, where the facilitator opens voting', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	const { code } = await createWorkshop(fac, 'Vote setup', 'en');
	await fac.getByText('Add a card', { exact: true }).click();
	await addCards(fac, ['Longer breaks']);
	const phone = await joinAs(browser, code, 'Nia');

	await fac.getByRole('button', { name: 'Vote', exact: true }).click();
	const setup = fac.getByRole('form', { name: 'Before the vote starts' });
	await expect(setup).toBeVisible();
	// Voting has not started yet: the phone is not asked to vote.
	await expect(phone.getByText(/Votes left/)).toHaveCount(0);
	await expect(setup.getByLabel('Dots per person')).toHaveValue('3');
	await expect(setup.getByLabel('Dots per person')).toBeFocused();
	await expect(setup.getByLabel('Max dots per item')).toHaveValue('2');
	await setup.getByLabel('Dots per person').fill('5');
	await setup.getByLabel('Max dots per item').fill('1');
	await setup.getByRole('button', { name: 'Start voting' }).click();

	await expect(setup).toHaveCount(0);
	await expect(fac.getByRole('button', { name: 'Vote', exact: true })).toHaveAttribute('aria-current', 'step');
	await expect(phone.getByText('Votes left: 5 of 5')).toBeVisible();
	await phone.getByRole('button', { name: 'Vote for “Longer breaks”' }).click();
	await expect(phone.getByRole('button', { name: 'Vote for “Longer breaks”' })).toBeDisabled();
	await expect(phone.getByText('Votes left: 4 of 5')).toBeVisible();
});

test('a closed workshop offers no code, QR code or links to share', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	const { code } = await createWorkshop(fac, 'Closing time', 'en');
	const share = fac.getByRole('region', { name: 'Invite the room' });
	await expect(share.getByText(code)).toBeVisible();
	fac.on('dialog', (d) => d.accept());
	await fac.getByRole('button', { name: 'Close workshop' }).click();
	await expect(fac.getByText(/This workshop is closed/)).toBeVisible();
	for (const page of [fac, await fac.reload().then(() => fac)]) {
		await expect(share.getByText('The join code no longer works')).toBeVisible();
		await expect(page.getByText(code)).toHaveCount(0);
		await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
		await expect(page.getByRole('textbox', { name: 'Join link' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /^Copy/ })).toHaveCount(0);
		// A leaked projector link can still be revoked after closing (issue 9, item 8).
		await expect(page.getByRole('button', { name: "Revoke & new link" })).toBeEnabled();
	}
});

