import { expect, test } from '@playwright/test';
import { PROJECTOR, openAs, screenshot } from '../helpers/e2e';
import { GERMAN, addCards, createWorkshop, fontPx, isCut, isEllipsed, joinAs, lastLineShown, turnUntilVisible } from '../helpers/room-views';

// The projector of a German workshop through a whole board (issue 8): what stays readable from the back of the room.
// A file of its own, early in the suite's order: with its one-minute countdown it is one of the longest tests, and
// started last it would hold up the end of the run.

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
