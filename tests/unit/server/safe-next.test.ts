import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/lib/server/session';

const base = 'https://plenum.example';

describe('safeNext: a redirect after sign-in stays on this site', () => {
	// Each of these must fall back: followed from this site, they would land elsewhere.
	const tricks = [
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'/.//evil.example',
		'/..//evil.example',
		'/./..//evil.example',
		'/a/../..//evil.example',
		'/%2e//evil.example',
		'/%2e%2e//evil.example',
		'/.%2e//evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/ /evil.example'.replace(' ', '\u0000'),
		'https://evil.example',
		'http:evil.example',
		'javascript:alert(1)',
		'evil.example',
		'',
		'/' + 'a'.repeat(600)
	];
	it.each(tricks.map((t) => [JSON.stringify(t), t]))('refuses %s', (_label, next) => {
		const target = safeNext(next, '/f');
		expect(target).toBe('/f');
	});

	it('every answer, followed from this site, stays on it', () => {
		for (const next of tricks) expect(new URL(safeNext(next, '/f'), base).origin).toBe(base);
	});

	it('keeps ordinary paths, queries and fragments', () => {
		expect(safeNext('/f/w/abc?tab=export#top')).toBe('/f/w/abc?tab=export#top');
		expect(safeNext('/invite/xyz')).toBe('/invite/xyz');
		expect(safeNext('/a/./b/../c')).toBe('/a/c');
	});
});
