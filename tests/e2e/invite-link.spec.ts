import { expect, test } from '@playwright/test';
import { LAPTOP, openAs } from '../helpers/e2e';

// An invite link that leads nowhere says so plainly, in the reader's language, instead of inviting them to sign up
// for a page that then answers 404 (issue 14, item 15).

const CASES = [
	{ locale: 'en-GB', title: 'This invite link is not valid', invited: /You are invited/ },
	{ locale: 'de-DE', title: 'Dieser Einladungslink ist ungültig', invited: /Du bist .*eingeladen/ },
	{ locale: 'fr-FR', title: 'Ce lien d’invitation n’est pas valide', invited: /invité·e à co-animer/ }
] as const;

for (const c of CASES) {
	test(`an unknown invite link says it is not valid (${c.locale})`, async ({ browser }) => {
		const page = await openAs(browser, { ...LAPTOP, locale: c.locale });
		await page.goto(`/invite/${'x'.repeat(43)}`);
		await expect(page.getByRole('heading', { level: 1, name: c.title })).toBeVisible();
		await expect(page.getByRole('main').getByText(c.invited)).toHaveCount(0);
		// Nothing to sign up or in for: the link cannot be accepted.
		await expect(page.getByRole('main').getByRole('link')).toHaveCount(0);
		await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
	});
}

test('a replaced-looking link stays invalid after signing in, and a valid link still invites', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await expect(fac).toHaveURL(/\/f$/);
	await fac.getByLabel('Title').fill('Invited');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const inviteUrl = await fac.getByRole('textbox', { name: 'Co-facilitator invite link' }).inputValue();
	// The facilitator's side panel and its controls have distinct names.
	await expect(fac.getByRole('complementary', { name: 'Workshop controls' })).toBeVisible();
	await expect(fac.getByRole('group', { name: 'Timer and activities' })).toBeAttached();

	const other = await openAs(browser, LAPTOP);
	await other.goto(inviteUrl);
	await expect(other.getByRole('heading', { level: 1, name: 'You are invited to co-facilitate' })).toBeVisible();
	await other.goto(`${inviteUrl}x`);
	await expect(other.getByRole('heading', { level: 1, name: 'This invite link is not valid' })).toBeVisible();
});

test('a link renewed while the invitation is open says it is not valid on Accept, instead of a 404', async ({ browser }) => {
	const suffix = Math.random().toString(36).slice(2, 8);
	const owner = await openAs(browser, LAPTOP);
	await owner.goto('/signup');
	await owner.getByLabel('Name').fill(`owner-${suffix}`);
	await owner.getByLabel('Password').fill('a long enough password');
	await owner.getByRole('button', { name: 'Create account' }).click();
	await owner.getByLabel('Title').fill('Renewed under them');
	await owner.getByRole('button', { name: 'Create workshop' }).click();
	await expect(owner).toHaveURL(/\/f\/w\/[\w-]+$/);
	const inviteUrl = await owner.getByRole('textbox', { name: 'Co-facilitator invite link' }).inputValue();

	const guest = await openAs(browser, LAPTOP);
	await guest.goto(inviteUrl);
	await guest.getByRole('link', { name: 'Create an account' }).click();
	await guest.getByLabel('Name').fill(`guest-${suffix}`);
	await guest.getByLabel('Password').fill('a long enough password');
	await guest.getByRole('button', { name: 'Create account' }).click();
	const accept = guest.getByRole('button', { name: 'Accept the invitation' });
	await expect(accept).toBeVisible();

	// The owner renews the link while the guest still has the invitation open.
	owner.once('dialog', (d) => d.accept());
	await owner.getByRole('button', { name: 'New invite link' }).click();
	await expect(owner.getByRole('textbox', { name: 'Co-facilitator invite link' })).not.toHaveValue(inviteUrl);

	await accept.click();
	await expect(guest.getByRole('heading', { level: 1, name: 'This invite link is not valid' })).toBeVisible();
	await expect(guest.getByRole('button', { name: 'Accept the invitation' })).toHaveCount(0);
	await expect(guest).toHaveURL(inviteUrl);
});
