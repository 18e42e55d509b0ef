import { expect, test } from '@playwright/test';
import { LAPTOP, openAs, signUp, createWorkshop, joinPhone } from '../helpers/e2e';

// Voting on a phone with the keyboard alone (issue 14, item 14): the focus stays on a control of the item when its
// "+" can no longer act, and "votes left" and "your votes" are polite live regions, so a screen reader hears a vote.

test('a keyboard user votes until the budget is used, keeps the focus on the item and hears each vote', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	await signUp(fac);
	const code = await createWorkshop(fac, 'Keyboard vote');
	await fac.getByText('Add a card', { exact: true }).click();
	const text = fac.getByLabel('Card text');
	await text.fill('Quiet corner');
	await fac.getByRole('button', { name: 'Add card', exact: true }).click();
	await expect(text).toHaveValue('');
	const phone = await joinPhone(browser, code, 'Kim');

	await fac.getByRole('button', { name: 'Vote', exact: true }).click();
	const setup = fac.getByRole('form', { name: 'Before the vote starts' });
	await setup.getByLabel('Dots per person').fill('2');
	await setup.getByLabel('Max dots per item').fill('2');
	await setup.getByRole('button', { name: 'Start voting' }).click();

	const left = phone.getByRole('status').filter({ hasText: /^Votes left/ });
	await expect(left).toHaveText('Votes left: 2 of 2');
	const plus = phone.getByRole('button', { name: 'Vote for “Quiet corner”' });
	const minus = phone.getByRole('button', { name: 'Take back a vote from “Quiet corner”' });
	const mine = phone.getByText(/^Your votes: \d+$/);
	await expect(mine).toHaveAttribute('aria-live', 'polite');

	// Tab from the top of the page to the "+" (keyboard only, a bounded number of steps).
	await phone.locator('body').focus();
	for (let i = 0; i < 60 && !(await plus.evaluate((el) => el === document.activeElement)); i++) await phone.keyboard.press('Tab');
	await expect(plus).toBeFocused();

	await phone.keyboard.press('Enter');
	await expect(left).toHaveText('Votes left: 1 of 2');
	await expect(mine).toHaveText('Your votes: 1');
	await phone.keyboard.press('Enter');
	await expect(left).toHaveText('Votes left: 0 of 2');
	await expect(mine).toHaveText('Your votes: 2');

	// The budget is used: the "+" says it cannot act, and the focus is still on it, inside the item.
	await expect(plus).toBeDisabled();
	await expect(plus).toBeFocused();
	// Enter on it now changes nothing.
	await phone.keyboard.press('Enter');
	await expect(mine).toHaveText('Your votes: 2');
	await expect(left).toHaveText('Votes left: 0 of 2');

	// Shift+Tab reaches the "-" of the same item; Enter takes a vote back and the "+" can act again.
	await phone.keyboard.press('Shift+Tab');
	await expect(minus).toBeFocused();
	await phone.keyboard.press('Enter');
	await expect(left).toHaveText('Votes left: 1 of 2');
	await expect(mine).toHaveText('Your votes: 1');
	await expect(plus).toBeEnabled();
});
