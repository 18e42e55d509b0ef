import path from 'node:path';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { LAPTOP, PHONE, PROJECTOR, openAs, SCREENSHOT_DIR } from '../helpers/e2e';

const SHOTS = path.join(SCREENSHOT_DIR, 'erasure');

test('the owner deletes the workshop: the projector, a co-facilitator and a phone each say it was deleted', async ({ browser }) => {
	const suffix = Math.random().toString(36).slice(2, 7);
	const owner = await openAs(browser, LAPTOP);
	await owner.goto('/signup');
	await owner.getByLabel('Name').fill(`Olga ${suffix}`);
	await owner.getByLabel('Password').fill('a long enough password');
	await owner.getByRole('button', { name: 'Create account' }).click();
	await owner.getByLabel('Title').fill('Short-lived');
	await owner.getByLabel('Language of the workshop').selectOption('en');
	await owner.getByRole('button', { name: 'Create workshop' }).click();
	await expect(owner).toHaveURL(/\/f\/w\/[\w-]+$/);
	const code = (await owner.locator('.code.mono').first().innerText()).trim();
	const projectorUrl = await owner.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue();
	const joinUrl = await owner.getByRole('textbox', { name: 'Join link' }).inputValue();
	const inviteUrl = await owner.getByRole('textbox', { name: 'Co-facilitator invite link' }).inputValue();

	const cofac = await openAs(browser, LAPTOP);
	await cofac.goto(inviteUrl);
	await cofac.getByRole('link', { name: 'Create an account' }).click();
	await cofac.getByLabel('Name').fill(`Cleo ${suffix}`);
	await cofac.getByLabel('Password').fill('a long enough password');
	await cofac.getByRole('button', { name: 'Create account' }).click();
	await cofac.getByRole('button', { name: 'Accept the invitation' }).click();
	await expect(cofac.getByText('All saved')).toBeVisible();

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	await expect(projector.getByText(code)).toBeVisible();

	const phone = await openAs(browser, PHONE);
	await phone.goto(new URL(joinUrl).pathname);
	await phone.getByLabel('Your nickname').fill('Noa');
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone.getByText('You are Noa')).toBeVisible();
	// A running timer on the phone, which must stop showing once the workshop is gone.
	await owner.getByRole('button', { name: 'Start' }).click();
	await expect(phone.getByRole('timer')).toBeVisible();

	owner.once('dialog', (d) => d.accept(code));
	await owner.getByRole('button', { name: 'Delete workshop…' }).click();
	await expect(owner).toHaveURL(/\/f$/);

	// The projector says the workshop was deleted (not that its link was replaced).
	await expect(projector.getByText('This workshop was deleted. There is nothing more to show.')).toBeVisible();
	await expect(projector.getByText(/replaced/)).toHaveCount(0);
	// The co-facilitator's control room says so too, and no longer says "Open".
	await expect(cofac.getByText('This workshop was deleted by its owner, with everything in it.')).toBeVisible();
	await expect(cofac.getByText('Deleted', { exact: true })).toBeVisible();
	await expect(cofac.getByText('Open', { exact: true })).toHaveCount(0);
	await expect(cofac.getByRole('link', { name: 'My workshops' }).first()).toBeVisible();
	await expect(cofac.getByRole('timer')).toHaveCount(0);
	await expect(cofac.getByRole('button', { name: 'Add a card' })).toBeHidden();
	// The phone says the workshop has ended, without a timer, an offline badge or its nickname.
	await expect(phone.getByRole('heading', { name: 'This workshop has ended' })).toBeVisible();
	await expect(phone.getByRole('timer')).toHaveCount(0);
	await expect(phone.getByText('Offline')).toHaveCount(0);
	await expect(phone.getByText('You are Noa')).toHaveCount(0);

	fs.mkdirSync(SHOTS, { recursive: true });
	await projector.screenshot({ path: `${SHOTS}/projector-deleted.png` });
	await cofac.screenshot({ path: `${SHOTS}/cofacilitator-deleted.png` });
	await phone.screenshot({ path: `${SHOTS}/phone-deleted.png` });
});
