import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LAPTOP, PHONE, PROJECTOR, SMALL_PHONE, openAs } from '../helpers/e2e';

/** Runs axe (WCAG 2.1 A and AA) and fails on serious or critical findings, listing them. */
async function audit(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`).join('\n');
	expect(bad, `${where}:\n${report}`).toEqual([]);
}

test('phone, facilitator and projector views pass an automated accessibility audit', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	await fac.goto('/');
	await audit(fac, 'landing page');
	await fac.goto('/signup');
	await audit(fac, 'sign-up page');
	await fac.getByLabel('Name').fill(`a11y-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await audit(fac, 'dashboard');
	await fac.goto('/account');
	// Refused for two different new passwords (checked before the current one, so no sign-in attempt is spent).
	await fac.getByLabel('Current password', { exact: true }).fill('a long enough password');
	await fac.getByLabel('New password', { exact: true }).fill('a new long password');
	await fac.getByLabel('Repeat the new password', { exact: true }).fill('a new long password!');
	await fac.getByRole('button', { name: 'Change password' }).click();
	await expect(fac.getByRole('alert')).toContainText('The two new passwords are not the same.');
	await audit(fac, 'account page with a refused change');
	await fac.goto('/f');
	await fac.getByLabel('Title').fill('Accessible workshop');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\//);
	const code = (await fac.locator('.code.mono').first().innerText()).trim();
	const projectorUrl = await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue();

	const phone = await openAs(browser, SMALL_PHONE);
	await phone.goto('/join');
	await audit(phone, 'join page (320 px)');
	await phone.getByLabel('Workshop code').fill(code);
	await phone.getByRole('button', { name: 'Continue' }).click();
	await audit(phone, 'nickname page (320 px)');
	await phone.getByLabel('Your nickname').fill('Ada');
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await phone.getByLabel('Your idea').fill('Quiet room for breaks');
	await phone.getByRole('button', { name: 'Post card' }).click();
	await expect(phone.getByText('All saved')).toBeVisible();
	await audit(phone, 'phone board in Collect (320 px)');

	await fac.getByRole('button', { name: 'Vote', exact: true }).click();
	await audit(fac, 'facilitator setting up the vote');
	await fac.getByRole('button', { name: 'Start voting' }).click();
	await expect(fac.getByRole('article', { name: 'Card: Quiet room for breaks' })).toBeVisible();
	await audit(fac, 'facilitator control room in Vote');
	const phone2 = await openAs(browser, PHONE);
	await phone2.goto(`/j/${code.replace('-', '')}`);
	await phone2.getByLabel('Your nickname').fill('Bo');
	await phone2.getByRole('button', { name: 'Join', exact: true }).click();
	await phone2.getByRole('button', { name: 'Vote for “Quiet room for breaks”' }).click();
	await audit(phone2, 'phone board in Vote');

	await fac.getByRole('button', { name: 'Close voting' }).click();
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	await expect(projector.getByRole('region', { name: 'Ranking' })).toBeVisible();
	await audit(projector, 'projector with the ranking');
});
