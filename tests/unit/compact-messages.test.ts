import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as messages from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';
import { PICK_BODY, PICK_ID, compactMessageModule } from '../../vite.plugins.ts';

// The browser build replaces each compiled message's dispatcher with a shared `pick` (vite.plugins.ts). Every
// message must be compacted (else the phone's weight quietly grows back) and say exactly what it said before, in
// every language, with the locale option and with the current locale.
type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: string }) => string;
const dir = new URL('../../src/lib/paraglide/messages/', import.meta.url);
const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== '_index.js');
const original = messages.m as unknown as Record<string, MessageFn>;

/** Runs a compacted module's code with the real `pick` and a stub current locale; answers its message. */
function load(code: string, name: string, current: () => string): MessageFn {
	expect(code).toContain(`import { pick as __pick } from ${JSON.stringify(PICK_ID)};`);
	const body = code.replace(/^import .*$/gm, '').replace(`export const ${name} =`, `const ${name} =`);
	const pick = new Function('getLocale', 'experimentalStaticLocale', `${PICK_BODY}\nreturn pick;`)(current, undefined);
	return new Function('__pick', `${body}\nreturn ${name};`)(pick) as MessageFn;
}

describe('compacted message modules (browser build)', () => {
	it('compacts every compiled message', () => {
		expect(modules.length).toBeGreaterThan(800);
		const left = modules.filter((f) => compactMessageModule(fs.readFileSync(new URL(f, dir), 'utf8')) === null);
		expect(left).toEqual([]);
	});

	it('says the same as the compiled message in every language', () => {
		const inputs = { count: 2, total: 5, nickname: 'Ada', name: 'Ada', title: 'T', max: 9, n: 3 };
		let current = 'en';
		for (const file of modules) {
			const name = file.slice(0, -3);
			const fn = load(compactMessageModule(fs.readFileSync(new URL(file, dir), 'utf8'))!, name, () => current);
			for (const locale of locales) {
				expect(fn(inputs, { locale }), `${name} (${locale})`).toBe(original[name](inputs, { locale }));
				current = locale;
				expect(fn(inputs), `${name} (current ${locale})`).toBe(original[name](inputs, { locale }));
			}
			current = 'en';
		}
	});

	it('leaves a module of another shape alone', () => {
		expect(compactMessageModule('export const x = () => "x";')).toBeNull();
	});
});
