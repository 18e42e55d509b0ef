import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, formatJoinCode, generateJoinCode, normalizeJoinCode } from '$lib/domain/join-code';

/** A byte source that plays back `bytes` in order (cycling) and records how many were asked for. */
function scripted(bytes: number[]) {
	let i = 0;
	const source = (n: number) => {
		const out = new Uint8Array(n);
		for (let k = 0; k < n; k++) out[k] = bytes[i++ % bytes.length];
		return out;
	};
	return { source, used: () => i };
}

describe('join code alphabet', () => {
	it('leaves out characters people confuse', () => {
		for (const ch of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
	});

	it('has 31 distinct upper-case letters and digits and 7 characters per code (> 34 bits)', () => {
		expect(JOIN_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
		expect(JOIN_CODE_ALPHABET.length).toBe(31);
		expect(JOIN_CODE_LENGTH).toBe(7);
		expect(JOIN_CODE_LENGTH * Math.log2(JOIN_CODE_ALPHABET.length)).toBeGreaterThan(34);
	});
});

describe('generateJoinCode', () => {
	it('makes codes of the right length from the alphabet only', () => {
		for (let i = 0; i < 200; i++) {
			const code = generateJoinCode((n) => randomBytes(n));
			expect(code).toHaveLength(JOIN_CODE_LENGTH);
			for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
		}
	});

	it('maps bytes below the rejection limit straight onto the alphabet', () => {
		const { source } = scripted([0, 1, 2, 30, 31, 32, 247]);
		const a = JOIN_CODE_ALPHABET;
		expect(generateJoinCode(source)).toBe(a[0] + a[1] + a[2] + a[30] + a[0] + a[1] + a[247 % 31]);
	});

	it('rejects bytes 248..255 (no modulo bias) and draws more', () => {
		const { source, used } = scripted([...Array.from({ length: 20 }, (_, i) => 248 + (i % 8)), 5, 5, 5, 5, 5, 5, 5]);
		const code = generateJoinCode(source);
		expect(code).toBe(JOIN_CODE_ALPHABET[5].repeat(JOIN_CODE_LENGTH));
		expect(used()).toBeGreaterThan(20);
	});

	it('gives every character exactly the same chance: 8 of the 248 accepted byte values each', () => {
		const counts = new Map<string, number>();
		for (let b = 0; b < 256; b++) {
			const { source, used } = scripted([b, 0]);
			const code = generateJoinCode(source);
			if (b >= 248) {
				// A rejected byte contributes nothing: the code comes from the zeros that follow it.
				expect(code).toBe(JOIN_CODE_ALPHABET[0].repeat(JOIN_CODE_LENGTH));
				expect(used()).toBeGreaterThan(0);
			} else {
				counts.set(code[0], (counts.get(code[0]) ?? 0) + 1);
			}
		}
		expect(counts.size).toBe(31);
		expect([...counts.values()].every((n) => n === 8)).toBe(true);
	});
});

describe('normalizeJoinCode', () => {
	it.each([
		['ABCDEFG', 'ABCDEFG'],
		['abcdefg', 'ABCDEFG'],
		['ABCD-EFG', 'ABCDEFG'],
		['  abcd efg ', 'ABCDEFG'],
		['ab_cd.ef-g', 'ABCDEFG'],
		['AB\tCD\nEFG', 'ABCDEFG'],
		['2345-678', '2345678']
	])('reads %j as %j', (input, expected) => {
		expect(normalizeJoinCode(input)).toBe(expected);
	});

	it.each([['ABCDEF'], ['ABCDEFGH'], [''], ['ABCD-EF0'], ['ABCDEFO'], ['ABCDEF1'], ['ABCDEFI'], ['ABCDEF!'], ['ÄBCDEFG']])(
		'refuses %j',
		(input) => {
			expect(normalizeJoinCode(input)).toBeNull();
		}
	);

	it('accepts what formatJoinCode prints', () => {
		const code = generateJoinCode((n) => randomBytes(n));
		expect(normalizeJoinCode(formatJoinCode(code))).toBe(code);
	});
});

describe('formatJoinCode', () => {
	it('splits a code into 4 + 3 for reading aloud', () => {
		expect(formatJoinCode('ABCDEFG')).toBe('ABCD-EFG');
	});
});
