import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { PHONE, openAs } from './e2e';

// What the room-view end-to-end tests share (room-views.spec.ts, german-projector.spec.ts): a facilitator's workshop
// in either language, phones, cards, and measures of what a projector shows.

export const GERMAN = { locale: 'de-DE' } as const;

/** Signs up a new facilitator and creates a workshop; returns its join code and projector link. */
export async function createWorkshop(page: Page, title: string, locale: 'en' | 'de') {
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

export async function joinAs(browser: Browser, code: string, nickname: string, locale?: string): Promise<Page> {
	const phone = await openAs(browser, { ...PHONE, ...(locale ? { locale } : {}) });
	await phone.goto(`/j/${code.replace('-', '')}`);
	await phone.getByLabel(/nickname|Spitzname/).fill(nickname);
	await phone.getByRole('button', { name: /^(Join|Mitmachen)$/ }).click();
	await expect(phone).toHaveURL(/\/w\/[\w-]+$/);
	return phone;
}

/** Adds cards from the facilitator's "Add a card" form (open). */
export async function addCards(fac: Page, texts: string[], de = false) {
	const text = fac.getByLabel(de ? 'Text der Karte' : 'Card text');
	for (const t of texts) {
		await text.fill(t);
		await fac.getByRole('button', { name: de ? 'Karte hinzufügen' : 'Add card', exact: true }).click();
		await expect(text).toHaveValue('');
	}
}

/** Font size in CSS pixels of an element. */
export const fontPx = (l: Locator) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** True when the last line of an element's text can be seen (not clipped by a column or the screen edge). */
export const lastLineShown = (l: Locator) =>
	l.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.bottom - 4);
		return r.bottom <= window.innerHeight && !!hit && (hit === el || el.contains(hit));
	});

/** True when a one-line title is cut short with an ellipsis. */
export const isEllipsed = (l: Locator) => l.evaluate((el) => el.scrollWidth > el.clientWidth + 1);

/** True when an element's text is cut (ellipsis, line clamp or clipped overflow). */
export const isCut = (l: Locator) =>
	l.evaluate((el) => {
		const cs = getComputedStyle(el);
		const clamp = cs.getPropertyValue('-webkit-line-clamp');
		return (clamp !== '' && clamp !== 'none') || el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
	});

/** Turns the projector's pages by hand (Page Down) until `target` is on screen; at most 20 turns. */
export async function turnUntilVisible(projector: Page, target: Locator) {
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
