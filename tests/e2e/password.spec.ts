import { expect, test, type Page } from '@playwright/test';
import { LAPTOP, PHONE, SMALL_PHONE, openAs, screenshot } from '../helpers/e2e';

/** Changing a facilitator's password with scripts on (nojs.spec.ts does the same without them). */

const OLD = 'a long enough password';
const NEW = 'another long passphrase';

async function signIn(page: Page, name: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).last().click();
}

test('a facilitator changes the password: the other device is signed out, the old password fails and the new one signs in', async ({ browser }) => {
	const name = `pw-${Math.random().toString(36).slice(2, 8)}`;
	const laptop = await openAs(browser, LAPTOP);
	await laptop.goto('/signup');
	await laptop.getByLabel('Name').fill(name);
	await laptop.getByLabel('Password').fill(OLD);
	await laptop.getByRole('button', { name: 'Create account' }).click();
	await expect(laptop).toHaveURL(/\/f$/);
	const tablet = await openAs(browser, LAPTOP);
	await signIn(tablet, name, OLD);
	await expect(tablet).toHaveURL(/\/f$/);

	// The header's name leads to the account page.
	await laptop.getByRole('link', { name }).click();
	await expect(laptop).toHaveURL(/\/account$/);
	await expect(laptop.getByRole('heading', { name: 'Your account' })).toBeVisible();
	const current = laptop.getByLabel('Current password', { exact: true });
	const next = laptop.getByLabel('New password', { exact: true });
	const repeat = laptop.getByLabel('Repeat the new password', { exact: true });

	// A wrong current password: said plainly, that field marked and emptied, what else was typed kept.
	await current.fill('not the password');
	await next.fill(NEW);
	await repeat.fill(NEW);
	await laptop.getByRole('button', { name: 'Change password' }).click();
	await expect(laptop.getByRole('alert')).toHaveText('The current password is not right.');
	await expect(current).toHaveAttribute('aria-invalid', 'true');
	await expect(current).toBeFocused();
	await expect(current).toHaveValue('');
	await expect(next).toHaveValue(NEW);
	await expect(next).toHaveAttribute('aria-invalid', 'false');

	await current.fill(OLD);
	await laptop.getByRole('button', { name: 'Change password' }).click();
	await expect(laptop.getByRole('status')).toContainText('Your password has been changed.');
	await expect(laptop.getByText('The current password is not right.')).toHaveCount(0);
	await expect(current).toHaveValue('');
	await expect(next).toHaveValue('');
	await screenshot(laptop, 'account-changed-laptop');

	// This device stays signed in; the other one is signed out.
	await laptop.goto('/f');
	await expect(laptop.getByRole('heading', { name: 'Your workshops' })).toBeVisible();
	await tablet.goto('/f');
	await expect(tablet).toHaveURL(/\/login\?next=%2Ff$/);

	await signIn(tablet, name, OLD);
	await expect(tablet.getByRole('alert')).toHaveText('Name or password is not right.');
	await signIn(tablet, name, NEW);
	await expect(tablet).toHaveURL(/\/f$/);
	await laptop.context().close();
	await tablet.context().close();
});

test('the account page fits a phone and is reached from the header there too', async ({ browser }) => {
	const phone = await openAs(browser, { ...PHONE, viewport: { width: 390, height: 844 } });
	await phone.goto('/signup');
	await phone.getByLabel('Name').fill(`pw-${Math.random().toString(36).slice(2, 8)}`);
	await phone.getByLabel('Password').fill(OLD);
	await phone.getByRole('button', { name: 'Create account' }).click();
	await expect(phone).toHaveURL(/\/f$/);
	await phone.getByRole('link', { name: 'Account', exact: true }).click();
	await expect(phone).toHaveURL(/\/account$/);
	// Two different new passwords: the repeat is the field marked.
	await phone.getByLabel('Current password', { exact: true }).fill(OLD);
	await phone.getByLabel('New password', { exact: true }).fill(NEW);
	await phone.getByLabel('Repeat the new password', { exact: true }).fill(`${NEW}!`);
	await phone.getByRole('button', { name: 'Change password' }).click();
	await expect(phone.getByRole('alert')).toHaveText('The two new passwords are not the same. Type the new password twice.');
	await expect(phone.getByLabel('Repeat the new password', { exact: true })).toBeFocused();
	await screenshot(phone, 'account-phone-390');
	await phone.setViewportSize(SMALL_PHONE.viewport!);
	await screenshot(phone, 'account-phone-320');
	const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await phone.context().close();
});
