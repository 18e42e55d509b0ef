import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PHONE, openAs, screenshot } from '../helpers/e2e';

/** The facilitator's laptop for this test: the control room is made for 1440 x 900 and up. */
const WIDE = { viewport: { width: 1440, height: 900 } };

const two = (n: number) => String(n).padStart(2, '0');
/** A date and a time of day on this machine's clock (the browser's too), as date and time inputs take them. */
const dateOf = (d: Date) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
const timeOfDay = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}`;

/** Picks the free cell of a room at a start time in a "Move" menu (the day is named too: the slots span two days). */
async function pickFree(select: Locator, room: string, time: string) {
	const option = select.locator('option').filter({ hasText: new RegExp(`^${room}, .*${time} – free$`) });
	await select.selectOption((await option.getAttribute('value'))!);
}

async function audit(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`).join('\n');
	expect(bad, `${where}:\n${report}`).toEqual([]);
}

/** Fills and sends the phone's "Propose a session" form. */
async function propose(phone: Page, p: { title: string; needs?: string[]; anonymous?: boolean }) {
	const form = phone.getByRole('region', { name: 'Propose a session' });
	await form.getByLabel('Title').fill(p.title);
	await form.getByLabel('Short description (optional)').fill(`All about ${p.title.toLowerCase()}.`);
	for (const n of p.needs ?? []) await form.getByRole('checkbox', { name: n }).check();
	if (p.anonymous) await form.getByRole('checkbox', { name: /Stay anonymous/ }).check();
	await form.getByRole('button', { name: 'Propose', exact: true }).click();
	await expect(form.getByLabel('Title')).toHaveValue('');
}

/**
 * Drags `from` onto `to` with the HTML5 drag events the grid listens to (dragstart, dragover, drop, dragend) and one
 * DataTransfer, as a browser does. Dispatched rather than driven by the mouse: a mouse drag in headless Chromium
 * sometimes never reaches the target when the page scrolls on the way.
 */
async function drag(page: Page, from: Locator, to: Locator) {
	const data = await page.evaluateHandle(() => new DataTransfer());
	await from.dispatchEvent('dragstart', { dataTransfer: data });
	await to.dispatchEvent('dragenter', { dataTransfer: data });
	await to.dispatchEvent('dragover', { dataTransfer: data });
	await to.dispatchEvent('drop', { dataTransfer: data });
	await from.dispatchEvent('dragend', { dataTransfer: data });
}

/** The table cell holding a session (by its title). */
const cellOf = (page: Page, title: string): Locator => page.getByRole('cell').filter({ has: page.getByText(title, { exact: true }) });

/** The start time ("10:00") of the row a session sits in. */
async function timeOf(page: Page, title: string): Promise<string> {
	const head = await cellOf(page, title).locator('xpath=..').getByRole('rowheader').innerText();
	return head.slice(0, 5);
}

test('the facilitator sets up a BarCamp, runs proposals, pitch and interest, plans the grid, moves a session by keyboard and publishes', async ({ browser }) => {
	const fac = await openAs(browser, WIDE);
	await fac.goto('/signup');
	await fac.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await fac.getByLabel('Password').fill('a long enough password');
	await fac.getByRole('button', { name: 'Create account' }).click();
	await fac.getByLabel('Title').fill('Youth day');
	await fac.getByLabel('Language of the workshop').selectOption('en');
	await fac.getByRole('button', { name: 'Create workshop' }).click();
	await expect(fac).toHaveURL(/\/f\/w\/[\w-]+$/);
	const workshopId = new URL(fac.url()).pathname.split('/').at(-1)!;
	const code = (await fac.locator('.code.mono').first().innerText()).trim();

	// A BarCamp is added next to the board, by its type, and shown at once.
	await fac.getByLabel('Type').selectOption({ label: 'BarCamp' });
	await fac.getByRole('textbox', { name: 'New BarCamp' }).fill('Youth BarCamp');
	await fac.getByRole('button', { name: 'Add & show' }).click();
	const order = fac.getByRole('list', { name: 'Order of the activities' });
	await expect(order.getByRole('listitem')).toHaveCount(2);
	await expect(order.getByRole('listitem').nth(1)).toContainText('BarCamp');
	await expect(fac.getByRole('navigation', { name: 'Phases' }).getByRole('button', { name: 'Set up' })).toHaveAttribute('aria-current', 'step');

	// Setup: three rooms, three session slots and a lunch break.
	const newRoom = fac.getByRole('form', { name: 'New room' });
	for (const [i, [name, seats, feature]] of ([
		['Room A', '30', 'Projector'],
		['Room B', '20', null],
		['Room C', '10', 'Whiteboard']
	] as const).entries()) {
		await newRoom.getByLabel('Name').fill(name);
		await newRoom.getByLabel('Seats').fill(seats);
		if (feature) await newRoom.getByLabel(feature).check();
		await newRoom.getByRole('button', { name: 'Add room' }).click();
		await expect(fac.getByRole('group', { name: `Room ${i + 1}`, exact: true }).getByLabel('Name', { exact: true })).toHaveValue(name);
	}
	await expect(fac.getByRole('group', { name: 'Room 1' }).getByRole('group', { name: 'Features' }).getByLabel('Projector')).toBeChecked();
	const newSlot = fac.getByRole('form', { name: 'New time slot' });
	// One session slot ran earlier (so its hosts can be confirmed once the grid is live), the rest is tomorrow.
	const earlier = new Date(Math.floor((Date.now() - 3 * 3600_000) / 300_000) * 300_000);
	const past = timeOfDay(earlier);
	const tomorrow = dateOf(new Date(Date.now() + 24 * 3600_000));
	for (const [i, [day, start, end, kind, label]] of ([
		[dateOf(earlier), past, timeOfDay(new Date(earlier.getTime() + 45 * 60_000)), 'Sessions', ''],
		[tomorrow, '10:00', '10:45', 'Sessions', ''],
		[tomorrow, '11:00', '11:45', 'Sessions', ''],
		[tomorrow, '12:00', '13:00', 'Break', 'Lunch'],
		[tomorrow, '13:00', '13:45', 'Sessions', '']
	] as const).entries()) {
		await newSlot.getByLabel('Date').fill(day);
		await newSlot.getByLabel('Start').fill(start);
		await newSlot.getByLabel('End').fill(end);
		await newSlot.getByLabel('Kind').selectOption({ label: kind });
		if (label) await newSlot.getByLabel('Label').fill(label);
		await newSlot.getByRole('button', { name: 'Add slot' }).click();
		await expect(fac.getByRole('group', { name: /^Slot \d/ })).toHaveCount(i + 1);
		// The form moves on to the next slot: it starts where this one ended.
		await expect(newSlot.getByLabel('Start')).toHaveValue(end);
	}
	await expect(fac.getByRole('group', { name: /^Slot \d/ })).toHaveCount(5);
	await expect(fac.getByRole('group', { name: /^Slot 4/ }).getByLabel('Label')).toHaveValue('Lunch');
	await expect(fac.getByRole('group', { name: /^Slot 5/ }).getByLabel('Start')).toHaveValue('13:00');
	await fac.getByLabel('Seconds per pitch').fill('90');
	await fac.getByLabel('Seconds per pitch').blur();
	await fac.getByLabel('Open proposals per person').fill('5');
	await fac.getByLabel('Open proposals per person').blur();
	await screenshot(fac, 'barcamp-setup');

	// A phone joins with the code.
	const phone = await openAs(browser, PHONE);
	await phone.goto('/join');
	await phone.getByLabel('Workshop code').fill(code);
	await phone.getByRole('button', { name: 'Continue' }).click();
	await phone.getByLabel('Your nickname').fill('Lea');
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone).toHaveURL(new RegExp(`/w/${workshopId}$`));

	// Propose: the phone's proposals arrive in the queue, with the real name even when anonymous to the room.
	await fac.getByRole('button', { name: 'Next: Propose' }).click();
	await expect(fac.getByRole('heading', { name: 'Proposals' })).toBeVisible();
	await propose(phone, { title: 'Robots for beginners', needs: ['Projector'] });
	await propose(phone, { title: 'Robots again', needs: ['Projector'] });
	await propose(phone, { title: 'Climate talk', anonymous: true });
	await propose(phone, { title: 'Skateboard repair' });
	const queue = fac.getByRole('list', { name: 'Pitch order' });
	await expect(queue.getByRole('listitem')).toHaveCount(4);

	// Merged: "Robots again" goes into "Robots for beginners" (chosen in its Actions menu, confirmed).
	await fac.getByLabel('Actions for Robots again', { exact: true }).click();
	await fac.getByLabel('Merge into').filter({ visible: true }).selectOption({ label: 'Robots for beginners' });
	fac.once('dialog', (d) => d.accept());
	await fac.getByRole('button', { name: 'Merge', exact: true }).filter({ visible: true }).click();
	await expect(queue.getByRole('listitem')).toHaveCount(3);
	// Rejected with a reason, shown apart, then restored.
	await fac.getByLabel('Actions for Skateboard repair', { exact: true }).click();
	await fac.getByLabel('Reason (the proposer sees it)').filter({ visible: true }).fill('Needs a workshop room');
	await fac.getByRole('button', { name: 'Reject', exact: true }).filter({ visible: true }).click();
	await expect(queue.getByRole('listitem')).toHaveCount(2);
	await fac.getByText(/^Rejected, withdrawn and merged/).click();
	const skate = fac.getByRole('article', { name: 'Skateboard repair' });
	await expect(skate).toContainText('rejected');
	await expect(skate).toContainText('Reason: Needs a workshop room');
	await expect(fac.getByRole('article', { name: 'Robots again' })).toContainText('Merged into “Robots for beginners”');
	await fac.getByRole('button', { name: 'Restore Skateboard repair' }).click();
	await expect(queue.getByRole('listitem')).toHaveCount(3);
	// Edited: a clearer description.
	await fac.getByRole('button', { name: 'Edit Climate talk' }).click();
	await fac.getByLabel('Description').fill('What we can do about the climate, at school and at home.');
	await fac.getByRole('button', { name: 'Save' }).click();
	await expect(queue.getByRole('article', { name: 'Climate talk' })).toContainText('at school and at home');
	const climate = queue.getByRole('article', { name: 'Climate talk' });
	await expect(climate).toContainText('by Lea');
	await expect(climate).toContainText('anonymous');
	await expect(queue.getByRole('article', { name: 'Robots for beginners' })).toContainText('Needs: Projector');
	// Reordered for the pitch: Skateboard repair goes up one.
	await fac.getByRole('button', { name: 'Move Skateboard repair up in the queue' }).click();
	await expect(queue.getByRole('listitem').nth(1)).toContainText('Skateboard repair');
	await screenshot(fac, 'barcamp-queue');

	// Pitch: the first press starts at the first; next and previous walk the queue; the countdown runs.
	await fac.getByRole('button', { name: 'Next: Pitch' }).click();
	const pitch = fac.getByRole('region', { name: 'Pitch' });
	await expect(pitch.getByText('Nothing is on the projector yet.', { exact: false })).toBeVisible();
	await pitch.getByRole('button', { name: 'Next proposal' }).click();
	await expect(pitch.getByText('1 of 3')).toBeVisible();
	await expect(pitch.locator('.title')).toHaveText('Robots for beginners');
	await expect(pitch.getByRole('timer')).toHaveText(/^1:[23]\d$/);
	await expect(queue.getByRole('article', { name: 'Robots for beginners' })).toContainText('on the projector');
	await pitch.getByRole('button', { name: 'Next proposal' }).click();
	await expect(pitch.locator('.title')).toHaveText('Skateboard repair');
	await pitch.getByRole('button', { name: 'Previous proposal' }).click();
	await expect(pitch.locator('.title')).toHaveText('Robots for beginners');
	await pitch.getByRole('button', { name: 'Next proposal' }).click();
	await pitch.getByRole('button', { name: 'Next proposal' }).click();
	await expect(pitch.locator('.title')).toHaveText('Climate talk');
	await expect(pitch.getByRole('button', { name: 'Next proposal' })).toBeDisabled();
	await screenshot(fac, 'barcamp-pitch');

	// Interest: the phone marks two; staff see counts sorted, and the number of people.
	await fac.getByRole('button', { name: 'Next: Interest' }).click();
	for (const t of ['Climate talk', 'Robots for beginners']) await phone.getByRole('button', { name: `I’d go: ${t}` }).click();
	const interest = fac.getByRole('region', { name: 'Interest' });
	await expect(interest.getByText('People who marked sessions: 1')).toBeVisible();
	await expect(interest.getByRole('listitem').last()).toContainText('Skateboard repair');
	await expect(interest.getByRole('listitem').first()).toContainText('1 would go');
	await screenshot(fac, 'barcamp-interest');

	// Plan: the planner places all three (Lea hosts them all, so in three of the four session slots).
	await fac.getByRole('button', { name: 'Next: Plan' }).click();
	await fac.getByRole('region', { name: 'Grid' }).getByRole('button', { name: 'Plan', exact: true }).click();
	await expect(fac.getByRole('status').filter({ hasText: 'Planned: 3 placed, 0 without a place.' })).toBeVisible();
	await expect(fac.getByRole('region', { name: 'Last plan' })).toBeVisible();
	const grid = fac.getByRole('table');
	await expect(grid.getByRole('row').filter({ hasText: 'Lunch' })).toHaveCount(1);
	for (const t of ['Robots for beginners', 'Climate talk', 'Skateboard repair']) await expect(cellOf(fac, t)).toHaveCount(1);
	await expect(cellOf(fac, 'Robots again')).toHaveCount(0);
	await expect(fac.getByRole('cell', { name: /^Room A, .*10:00/ })).toBeVisible();
	await expect(grid.getByRole('columnheader', { name: /^Room A/ })).toContainText('30 seats · Projector');

	// The keyboard way: "Move to" on Robots for beginners, to Room C at the same time (no projector there).
	const at = await timeOf(fac, 'Robots for beginners');
	const summary = fac.getByLabel('Move Robots for beginners', { exact: true });
	await summary.focus();
	await fac.keyboard.press('Enter');
	const select = fac.getByRole('combobox', { name: 'Room and time' }).filter({ visible: true });
	await expect(select).toBeVisible();
	await select.focus();
	await pickFree(select, 'Room C', at);
	await fac.keyboard.press('Tab');
	await fac.keyboard.press('Enter');
	await expect(fac.getByRole('cell', { name: new RegExp(`^Room C, .*${at}`) })).toContainText('Robots for beginners');
	await expect(fac.getByLabel('Move Robots for beginners', { exact: true })).toBeFocused();
	const warnings = fac.getByRole('region', { name: /^Warnings/ });
	await expect(warnings).toContainText('“Robots for beginners” needs Projector, which Room C does not have.');
	await expect(cellOf(fac, 'Robots for beginners').getByRole('list', { name: 'Warning' })).toContainText('Room lacks: Projector');

	// Moving Climate talk into Robots' slot puts Lea in two places at once (by keyboard again, into Room A).
	await fac.getByLabel('Move Climate talk', { exact: true }).focus();
	await fac.keyboard.press('Enter');
	await pickFree(fac.getByRole('combobox', { name: 'Room and time' }).filter({ visible: true }), 'Room A', at);
	await fac.getByRole('button', { name: 'Move', exact: true }).filter({ visible: true }).click();
	await expect(fac.getByRole('cell', { name: new RegExp(`^Room A, .*${at}`) })).toContainText('Climate talk');
	await expect(warnings).toContainText(new RegExp(`Lea hosts “(Robots for beginners|Climate talk)” and “(Robots for beginners|Climate talk)” at the same time \\(.*${at}\\)\\.`));
	await expect(cellOf(fac, 'Climate talk').getByRole('list', { name: 'Warning' })).toContainText('Lea is also in “Robots for beginners”');

	// Drag and drop: Skateboard repair out of the grid onto the tray, then back by its menu (into the slot that ran).
	const tray = fac.getByRole('region', { name: /^Without a place/ });
	await drag(fac, fac.getByRole('article', { name: 'Skateboard repair' }), tray);
	await expect(tray.getByRole('article', { name: 'Skateboard repair' })).toBeVisible();
	await tray.getByLabel('Move Skateboard repair', { exact: true }).click();
	await pickFree(tray.getByRole('combobox', { name: 'Room and time' }), 'Room B', past);
	await tray.getByRole('button', { name: 'Move', exact: true }).click();
	await expect(fac.getByRole('cell', { name: new RegExp(`^Room B, .*${past}`) })).toContainText('Skateboard repair');
	// Dropped on an occupied cell, two sessions swap: Robots goes back to the room with a projector.
	const roomA = fac.getByRole('cell', { name: new RegExp(`^Room A, .*${at}`) });
	const roomC = fac.getByRole('cell', { name: new RegExp(`^Room C, .*${at}`) });
	await drag(fac, fac.getByRole('article', { name: 'Climate talk' }), roomC);
	await expect(roomC).toContainText('Climate talk');
	await expect(roomA).toContainText('Robots for beginners');
	await expect(warnings).not.toContainText('needs Projector');
	await fac.getByRole('button', { name: 'Pin Robots for beginners' }).click();
	await expect(fac.getByRole('button', { name: 'Pin Robots for beginners' })).toHaveAttribute('aria-pressed', 'true');
	await screenshot(fac, 'barcamp-planning');
	await audit(fac, 'control room, planning');

	// Usable at 1024 wide: the grid scrolls inside its panel, the page does not.
	await fac.setViewportSize({ width: 1024, height: 768 });
	expect(await fac.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
	await screenshot(fac, 'barcamp-planning-1024');
	await fac.setViewportSize(WIDE.viewport);

	// Publish: asked first; then the grid is live and the exports are offered.
	fac.once('dialog', (d) => d.accept());
	await fac.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(fac.getByText('The grid is published: every change here reaches phones and the projector at once.')).toBeVisible();
	await expect(fac.getByRole('navigation', { name: 'Phases' }).getByRole('button', { name: 'Live' })).toHaveAttribute('aria-current', 'step');
	// Skateboard repair's slot has begun: its host is confirmed (everyone who offered to host is ticked at first).
	const hosts = fac.getByRole('region', { name: 'Confirm hosts' });
	const skateHosts = hosts.getByRole('group', { name: /^Hosts of Skateboard repair/ });
	await expect(skateHosts.getByLabel('Lea')).toBeChecked();
	await hosts.getByRole('button', { name: 'Confirm hosts of Skateboard repair' }).click();
	await expect(skateHosts).toContainText('confirmed');
	for (const format of ['Markdown', 'CSV', 'iCal', 'JSON']) await expect(fac.getByRole('link', { name: `Download the BarCamp as ${format}` })).toBeVisible();
	const csv = fac.getByRole('link', { name: 'Download the BarCamp as CSV' });
	const res = await fac.context().request.get((await csv.getAttribute('href'))!);
	expect(res.status()).toBe(200);
	const rows = await res.text();
	for (const t of ['Robots for beginners', 'Climate talk', 'Skateboard repair']) expect(rows).toContain(t);
	await screenshot(fac, 'barcamp-live');

	// The same control room in German (the longest words), after a reload.
	await fac.getByRole('button', { name: /^DE/ }).click();
	await expect(fac.getByRole('heading', { name: 'Gastgeber bestätigen' })).toBeVisible();
	await expect(fac.getByRole('cell', { name: new RegExp(`^Room A, .*${at}`) })).toContainText('Robots for beginners');
	await screenshot(fac, 'barcamp-live-de');

	for (const p of [fac, phone]) await p.context().close();
});
