import { expect, test, type Page } from '@playwright/test';
import { LAPTOP, PHONE, PROJECTOR, openAs } from '../helpers/e2e';

/** Signs up a fresh facilitator and creates an English workshop; returns its code and projector link. */
async function createWorkshop(fac: Page, title: string) {
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await fac.getByLabel('Title').fill(title);
	await fac.getByLabel('Language of the workshop').selectOption('en');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	return {
		code: (await fac.locator('.code.mono').first().innerText()).trim(),
		projectorUrl: await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue()
	};
}

test('the facilitator adds, renames, reorders, shows and removes activities; phones and the projector follow without a reload', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	const { code, projectorUrl } = await createWorkshop(fac, 'Project week');
	const order = fac.getByRole('list', { name: 'Order of the activities' });

	const phone = await openAs(browser, PHONE);
	await phone.goto('/join');
	await phone.getByLabel('Workshop code').fill(code);
	await phone.getByRole('button', { name: 'Continue' }).click();
	await phone.getByLabel('Your nickname').fill('Lea');
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone.getByRole('heading', { name: 'Board', exact: true })).toBeVisible();
	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(new URL(projectorUrl).pathname);
	await expect(projector.getByText('Board', { exact: true }).first()).toBeVisible();

	// A second activity is added and shown at once: the phone and the projector switch to it.
	await fac.getByRole('textbox', { name: 'New board' }).fill('Ideas for the fair');
	await fac.getByRole('button', { name: 'Add & show' }).click();
	await expect(order.getByRole('listitem')).toHaveCount(2);
	await expect(phone.getByRole('heading', { name: 'Ideas for the fair' })).toBeVisible();
	await expect(projector.getByText('Ideas for the fair').first()).toBeVisible();
	await phone.getByLabel('Your idea').fill('A stand with robots');
	await phone.getByRole('button', { name: 'Post card' }).click();
	await expect(phone.getByText('All saved')).toBeVisible();

	// Renamed: every screen shows the new title.
	await fac.getByRole('button', { name: 'Rename Ideas for the fair' }).click();
	await fac.getByRole('textbox', { name: 'New name for Ideas for the fair' }).fill('Fair stands');
	await fac.getByRole('button', { name: 'Save' }).click();
	await expect(phone.getByRole('heading', { name: 'Fair stands' })).toBeVisible();
	await expect(projector.getByText('Fair stands').first()).toBeVisible();

	// Reordered: the new one comes first.
	await fac.getByRole('button', { name: 'Move Fair stands up' }).click();
	await expect(order.getByRole('listitem').first()).toContainText('Fair stands');
	await expect(fac.getByRole('button', { name: 'Move Fair stands up' })).toBeDisabled();

	// The first board is shown again; the phone follows, and its card stays with its own board.
	await fac.getByLabel('Activity on all screens').selectOption({ label: 'Board' });
	await fac.getByRole('button', { name: 'Show', exact: true }).click();
	await expect(phone.getByRole('heading', { name: 'Board', exact: true })).toBeVisible();
	await expect(phone.getByText('A stand with robots')).toHaveCount(0);

	// Removing the activity on screen: the room follows the next one in the list.
	fac.once('dialog', (d) => d.accept());
	await fac.getByRole('button', { name: 'Remove Board' }).click();
	await expect(order.getByRole('listitem')).toHaveCount(1);
	await expect(phone.getByRole('heading', { name: 'Fair stands' })).toBeVisible();
	await expect(phone.getByText('A stand with robots').first()).toBeVisible();
	await expect(projector.getByText('Fair stands').first()).toBeVisible();
	// The last activity cannot be removed.
	await expect(fac.getByRole('button', { name: 'Remove Fair stands' })).toBeDisabled();
	for (const p of [fac, phone, projector]) await p.context().close();
});
