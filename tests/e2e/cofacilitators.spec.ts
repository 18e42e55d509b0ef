import { expect, test } from '@playwright/test';
import { LAPTOP, openAs, screenshot } from '../helpers/e2e';

const NOT_FOUND = 'Page not found';

test('the owner sees a co-facilitator, removes them, and the co-facilitator is told their access ended', async ({ browser }) => {
	const suffix = Math.random().toString(36).slice(2, 7);
	const owner = await openAs(browser, LAPTOP);
	await owner.goto('/signup');
	await owner.getByLabel('Name').fill(`Olive ${suffix}`);
	await owner.getByLabel('Password').fill('a long enough password');
	await owner.getByRole('button', { name: 'Create account' }).click();
	await expect(owner).toHaveURL(/\/f$/);
	await owner.getByLabel('Title').fill('Run together');
	await owner.getByLabel('Language of the workshop').selectOption('en');
	await owner.getByRole('button', { name: 'Create workshop' }).click();
	await expect(owner).toHaveURL(/\/f\/w\/[\w-]+$/);
	const panel = owner.getByRole('region', { name: 'Co-facilitators' });
	await expect(panel.getByText('Nobody has joined through the invite link yet.')).toBeVisible();
	const inviteUrl = await owner.getByRole('textbox', { name: 'Co-facilitator invite link' }).inputValue();

	// The co-facilitator accepts the invite and runs the room, without the invite link or the close button.
	const cofac = await openAs(browser, LAPTOP);
	await cofac.goto(inviteUrl);
	await cofac.getByRole('link', { name: 'Create an account' }).click();
	await cofac.getByLabel('Name').fill(`Cleo ${suffix}`);
	await cofac.getByLabel('Password').fill('a long enough password');
	await cofac.getByRole('button', { name: 'Create account' }).click();
	await cofac.getByRole('button', { name: 'Accept the invitation' }).click();
	await expect(cofac).toHaveURL(owner.url());
	await expect(cofac.getByText('All saved')).toBeVisible();
	await expect(cofac.getByRole('textbox', { name: 'Co-facilitator invite link' })).toHaveCount(0);
	await expect(cofac.getByRole('button', { name: 'New invite link' })).toHaveCount(0);
	await expect(cofac.getByRole('region', { name: 'Co-facilitators' })).toHaveCount(0);
	await expect(cofac.getByRole('heading', { name: 'Close the workshop' })).toHaveCount(0);
	await expect(cofac.getByText('Only the owner closes the workshop and invites co-facilitators.')).toBeVisible();

	// The owner's list shows them (after a reload: they joined over HTTP).
	await owner.reload();
	await expect(panel.getByText(`Cleo ${suffix}`)).toBeVisible();
	await expect(panel.getByText(/^since /)).toBeVisible();
	await screenshot(owner, 'cofacilitators-panel');

	owner.once('dialog', (d) => d.accept());
	await panel.getByRole('button', { name: `Remove Cleo ${suffix}` }).click();
	await expect(panel.getByText('Nobody has joined through the invite link yet.')).toBeVisible();
	await expect(cofac.getByText('You were removed from this workshop: your access has ended.')).toBeVisible();
	// The next load of the workshop is refused.
	await cofac.reload();
	await expect(cofac.getByRole('heading', { name: NOT_FOUND })).toBeVisible();

	// The owner renews the invite link: the old one no longer invites anybody.
	owner.once('dialog', (d) => d.accept());
	await owner.getByRole('button', { name: 'New invite link' }).click();
	await expect(owner.getByRole('textbox', { name: 'Co-facilitator invite link' })).not.toHaveValue(inviteUrl);
	await cofac.goto(inviteUrl);
	await expect(cofac.getByRole('heading', { level: 1, name: 'This invite link is not valid' })).toBeVisible();
	await expect(cofac.getByRole('button', { name: 'Accept the invitation' })).toHaveCount(0);
});
