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

	it('varies with the random source', () => {
		const names = new Set<string>();
		for (let i = 0; i < 50; i++) names.add(suggestNickname(Math.random));
		expect(names.size).toBeGreaterThan(10);
	});
});
