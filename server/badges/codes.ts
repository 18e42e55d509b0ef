import { randomBytes } from 'node:crypto';

/**
 * Recovery codes of backpacks: 20 characters of Crockford's base32 (100 bits), shown as five groups of four
 * (`7K3M-Q9XD-...`). Typed back, a code is forgiving: case, spaces and dashes do not matter, and the letters
 * Crockford's alphabet leaves out read as the digits they look like (O as 0, I and L as 1).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_LENGTH = 20;

/** A new recovery code, grouped for reading aloud and writing down. */
export function newRecoveryCode(random: (n: number) => Uint8Array = (n) => randomBytes(n)): string {
	const bytes = random(RECOVERY_LENGTH);
	let s = '';
	for (let i = 0; i < RECOVERY_LENGTH; i++) s += ALPHABET[bytes[i] & 31];
	return formatRecoveryCode(s);
}

/** Groups a normalised code in fours. */
export function formatRecoveryCode(code: string): string {
	return code.match(/.{1,4}/g)!.join('-');
}

/** The code as stored and compared (its SHA-256 is kept), or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
	const s = input
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (s.length !== RECOVERY_LENGTH || ![...s].every((c) => ALPHABET.includes(c))) return null;
	return s;
}
