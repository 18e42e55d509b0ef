import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as messages from '$lib/paraglide/messages.js';
import { baseLocale, locales } from '$lib/paraglide/runtime.js';

const LOCALES = ['en', 'de', 'fr'] as const;
type Locale = (typeof LOCALES)[number];
type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

const source = Object.fromEntries(
	LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(new URL(`../../messages/${l}.json`, import.meta.url), 'utf8')) as Record<string, unknown>])
) as Record<Locale, Record<string, unknown>>;

const keysOf = (l: Locale) => Object.keys(source[l]).filter((k) => k !== '$schema').sort();
const placeholders = (v: unknown) => [...new Set(JSON.stringify(v).match(/\{[A-Za-z_]\w*\}/g) ?? [])].sort();
const message = (key: string) => (messages.m as unknown as Record<string, MessageFn | undefined>)[key];

describe('Paraglide messages', () => {
	it('compiles the three languages with English as the base', () => {
		expect([...locales].sort()).toEqual([...LOCALES].sort());
		expect(baseLocale).toBe('en');
	});

	it('formats a message differently in English, German and French', () => {
		const fn = message('error_card_empty');
		expect(fn, 'message error_card_empty is missing from the compiled output').toBeTypeOf('function');
		const out = LOCALES.map((locale) => fn!({}, { locale }));
		for (const [i, locale] of LOCALES.entries()) expect(out[i]).toBe(source[locale].error_card_empty);
		expect(new Set(out).size).toBe(3);
	});

	it('has every source message compiled, and plain ones word for word', () => {
		for (const key of keysOf('en')) {
			const fn = message(key);
			expect(fn, `message ${key} is missing from the compiled output`).toBeTypeOf('function');
			for (const locale of LOCALES) {
				const raw = source[locale][key];
				if (typeof raw === 'string' && placeholders(raw).length === 0) expect(fn!({}, { locale }), `${locale}.${key}`).toBe(raw);
			}
		}
	});
});

describe('message files', () => {
	it('have the same keys in en, de and fr', () => {
		expect(keysOf('de')).toEqual(keysOf('en'));
		expect(keysOf('fr')).toEqual(keysOf('en'));
	});

	it('have no empty message', () => {
		for (const locale of LOCALES) for (const [key, value] of Object.entries(source[locale])) expect(value, `${locale}.${key}`).not.toBe('');
	});

	it('use the same placeholders in every language', () => {
		for (const key of keysOf('en')) {
			for (const locale of ['de', 'fr'] as const) expect(placeholders(source[locale][key]), `${locale}.${key}`).toEqual(placeholders(source.en[key]));
		}
	});
});

describe('one word per thing in each language', () => {
	// Jargon, or two names for one thing: a group of cards is a "group"/"Gruppe"/"groupe" everywhere (phones said so
	// already; the laptop said "cluster"), a vote is a "Stimme"/"vote" (not "Punkt" or "gommette"), the screen on the
	// wall is the "Beamer"/"projecteur", and a column's card limit is explained in plain words instead of "WIP". In
	// French a swimlane is a "couloir" (not a "ligne"; "hors ligne"/"en ligne" for offline/online stay), and a
	// message addressed to one person uses the inclusive form ("Toi seul·e"), as "invité·e" does.
	const forbidden: Record<'en' | 'de' | 'fr', RegExp[]> = {
		en: [/cluster/i, /WIP/],
		de: [/Cluster/i, /Projektor/i, /WIP/, /Kanban-Limit/i, /Punkte/],
		fr: [/cluster/i, /WIP/, /vidéoprojecteur/i, /beamer/i, /gommette/i, /(?<!hors |en )\blignes?\b/i, /\bseul\b(?!·)/i]
	};

	for (const locale of ['en', 'de', 'fr'] as const) {
		it(`${locale}: no message uses a leftover word`, () => {
			for (const [key, value] of Object.entries(source[locale])) {
				if (key === '$schema') continue;
				for (const word of forbidden[locale]) expect(JSON.stringify(value), `${locale}.${key}`).not.toMatch(word);
			}
		});
	}

	// French puts a space before ":" ";" "!" "?" "»" and after "«"; a plain space there lets a line start with the
	// colon (in a narrow phone column or a Markdown export read in an editor). A no-break space before ":" and a
	// narrow no-break space elsewhere, as French typography has it.
	it('fr: a no-break space before ":", a narrow no-break space before ";", "!", "?", "»" and after "«"', () => {
		for (const [key, value] of Object.entries(source.fr)) {
			if (key === '$schema') continue;
			const text = JSON.stringify(value);
			expect(text, `fr.${key}`).not.toMatch(/[ \u202f]:/);
			expect(text, `fr.${key}`).not.toMatch(/[ \u00a0][;!?»]/);
			expect(text, `fr.${key}`).not.toMatch(/«[ \u00a0]/);
		}
	});

	it('names a new workshop\'s first board in the workshop\'s language', () => {
		const fn = message('board_default_title')!;
		expect(fn({}, { locale: 'de' })).toBe('Pinnwand');
		expect(fn({}, { locale: 'fr' })).toBe('Tableau');
		expect(fn({}, { locale: 'en' })).toBe('Board');
	});
});
