import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// scripts/test.mjs picks the port and the data folder; a direct `playwright test` gets 4173 and a fresh temp folder.
// Set on process.env so that worker processes (which load this file again) see the same values.
const port = Number((process.env.PLENUM_E2E_PORT ??= '4173'));
const dataDir = (process.env.PLENUM_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-')));
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/playwright',
	// Files run on four workers (tests within a file stay in order unless the file says otherwise): much of an end-to-end
	// test's time is waiting on the app (a timer, a page turn, a phone's round trip), so four workers cut the wall time
	// even on a 2-core machine (the whole suite took 646 s on three in a CI run, 556 s on four in `npm test` on the same
	// machine).
	// PLENUM_E2E_WORKERS=1 runs them one by one.
	fullyParallel: false,
	workers: Number(process.env.PLENUM_E2E_WORKERS ?? 4),
	retries: 0,
	forbidOnly: !!process.env.CI,
	// A bound for a test that hangs, never a measure: on four workers the busiest tests take up to twice what they take
	// alone.
	timeout: 180_000,
	globalTimeout: 20 * 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL,
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium: never `npx playwright install` (it downloads a browser, which fails here).
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'chromium', testIgnore: /nojs\.spec\.ts$/ },
		// Every form outside the live room must work before (or without) the page's scripts.
		{ name: 'nojs', testMatch: /nojs\.spec\.ts$/, use: { javaScriptEnabled: false } }
	],
	webServer: {
		// The production server as `npm start` runs it: the bundled build/server.mjs serving build/ (scripts/test.mjs
		// runs `npm run build` first; ensure-build rebuilds only when the sources are newer).
		command: 'node scripts/ensure-build.mjs && node --enable-source-maps build/server.mjs',
		url: `${baseURL}/healthz`,
		// Every test browser signs in from 127.0.0.1: the whole suite shares one address's sign-in attempts, which ran out
		// once the password tests added theirs. No end-to-end test is about that throttle (integration tests are).
		env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SIGNINS_PER_IP: '200' },
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 }
	}
});
