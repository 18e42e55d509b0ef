import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

/** Where end-to-end screenshots go (kept between runs; not cleaned by Playwright's outputDir). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/** A phone-sized touch context (320 px is the narrowest width the views must work at). */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The narrowest phone the views must support. */
export const SMALL_PHONE: BrowserContextOptions = { ...PHONE, viewport: { width: 320, height: 640 } };

/** A laptop for the facilitator. */
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 850 } };

/** A 1080p beamer for the projector view. */
export const PROJECTOR: BrowserContextOptions = { viewport: { width: 1920, height: 1080 } };

/** Opens a new page in a fresh context (its own cookies, so its own identity). */
export async function openAs(browser: Browser, options: BrowserContextOptions = LAPTOP): Promise<Page> {
	const context = await browser.newContext(options);
	return context.newPage();
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** Signs up a new facilitator on this page (a random name unless given) and waits for the workshop list. */
export async function signUp(page: Page, name = `fac-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
	await page.goto('/signup');
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Password').fill('a long enough password');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/f$/);
	return name;
}

/** Creates an English workshop from the signed-in workshop list; answers its join code as shown (ABCD-EFG). */
export async function createWorkshop(page: Page, title: string): Promise<string> {
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Language of the workshop').selectOption('en');
	await page.getByRole('button', { name: 'Create workshop' }).click();
	await expect(page).toHaveURL(/\/f\/w\/[\w-]+$/);
	return (await page.locator('.code.mono').first().innerText()).trim();
}

/** A phone joins on the code page (`/join`) as a person types: the code, Continue, the nickname, Join; until "You are <nickname>". */
export async function joinWithCode(phone: Page, code: string, nickname: string): Promise<Page> {
	await phone.goto('/join');
	await phone.getByLabel('Workshop code').fill(code);
	await phone.getByRole('button', { name: 'Continue' }).click();
	await phone.getByLabel('Your nickname').fill(nickname);
	await phone.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(phone.getByText(`You are ${nickname}`)).toBeVisible();
	return phone;
}

/** A phone that joined the workshop with this code under this nickname, through the code page's form. */
export async function joinPhone(browser: Browser, code: string, nickname: string): Promise<Page> {
	const phone = await openAs(browser, PHONE);
	await phone.goto(`/j/${code.replace('-', '')}`);
	await phone.getByLabel(/nickname/).fill(nickname);
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(/\/w\/[\w-]+$/);
	return phone;
}

/** Holds the page's scripts back (a slow venue network: the server-rendered page is there, its scripts are not). */
export async function holdScripts(page: Page): Promise<() => void> {
	let release: () => void = () => {};
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

/** Waits until the page has hydrated: SvelteKit starts its router, which sets history.scrollRestoration, right after. */
export async function hydrated(page: Page) {
	await page.waitForFunction(() => history.scrollRestoration === 'manual');
}
