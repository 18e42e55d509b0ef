import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LAPTOP, PHONE, PROJECTOR, openAs, SCREENSHOT_DIR, signUp, createWorkshop } from '../helpers/e2e';

// Moderation that holds (issue 14, items 1 to 3): an approved card edited by its author waits for approval again
// and never reaches the projector before; the author's phone says in plain words what the facilitator did; the
// counts around approval name each reason; the facilitator's "not revealed yet" badge only where cards are private.

const SHOTS = path.join(SCREENSHOT_DIR, 'moderation');

async function signUpAndCreate(page: Page, title: string) {
	await signUp(page);
	const code = await createWorkshop(page, title);
	return {
		code,
		projectorUrl: await page.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue()
	};
}

/** Runs axe (WCAG 2.1 A and AA) and fails on serious or critical findings, as tests/e2e/accessibility.spec.ts. */
async function audit(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

async function post(phone: Page, text: string) {
	await phone.getByLabel('Your idea').fill(text);
	await phone.getByRole('button', { name: 'Post card' }).click();
	await expect(phone.getByLabel('Your idea')).toHaveValue('');
	await expect(phone.getByText('All saved')).toBeVisible();
}

/** The author edits one of their cards from "Your cards". */
async function editOwn(phone: Page, from: string, to: string, expectHint: boolean) {
	await phone.getByRole('button', { name: `Edit card “${from}”` }).click();
	const hint = phone.getByText('When you save, your card waits for the facilitator’s OK again before others see it.');
	if (expectHint) await expect(hint).toBeVisible();
	else await expect(hint).toHaveCount(0);
	await phone.getByRole('textbox', { name: 'Card text' }).fill(to);
	await phone.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(phone.getByText('All saved')).toBeVisible();
}

const tile = (fac: Page, text: string) => fac.getByRole('article', { name: `Card: ${text}` });

async function cardAction(fac: Page, text: string, action: string) {
	const card = tile(fac, text);
	await card.getByLabel(`Actions for the card “${text}”`).click();
	await card.getByRole('button', { name: action, exact: true }).click();
}

test('an approved card edited by its author waits for approval again; the author hears what the facilitator did', async ({ browser }) => {
	const fac = await openAs(browser, LAPTOP);
	const { code, projectorUrl } = await signUpAndCreate(fac, 'Youth council');
	// Cards appear live (not private until the reveal), and a participant's card waits for the facilitator's OK.
	await fac.getByText('Board settings', { exact: true }).click();
	await fac.getByRole('checkbox', { name: /Private until reveal/ }).uncheck();
	await expect(fac.getByRole('checkbox', { name: /Private until reveal/ })).not.toBeChecked();
	await fac.getByRole('checkbox', { name: /Approve cards first/ }).check();
	await expect(fac.getByRole('checkbox', { name: /Approve cards first/ })).toBeChecked();

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	const phone = await openAs(browser, PHONE);
	await phone.goto(`/j/${code.replace('-', '')}`);
	await phone.getByLabel(/nickname/i).fill('Lina');
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone).toHaveURL(/\/w\/[\w-]+$/);

	// Item 3: a card waiting for approval is counted as such, not as "hidden until the reveal" (there is no reveal here).
	await post(phone, 'Benches in the yard');
	await expect(phone.getByText('Waiting for the facilitator’s OK', { exact: true })).toBeVisible();
	await expect(phone.getByText('Cards waiting for the facilitator’s OK: 1')).toBeVisible();
	await expect(phone.getByText(/hidden until the reveal/)).toHaveCount(0);
	await expect(tile(fac, 'Benches in the yard').getByText('Awaiting approval')).toBeVisible();
	await expect(tile(fac, 'Benches in the yard').getByText('Not revealed yet')).toHaveCount(0);
	await tile(fac, 'Benches in the yard').getByRole('button', { name: 'Approve' }).click();
	await expect(projector.getByText('Benches in the yard')).toBeVisible();
	await expect(phone.getByText('Visible to everyone')).toBeVisible();
	await expect(phone.getByText(/Cards waiting for the facilitator/)).toHaveCount(0);

	// Item 1: the author edits the approved card: it leaves the projector and waits for the OK again.
	await editOwn(phone, 'Benches in the yard', 'Something rude', true);
	await expect(phone.getByText('Waiting for the facilitator’s OK', { exact: true })).toBeVisible();
	await expect(projector.getByText('Benches in the yard')).toHaveCount(0);
	await expect(projector.getByText('Something rude')).toHaveCount(0);
	const rude = tile(fac, 'Something rude');
	await expect(fac.locator('.stat').filter({ hasText: 'awaiting approval' })).toHaveText(/^\s*1\s*awaiting approval\s*$/);
	await expect(rude.getByText('Awaiting approval')).toBeVisible();
	await expect(rude.getByText(/^Edited by its author at \d/)).toBeVisible();
	await fac.screenshot({ path: `${SHOTS}/facilitator-edited-waits.png` });
	await audit(fac, 'facilitator: a waiting card edited by its author');

	// Item 2: the facilitator rewrites it and lets it through; the author's phone says so (also after a reload).
	await cardAction(fac, 'Something rude', 'Edit');
	await fac.getByRole('textbox', { name: 'Card text' }).fill('Something kind');
	await fac.getByRole('button', { name: 'Save', exact: true }).click();
	await tile(fac, 'Something kind').getByRole('button', { name: 'Approve' }).click();
	await expect(projector.getByText('Something kind')).toBeVisible();
	await expect(projector.getByText('Something rude')).toHaveCount(0);
	await expect(tile(fac, 'Something kind').getByText(/Edited by its author/)).toHaveCount(0);
	await expect(phone.getByText('The facilitator edited your card.')).toBeVisible();
	await phone.reload();
	await expect(phone.getByText('The facilitator edited your card.')).toBeVisible();

	// Hidden: the phone says so and counts it apart; the author's edit keeps it hidden and the facilitator sees it.
	await cardAction(fac, 'Something kind', 'Hide');
	await expect(tile(fac, 'Something kind').getByText('Hidden by you')).toBeVisible();
	await expect(phone.getByText('The facilitator hid your card. Only you and the facilitator can see it.')).toBeVisible();
	await expect(phone.getByText('Cards hidden by the facilitator: 1')).toBeVisible();
	await expect(projector.getByText('Something kind')).toHaveCount(0);
	await editOwn(phone, 'Something kind', 'Please show my card', false);
	const hidden = tile(fac, 'Please show my card');
	await expect(hidden.getByText('Hidden by you')).toBeVisible();
	await expect(hidden.getByText(/^Edited by its author at/)).toBeVisible();
	await expect(phone.getByText('The facilitator hid your card. Only you and the facilitator can see it.')).toBeVisible();
	// The author's own words now: no "edited by the facilitator" any more.
	await expect(phone.getByText('The facilitator edited your card.')).toHaveCount(0);
	await expect(projector.getByText('Please show my card')).toHaveCount(0);
	await hidden.getByRole('button', { name: 'Mark the edit of “Please show my card” as seen' }).click();
	await expect(hidden.getByText(/Edited by its author/)).toHaveCount(0);
	await expect(hidden.getByText('Hidden by you')).toBeVisible();
	await phone.screenshot({ path: `${SHOTS}/phone-hidden-edited.png`, fullPage: true });

	// Removed: a note with how the card began, which stays until the author dismisses it (also over a reload).
	await post(phone, 'Free snacks for everyone on Fridays');
	await tile(fac, 'Free snacks for everyone on Fridays').getByRole('button', { name: 'Approve' }).click();
	await expect(projector.getByText('Free snacks for everyone on Fridays')).toBeVisible();
	fac.once('dialog', (d) => d.accept());
	await cardAction(fac, 'Free snacks for everyone on Fridays', 'Delete');
	await expect(projector.getByText('Free snacks for everyone on Fridays')).toHaveCount(0);
	const removedNote = phone.getByText('The facilitator removed your card “Free snacks for everyone on Fridays”.');
	await expect(removedNote).toBeVisible();
	await phone.screenshot({ path: `${SHOTS}/phone-removed-note.png`, fullPage: true });
	await audit(phone, 'phone: a hidden card and a removal note');
	await phone.reload();
	await expect(removedNote).toBeVisible();
	await phone.getByRole('button', { name: 'Dismiss the notice about “Free snacks for everyone on Fridays”' }).click();
	await expect(removedNote).toHaveCount(0);
	await phone.reload();
	await expect(phone.getByRole('heading', { name: 'Your cards' })).toBeVisible();
	await expect(removedNote).toHaveCount(0);

	// Approval off: an author's edit shows live, and the facilitator's tile says it changed until they mark it seen.
	await fac.getByRole('checkbox', { name: /Approve cards first/ }).uncheck();
	await expect(fac.getByRole('checkbox', { name: /Approve cards first/ })).not.toBeChecked();
	await post(phone, 'Longer breaks');
	await expect(projector.getByText('Longer breaks')).toBeVisible();
	await editOwn(phone, 'Longer breaks', 'Longer breaks and a quiet room', false);
	await expect(projector.getByText('Longer breaks and a quiet room')).toBeVisible();
	const changed = tile(fac, 'Longer breaks and a quiet room');
	await expect(changed.getByText(/^Edited by its author at/)).toBeVisible();
	// The phase panel counts the edited cards, so that none is missed on a full board.
	await expect(fac.locator('.stat').filter({ hasText: 'edited by their authors' })).toHaveText(/^\s*1\s*edited by their authors\s*$/);
	await fac.screenshot({ path: `${SHOTS}/facilitator-edited-mark.png` });
	await changed.getByRole('button', { name: 'Mark the edit of “Longer breaks and a quiet room” as seen' }).click();
	await expect(changed.getByText(/Edited by its author/)).toHaveCount(0);
	await expect(fac.getByText('edited by their authors')).toHaveCount(0);

	// Item 3: the facilitator's own card is never "not revealed yet" while cards show live; it is while they are private.
	await fac.getByText('Add a card', { exact: true }).click();
	await fac.getByLabel('Card text').fill('From the facilitator');
	await fac.getByRole('button', { name: 'Add card', exact: true }).click();
	await expect(projector.getByText('From the facilitator')).toBeVisible();
	await expect(tile(fac, 'From the facilitator').getByText('Not revealed yet')).toHaveCount(0);
	await fac.getByRole('checkbox', { name: /Private until reveal/ }).check();
	await fac.getByLabel('Card text').fill('Private one');
	await fac.getByRole('button', { name: 'Add card', exact: true }).click();
	await expect(tile(fac, 'Private one').getByText('Not revealed yet')).toBeVisible();
	await expect(phone.getByText('Cards still hidden until the reveal: 1')).toBeVisible();
	await expect(phone.getByText('Cards hidden by the facilitator: 1')).toBeVisible();
	await phone.screenshot({ path: `${SHOTS}/phone-counts.png`, fullPage: true });
});
