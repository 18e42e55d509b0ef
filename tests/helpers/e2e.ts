import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';

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
