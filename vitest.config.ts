import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts: that one starts the realtime server inside Vite's dev server.
const lib = fileURLToPath(new URL('./src/lib', import.meta.url));
const resolve = { alias: { $lib: lib } };
const globalSetup = ['./tests/helpers/paraglide-setup.ts'];

export default defineConfig({
	resolve,
	test: {
		projects: [
			{
				resolve,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					globalSetup,
					sequence: { groupOrder: 0 }
				}
			},
			{
				resolve,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					exclude: ['tests/integration/bench-smoke.test.ts'],
					environment: 'node',
					globalSetup,
					// Real servers on port 0: after the unit tests, one file at a time on a 2-core machine.
					sequence: { groupOrder: 1 },
					pool: 'forks',
					fileParallelism: false,
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				resolve,
				test: {
					// The benchmark's smoke run (about 80 s of its own servers and clients, asserting correctness only). `npm test`
					// runs it in a Vitest process of its own beside the other files (scripts/test.mjs); a plain `vitest run`
					// runs it last.
					name: 'bench-smoke',
					include: ['tests/integration/bench-smoke.test.ts'],
					environment: 'node',
					globalSetup,
					sequence: { groupOrder: 2 },
					pool: 'forks',
					testTimeout: 30_000,
					hookTimeout: 300_000
				}
			}
		]
	}
});
