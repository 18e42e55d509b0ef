import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LAPTOP, PROJECTOR, SCREENSHOT_DIR, createWorkshop, holdScripts, hydrated, joinPhone, openAs, signUp } from '../helpers/e2e';

// A hackathon day in Chromium, as issue 15 tells it: a facilitator sets up two challenges and a jury link in the
// control room; four phones form two teams (one by hand, one by matching), move through the stages, co-edit a
// project page and submit; a juror scores on a phone; the audience votes; the ceremony reveals on the projector;
// the showcase shows only the team that opted in. Every step goes through the pages people use.

const SHOTS = path.join(SCREENSHOT_DIR, 'hackathon');
const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Scores every criterion of a team's card on the jury page with the same value and saves. */
async function score(jury: Page, team: string, value: number) {
	const card = jury.getByRole('article', { name: team });
	for (const g of await card.getByRole('group', { name: /\(weight \d\)$/ }).all()) await g.getByRole('radio', { name: `${value} of 5` }).check();
	await card.getByRole('button', { name: 'Save scores' }).click();
	await expect(card.getByRole('status')).toHaveText('Scores saved.');
}

/** A phone's audience vote, with its confirming step. */
async function vote(phone: Page, team: string) {
	await phone.getByRole('radio', { name: new RegExp(team) }).check();
	await phone.getByRole('button', { name: `Vote for ${team}` }).click();
	await phone.getByRole('button', { name: 'Yes, cast my vote' }).click();
	await expect(phone.getByText(`You voted for ${team}.`)).toBeVisible();
}

test('a hackathon day: set-up, teams by hand and by matching, a co-edited project, the jury on a phone, the audience vote, the ceremony, the showcase', async ({ browser }) => {
	test.setTimeout(240_000);
	const fac = await openAs(browser, LAPTOP);
	fac.on('dialog', (d) => d.accept());
	await signUp(fac);
	const code = await createWorkshop(fac, 'Youth Hack Day');
	const projectorUrl = await fac.getByRole('textbox', { name: 'Projector link (read-only)' }).inputValue();

	// Set up: a hackathon shown to the room, team rules, two challenges, a juror with a link.
	await fac.getByLabel('Type').selectOption({ label: 'Hackathon' });
	await fac.getByRole('textbox', { name: 'New hackathon' }).fill('Climate Hack');
	await fac.getByRole('button', { name: 'Add & show' }).click();
	const tabs = fac.getByRole('tablist', { name: 'Views of the hackathon' });
	await expect(tabs.getByRole('tab', { name: /Set up/ })).toHaveAttribute('aria-selected', 'true');
	await fac.getByLabel('Largest team').fill('3');
	await fac.getByLabel('Largest team').press('Tab');
	const newChallenge = fac.getByRole('form', { name: 'New challenge' });
	for (const [i, [title, partner]] of [
		['Clean water for every school', 'City water works'],
		['Safe way to school', 'Police youth team']
	].entries()) {
		await newChallenge.getByLabel('Title').fill(title);
		await newChallenge.getByLabel('Partner').fill(partner);
		await newChallenge.getByRole('button', { name: 'Add challenge' }).click();
		await expect(fac.getByRole('group', { name: /^Challenge \d+$/ })).toHaveCount(i + 1);
		await expect(fac.getByRole('group', { name: `Challenge ${i + 1}` }).getByLabel('Title')).toHaveValue(title);
	}
	await fac.getByLabel('Juror’s name').fill('Anna Berg');
	await fac.getByRole('button', { name: 'Add juror' }).click();
	const juryLink = await fac.getByRole('textbox', { name: 'Jury link of Anna Berg' }).inputValue();
	expect(juryLink).toMatch(/\/jury\/[\w-]+$/);

	const projector = await openAs(browser, PROJECTOR);
	await projector.goto(projectorUrl);
	await expect(projector.getByText('Clean water for every school')).toBeVisible();

	// Teams: Ada creates one and Ben joins; Cleo and Dan ask to be matched.
	await fac.getByRole('button', { name: 'Next: Teams' }).click();
	const [pAda, pBen, pCleo, pDan] = await Promise.all(['Ada', 'Ben', 'Cleo', 'Dan'].map((n) => joinPhone(browser, code, n)));
	await pAda.getByLabel('Team name').fill('Water Wizards');
	await pAda.getByLabel('Challenge', { exact: true }).selectOption({ label: 'Clean water for every school' });
	await pAda.getByRole('button', { name: 'Create team' }).click();
	await expect(pAda.getByRole('heading', { name: 'Water Wizards', level: 2 })).toBeVisible();
	await pBen.getByRole('button', { name: 'Join Water Wizards' }).click();
	await expect(pBen.getByRole('heading', { name: 'Water Wizards', level: 2 })).toBeVisible();
	for (const [p, skill] of [
		[pCleo, 'Design'],
		[pDan, 'Code']
	] as const) {
		await p.getByRole('checkbox', { name: skill }).check();
		await p.getByRole('button', { name: 'Save profile' }).click();
		await expect(p.getByText('Profile saved.')).toBeVisible();
		await p.getByRole('checkbox', { name: 'Find me a team' }).check();
		await expect(p.getByText('Waiting to be matched')).toBeVisible();
	}
	await fac.getByRole('button', { name: 'Match now' }).click();
	await expect(fac.getByText(/joined a team/)).toBeVisible();
	await expect(pCleo.getByRole('heading', { name: 'Team 2', level: 2 })).toBeVisible();
	await expect(pDan.getByRole('heading', { name: 'Team 2', level: 2 })).toBeVisible();

	// Hacking: stages, a co-edited description, links, submissions.
	await fac.getByRole('button', { name: 'Next: Hacking' }).click();
	await pAda.getByRole('textbox', { name: 'Project title' }).fill('Splash: a water tester for schools');
	await pAda.getByLabel('Link to the code').fill('https://github.com/water-wizards/splash');
	await pAda.getByRole('button', { name: 'Save project' }).click();
	await expect(pAda.getByText('Project saved.')).toBeVisible();
	await pAda.getByLabel('Project description').fill('A cheap sensor in every school tap.');
	await expect(pBen.getByLabel('Project description')).toHaveValue('A cheap sensor in every school tap.');
	await pBen.getByLabel('Project description').press('End');
	await pBen.getByLabel('Project description').pressSequentially(' Pupils read it on their phones.');
	await expect(pAda.getByLabel('Project description')).toHaveValue('A cheap sensor in every school tap. Pupils read it on their phones.');
	await pBen.getByRole('radio', { name: /Demo-ready/ }).check();
	await expect(pAda.getByRole('radio', { name: /Demo-ready/ })).toBeChecked();
	await pAda.getByRole('checkbox', { name: 'We rehearsed the pitch' }).check();
	await expect(pBen.getByRole('checkbox', { name: 'We rehearsed the pitch' })).toBeChecked();
	await pAda.getByRole('button', { name: 'Submit project' }).click();
	await expect(pAda.getByText('Submitted', { exact: true })).toBeVisible();
	await pCleo.getByRole('textbox', { name: 'Project title' }).fill('Crossing radar');
	await pCleo.getByRole('button', { name: 'Save project' }).click();
	await expect(pCleo.getByText('Project saved.')).toBeVisible();
	await pDan.getByRole('button', { name: 'Submit project' }).click();
	await expect(pDan.getByText('Submitted', { exact: true })).toBeVisible();
	// The showcase: Water Wizards agree (Ada also to her name); Team 2 does not.
	for (const p of [pAda, pBen]) await p.getByRole('checkbox', { name: 'Show our project in the showcase' }).check();
	await pAda.getByRole('checkbox', { name: 'Show my nickname with it' }).check();
	await expect(pAda.getByRole('checkbox', { name: 'Show my nickname with it' })).toBeChecked();
	await pAda.evaluate(() => window.scrollTo(0, 0));
	await pAda.screenshot({ path: path.join(SHOTS, 'day-phone-project-page.png'), fullPage: true });
	await expect(projector.getByRole('region', { name: 'Teams by stage' })).toBeVisible();
	await expect(projector.getByText('2 of 2 projects submitted')).toBeAttached();

	// A juror on a slow network picks a score and starts a comment before the page's scripts arrive: both stay.
	const early = await openAs(browser, PHONE_390);
	const release = await holdScripts(early);
	await early.goto(juryLink);
	const earlyCard = early.getByRole('article', { name: 'Water Wizards' });
	await earlyCard.getByRole('group', { name: 'Idea (weight 2)' }).getByRole('radio', { name: '4 of 5' }).check();
	await earlyCard.getByLabel(/Comment/).fill('Clear idea');
	release();
	await hydrated(early);
	await expect(earlyCard.getByRole('group', { name: 'Idea (weight 2)' }).getByRole('radio', { name: '4 of 5' })).toBeChecked();
	await expect(earlyCard.getByLabel(/Comment/)).toHaveValue('Clear idea');
	await early.context().close();

	// The juror scores on a phone, then says they are done: judging closes.
	const jury = await openAs(browser, PHONE_390);
	await jury.goto(juryLink);
	await expect(jury.getByRole('heading', { name: 'Jury: Climate Hack' })).toBeVisible();
	await expect(jury.getByText('A cheap sensor in every school tap. Pupils read it on their phones.')).toBeVisible();
	await score(jury, 'Water Wizards', 5);
	await score(jury, 'Team 2', 3);
	await jury.screenshot({ path: path.join(SHOTS, 'day-jury-phone.png'), fullPage: true });
	// The saved scores come back with the page (rendered by the server, kept by the scripts).
	await jury.reload();
	await expect(jury.getByRole('article', { name: 'Water Wizards' }).getByRole('group', { name: 'Idea (weight 2)' }).getByRole('radio', { name: '5 of 5' })).toBeChecked();
	await expect(jury.getByRole('article', { name: 'Team 2' }).getByRole('group', { name: 'Idea (weight 2)' }).getByRole('radio', { name: '3 of 5' })).toBeChecked();
	await jury.getByRole('button', { name: 'I’m done' }).click();
	await expect(jury.getByRole('heading', { name: 'Final jury ranking' })).toBeVisible();

	// Pitches and the audience vote: the projector counts votes, never for whom.
	await fac.getByRole('button', { name: 'Next: Pitches' }).click();
	await fac.getByRole('button', { name: 'Start with the first team' }).click();
	await expect(projector.getByRole('region', { name: 'On stage now' }).getByRole('heading', { name: 'Water Wizards' })).toBeVisible();
	await fac.getByRole('button', { name: 'Open the vote' }).click();
	await expect(pAda.getByRole('radio', { name: /Water Wizards/ })).toBeDisabled();
	await vote(pAda, 'Team 2');
	await vote(pCleo, 'Water Wizards');
	await vote(pDan, 'Water Wizards');
	await expect(projector.getByText('3 audience votes')).toBeVisible();
	await fac.getByRole('button', { name: 'Close the vote' }).click();
	await fac.getByRole('button', { name: 'Reveal results' }).click();
	await expect(pBen.getByRole('heading', { name: 'Results of the audience vote' })).toBeVisible();

	// The ceremony on the projector: the last place first, then the first, then the audience award.
	await fac.getByRole('button', { name: 'Next: Ceremony' }).click();
	await fac.getByRole('button', { name: 'Start ceremony' }).click();
	await expect(projector.getByText('The prizes are about to be awarded.')).toBeVisible();
	const next = fac.getByRole('button', { name: 'Next', exact: true });
	await next.click();
	await expect(projector.getByText('Place 2', { exact: true })).toBeAttached();
	await expect(projector.locator('.newest').getByText('Team 2')).toBeVisible();
	await next.click();
	await expect(projector.locator('.newest').getByText('Water Wizards')).toBeVisible();
	await projector.screenshot({ path: path.join(SHOTS, 'day-projector-ceremony-first.png'), animations: 'disabled' });
	await next.click();
	await expect(projector.getByText('Audience award')).toBeVisible();
	await expect(projector.getByText('2 votes')).toBeVisible();
	await projector.screenshot({ path: path.join(SHOTS, 'day-projector-ceremony-audience.png'), animations: 'disabled' });

	// The showcase: published, both projects approved, only the team that agreed is shown.
	await tabs.getByRole('tab', { name: 'Showcase' }).click();
	await fac.getByRole('button', { name: 'Publish showcase' }).click();
	const showcaseUrl = await fac.getByRole('textbox', { name: 'Showcase link' }).inputValue();
	await fac.getByRole('button', { name: 'Approve the project of Water Wizards' }).click();
	await expect(fac.getByRole('button', { name: 'Approve the project of Team 2' })).toBeDisabled();
	const viewer = await openAs(browser, LAPTOP);
	await viewer.goto(showcaseUrl);
	await expect(viewer.getByRole('article')).toHaveCount(1);
	const entry = viewer.getByRole('article', { name: 'Splash: a water tester for schools' });
	await expect(entry.getByText('With: Ada')).toBeVisible();
	await expect(viewer.getByText('Crossing radar')).toHaveCount(0);
	await viewer.screenshot({ path: path.join(SHOTS, 'day-showcase.png'), fullPage: true });
	// Ben withdraws his consent: the project leaves the showcase at once.
	await pBen.getByRole('checkbox', { name: 'Show our project in the showcase' }).uncheck();
	await expect(pBen.getByRole('checkbox', { name: 'Show our project in the showcase' })).not.toBeChecked();
	await expect.poll(async () => (await viewer.reload(), await viewer.getByRole('article').count())).toBe(0);
});
