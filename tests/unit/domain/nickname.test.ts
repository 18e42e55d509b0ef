import { describe, expect, it } from 'vitest';
import { NICKNAME_MAX_LENGTH, cleanNickname, suggestNickname } from '$lib/domain/nickname';
import { expectOk, expectRefused } from '../../helpers/domain';

describe('cleanNickname', () => {
	it('trims and folds whitespace to one line', () => {
		expect(expectOk(cleanNickname('  Swift \n  Otter '))).toBe('Swift Otter');
	});

	it('removes control characters', () => {
		expect(expectOk(cleanNickname('Ann\u0000a'))).toBe('Ann a');
	});

	it('refuses an empty nickname', () => {
		expectRefused(cleanNickname(''), 'nickname_empty');
		expectRefused(cleanNickname(' \t '), 'nickname_empty');
	});

	it(`allows ${NICKNAME_MAX_LENGTH} characters and refuses more`, () => {
		expect(expectOk(cleanNickname('n'.repeat(NICKNAME_MAX_LENGTH)))).toHaveLength(NICKNAME_MAX_LENGTH);
		expectRefused(cleanNickname('n'.repeat(NICKNAME_MAX_LENGTH + 1)), 'nickname_too_long');
	});

	it('keeps markup as text', () => {
		expect(expectOk(cleanNickname('<b>Bo</b>'))).toBe('<b>Bo</b>');
	});
});

describe('suggestNickname', () => {
	it('makes "Adjective Animal NN" names that pass cleanNickname, at both ends of the random range', () => {
		for (const r of [0, 0.5, 0.999999]) {
			const name = suggestNickname(() => r);
			expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [1-9]\d$/);
			expect(expectOk(cleanNickname(name))).toBe(name);
		}
	});

	it('comes in the workshop\'s language, with adjectives that agree with their animal', () => {
		const all = (locale: string) => {
			const names = new Set<string>();
			for (let a = 0; a < 12; a++) for (let b = 0; b < 12; b++) {
				const seq = [(a + 0.5) / 12, (b + 0.5) / 12, 0.5];
				names.add(suggestNickname(() => seq.shift()!, locale));
			}
			return [...names];
		};
		const de = all('de');
		expect(de).toContain('Flinker Fuchs 55');
		expect(de).toContain('Ruhiger Otter 55');
		// German: every adjective in its masculine strong form (the animals are all masculine).
		for (const n of de) expect(n, n).toMatch(/^[A-ZÄÖÜ][a-zäöüß]+er [A-ZÄÖÜ][a-zäöüß]+ \d\d$/);
		const fr = all('fr');
		expect(fr).toContain('Renard malin 55');
		for (const n of fr) expect(n, n).toMatch(/^[A-ZÉ][a-zéèê]+ [a-zéèê]+ \d\d$/);
		expect(all('en')).toContain('Calm Otter 55');
		// No English word turns up in the German or French suggestions.
		const english = /\b(Blue|Swift|Calm|Clever|Brave|Lucky|Fox|Otter|Falcon|Dolphin|Heron|Badger|Owl)\b/;
		for (const n of [...fr, ...de.filter((n) => !n.includes('Otter'))]) expect(n).not.toMatch(english);
		// An unknown language falls back to English; every suggestion is a valid nickname.
		expect(all('xx')).toEqual(all('en'));
		for (const n of [...de, ...fr]) expect(expectOk(cleanNickname(n))).toBe(n);
	});

	it('varies with the random source', () => {
		const names = new Set<string>();
		for (let i = 0; i < 50; i++) names.add(suggestNickname(Math.random));
		expect(names.size).toBeGreaterThan(10);
	});
});
