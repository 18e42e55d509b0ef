import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { LAPTOP, PHONE, PROJECTOR, openAs, screenshot } from '../helpers/e2e';

// The facilitator's laptop and the projector as a first workshop morning uses them (issue 8): what the room sees,
// what stays readable from the back of the room, and what a keyboard user keeps.

const GERMAN = { locale: 'de-DE' } as const;

/** Signs up a new facilitator and creates a workshop; returns its join code and projector link. */
async function createWorkshop(page: Page, title: string, locale: 'en' | 'de') {
	const de = locale === 'de';
	await page.goto('/signup');
	await page.getByLabel('Name').fill(`fac-${Math.random().toString(36).slice(2, 8)}`);
	await page.getByLabel(de ? 'Passwort' : 'Password').fill('a long enough password');
	await page.getByRole('button', { name: de ? 'Konto erstellen' : 'Create account' }).click();
	await expect(page).toHaveURL(/\/f$/);
	await page.getByLabel(de ? 'Titel' : 'Title').fill(title);
	await page.getByLabel(de ? 'Sprache des Workshops' : 'Language of the workshop').selectOption(locale);
	await page.getByRole('button', { name: de ? 'Workshop erstellen' : 'Create workshop' }).click();
	await expect(page).toHaveURL(/\/f\/w\/[\w-]+$/);
	return {
		code: (await page.locator('.code.mono').first().innerText()).trim(),
		projectorUrl: await page.getByRole('textbox', { name: de ? /^Beamer-Link/ : 'Projector link (read-only)' }).inputValue()
	};
}

async function joinAs(browser: Browser, code: string, nickname: string, locale?: string): Promise<Page> {
	const phone = await openAs(browser, { ...PHONE, ...(locale ? { locale } : {}) });
	await phone.goto(`/j/${code.replace('-', '')}`);
	await phone.getByLabel(/nickname|Spitzname/).fill(nickname);
	await phone.getByRole('button', { name: /^(Join|Mitmachen)$/ }).click();
	await expect(phone).toHaveURL(/\/w\/[\w-]+$/);
	return phone;
}

/** Adds cards from the facilitator's "Add a card" form (open). */
async function addCards(fac: Page, texts: string[], de = false) {
	const text = fac.getByLabel(de ? 'Text der Karte' : 'Card text');
	for (const t of texts) {
		await text.fill(t);
		await fac.getByRole('button', { name: de ? 'Karte hinzufügen' : 'Add card', exact: true }).click();
		await expect(text).toHaveValue('');
	}
}

/** Font size in CSS pixels of an element. */
const fontPx = (l: Locator) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** True when the last line of an element's text can be seen (not clipped by a column or the screen edge). */
const lastLineShown = (l: Locator) =>
	l.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.bottom - 4);
		return r.bottom <= window.innerHeight && !!hit && (hit === el || el.contains(hit));
	});

/** True when a one-line title is cut short with an ellipsis. */
const isEllipsed = (l: Locator) => l.evaluate((el) => el.scrollWidth > el.clientWidth + 1);

/** True when an element's text is cut (ellipsis, line clamp or clipped overflow). */
const isCut = (l: Locator) =>
	l.evaluate((el) => {
		const cs = getComputedStyle(el);
		const clamp = cs.getPropertyValue('-webkit-line-clamp');
		return (clamp !== '' && clamp !== 'none') || el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
	});

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

/** Turns the projector's pages by hand (Page Down) until `target` is on screen; at most 20 turns. */
async function turnUntilVisible(projector: Page, target: Locator) {
	await expect
		.poll(
			async () => {
				if (await target.isVisible()) return true;
				await projector.keyboard.press('PageDown');
				return false;
			},
			{ timeout: 30_000, intervals: [400] }
		)
		.toBe(true);
}

test('German projector: readable type, whole cards, column limits only when allowed, "time\'s up" that fades, a ranking where ties share a place', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const fac = await openAs(browser, { viewport: { width: 1280, height: 800 }, ...GERMAN });
	const title = 'Jugendforum Nordstadt';
	const { code, projectorUrl } = await createWorkshop(fac, title, 'de');
	await fac.getByText('Board-Einstellungen').click();
	await fac.getByRole('checkbox', { name: /Privat bis zum Aufdecken/ }).uncheck();
	await expect(fac.getByRole('checkbox', { name: /Privat bis zum Aufdecken/ })).not.toBeChecked();
	const limitsToRoom = fac.getByRole('checkbox', { name: /Höchstzahl Karten pro Spalte allen zeigen/ });
	await expect(limitsToRoom).not.toBeChecked();
	await fac.getByText('Spalten', { exact: true }).click();
	await fac.getByRole('spinbutton', { name: /Höchstzahl Karten/ }).first().fill('3');
	await fac.getByRole('spinbutton', { name: /Höchstzahl Karten/ }).first().press('Tab');
	await expect(fac.getByText('4 / 3')).toHaveCount(0);

	const projector = await openAs(browser, PROJECTOR);
	// Pages held for 60 s and turned by hand (Page Down, as a presenter's clicker sends it) where the test looks for a
	// card or a place on another page: nothing turns away what the test is measuring, and no reading time is waited out.
	await projector.goto(`${projectorUrl}?page=60`);
	const phone = await joinAs(browser, code, 'Mila', 'de-DE');

	const long =
		'Wir wünschen uns einen überdachten Treffpunkt im Park, mit Bänken, Licht am Abend, Steckdosen zum Laden der Handys, einem Regal zum Tauschen von Büchern und einer Tafel für Ankündigungen, damit sich Gruppen verabreden können, auch wenn es regnet oder schon dunkel ist.';
	expect(long.length).toBeLessThanOrEqual(280);
	await fac.getByText('Karte hinzufügen', { exact: true }).first().click();
	const ideas = [
		'Mehr Bäume',
		'Kletterwand',
		'Trinkbrunnen',
		long,
		'Graffiti-Wand',
		'Fahrradständer',
		'Ruheraum',
		'Tischtennis',
		'Bücherschrank',
		'Bühne für Bands',
		'WLAN im Park',
		'Skatepark',
		'Hochbeete',
		'Kino im Sommer',
		'Basketballkorb',
		'Nachtbus',
		'Jugendcafé',
		'Sitzsäcke',
		'Grillplatz',
		'Tauschbörse'
	];
	await addCards(fac, ideas, true);

	// Collect: the first column has 20 cards against a limit of 3; the room does not see the limit by default.
	const room = [phone, projector];
	// The board pages (20 cards in one column), so a card may take a few turns to come up.
	await turnUntilVisible(projector, projector.getByText('Mehr Bäume'));
	await expect(phone.getByText('Mehr Bäume').first()).toBeVisible();
	for (const page of room) {
		await expect(page.getByText(/Zu viele Karten/)).toHaveCount(0);
		await expect(page.getByText(/\d+ von höchstens 3/)).toHaveCount(0);
	}
	// Readable from 10 m at 1080p: the workshop title large and bright, card text at least 32 px.
	const workshopTitle = projector.getByText(title, { exact: true });
	expect(await fontPx(workshopTitle)).toBeGreaterThanOrEqual(36);
	expect(await workshopTitle.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(246, 247, 251)');
	expect(await fontPx(projector.getByText('Mehr Bäume', { exact: true }))).toBeGreaterThanOrEqual(32);
	// The long card shows whole on its page (the board pages rather than cutting text).
	const longCard = projector.getByText(long, { exact: true });
	await turnUntilVisible(projector, longCard);
	expect(await isCut(longCard)).toBe(false);
	expect(await lastLineShown(longCard), 'the end of the long card is on screen').toBe(true);
	await screenshot(projector, 'de-projector-collect');
	await screenshot(fac, 'de-facilitator-collect-1280');
	await fac.setViewportSize({ width: 1366, height: 768 });
	await screenshot(fac, 'de-facilitator-collect-1366');

	// The facilitator lets the room see the limits: now phone and projector show them.
	await limitsToRoom.check();
	await expect(limitsToRoom).toBeChecked();
	for (const page of room) await expect(page.getByText(/Zu viele Karten: \d+ von höchstens 3/).first()).toBeVisible();
	await limitsToRoom.uncheck();
	for (const page of room) await expect(page.getByText(/Zu viele Karten/)).toHaveCount(0);

	// A one-minute countdown for grouping; it runs out while the room votes.
	await fac.getByLabel('Minuten').fill('1');
	await fac.getByRole('button', { name: 'Starten', exact: true }).click();
	const timerStarted = Date.now();

	// Group: a cluster of three cards; cards inside it stay readable.
	await fac.getByRole('button', { name: 'Gruppieren', exact: true }).click();
	await fac.getByLabel('Titel der neuen Gruppe').fill('Draußen treffen');
	await fac.getByRole('button', { name: /erstellen$/ }).click();
	for (const idea of ['Grillplatz', 'Sitzsäcke', 'Skatepark']) {
		const card = fac.getByRole('article', { name: new RegExp(`^Karte: ${idea}`) });
		await card.getByLabel(/^Aktionen für die Karte/).click();
		await card.getByLabel('Gruppe').selectOption({ label: 'Draußen treffen' });
		await card.getByRole('button', { name: 'Verschieben', exact: true }).click();
	}
	const cluster = projector.getByRole('group', { name: /Draußen treffen/ });
	await expect(cluster.getByText('Skatepark')).toBeVisible({ timeout: 30_000 });
	expect(await fontPx(cluster.getByText('Skatepark', { exact: true }))).toBeGreaterThanOrEqual(32);

	// Vote: by now the countdown has run out; "time's up" shows without squeezing the titles.
	await fac.getByRole('button', { name: 'Abstimmen', exact: true }).click();
	await expect(fac.getByRole('form', { name: 'Bevor die Abstimmung beginnt' }).getByLabel('Stimmen pro Person')).toHaveValue('3');
	await screenshot(fac, 'de-facilitator-vote-setup-1366');
	await fac.getByRole('button', { name: 'Abstimmung starten' }).click();
	const timesUp = projector.getByRole('timer').filter({ hasText: 'Die Zeit ist um' });
	await expect(timesUp).toBeVisible({ timeout: Math.max(10_000, 75_000 - (Date.now() - timerStarted)) });
	expect(await isEllipsed(workshopTitle), 'workshop title cut beside "time\'s up"').toBe(false);
	// A countdown that has run out offers no "pause" to the facilitator.
	await expect(fac.getByRole('button', { name: 'Pausieren' })).toHaveCount(0);
	const boardTitle = projector.getByRole('heading', { level: 1 });
	expect(await isEllipsed(boardTitle), 'board title cut beside "time\'s up"').toBe(false);
	const bar = (await projector.locator('header').first().boundingBox())!;
	expect((await workshopTitle.boundingBox())!.width).toBeGreaterThanOrEqual(bar.width * 0.4);
	await screenshot(projector, 'de-projector-vote-times-up');
	await screenshot(fac, 'de-facilitator-vote-1366');

	for (const idea of ['Draußen treffen', 'Kletterwand', 'Kletterwand']) await phone.getByRole('button', { name: `Für „${idea}“ stimmen` }).click();
	await expect(phone.getByText('Übrige Stimmen: 0 von 3')).toBeVisible();

	// Discuss: the phase change clears the finished countdown on every screen.
	await fac.getByRole('button', { name: 'Besprechen', exact: true }).click();
	await expect(timesUp).toHaveCount(0);
	await expect(fac.getByRole('timer').filter({ hasText: 'Die Zeit ist um' })).toHaveCount(0);
	await expect(phone.getByRole('timer').filter({ hasText: 'Die Zeit ist um' })).toHaveCount(0);

	// The ranking pages through every item once, in order; equal votes share a place (competition ranking, issue 14):
	// 2 votes, 1 vote, then all the items without a vote on place 3.
	const ranking = projector.getByRole('region', { name: 'Rangliste' });
	await expect(ranking).toBeVisible();
	const total = ideas.length - 3 + 1;
	const rows = async () => {
		const items = ranking.getByRole('listitem');
		const places = (await items.locator('.place').allInnerTexts()).map(Number);
		const titles = await items.locator('.title').allInnerTexts();
		return titles.map((title, i) => ({ title, place: places[i] }));
	};
	const seen = new Map<string, number>();
	for (let turns = 0; seen.size < total && turns < 20; turns++) {
		const now = await rows();
		expect(now.length).toBeGreaterThan(0);
		now.forEach((r, i) => i > 0 && expect(r.place, `places on screen: ${now.map((x) => x.place).join(', ')}`).toBeGreaterThanOrEqual(now[i - 1].place));
		now.forEach((r) => seen.set(r.title, r.place));
		if (seen.size < total) {
			await projector.keyboard.press('PageDown');
			await expect.poll(async () => (await rows())[0]?.title).not.toBe(now[0].title);
		}
	}
	expect([...seen.values()].sort((a, b) => a - b)).toEqual([1, 2, ...Array.from({ length: total - 2 }, () => 3)]);
	await expect(ranking.getByRole('listitem').first()).toBeVisible();
	await screenshot(projector, 'de-projector-discuss-ranking');

	// The item under discussion is shown whole above the ranking.
	await fac.getByRole('button', { name: 'Mit dem ersten Eintrag beginnen' }).click();
	await expect(projector.getByText(/Wird gerade besprochen/).first()).toBeVisible();
	await screenshot(projector, 'de-projector-discuss-spotlight');
	await screenshot(fac, 'de-facilitator-discuss-1366');
	await fac.setViewportSize({ width: 1280, height: 800 });
	await screenshot(fac, 'de-facilitator-discuss-1280');
});
