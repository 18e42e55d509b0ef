import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The hackathon phone's try-out (not part of the suite): the project's config (its build and server), this folder's
 * spec only. `PLENUM_E2E_PORT=4391 npx playwright test --config scripts/hk-phone/playwright.config.ts`
 */
export default defineConfig({ ...base, testDir: '.', outputDir: `${root}/test-results/hk-phone`, projects: [{ name: 'chromium' }], workers: 1, use: { ...base.use, actionTimeout: 15_000 }, webServer: { ...base.webServer!, cwd: root } as typeof base.webServer });
