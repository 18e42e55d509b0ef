/**
 * Join codes: short, typed on a phone, read off a projector.
 * The alphabet leaves out characters people confuse (0/O, 1/I/L) and vowels that would spell words less often
 * than not; 7 characters of 31 give about 34.7 bits, and join attempts are throttled per IP and per code.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 7;

/** Makes a uniformly random join code from a source of random bytes (rejection sampling, no modulo bias). */
export function generateJoinCode(randomBytes: (n: number) => Uint8Array): string {
	const n = JOIN_CODE_ALPHABET.length;
	const limit = 256 - (256 % n);
	let out = '';
	while (out.length < JOIN_CODE_LENGTH) {
		for (const b of randomBytes(16)) {
			if (b < limit) out += JOIN_CODE_ALPHABET[b % n];
			if (out.length === JOIN_CODE_LENGTH) break;
		}
	}
	return out;
}

/** Turns what a person typed ("abcd-efg ", "ABCD EFG") into the canonical code, or null if it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
	const cleaned = input.toUpperCase().replace(/[\s\-_.]/g, '');
	if (cleaned.length !== JOIN_CODE_LENGTH) return null;
	for (const ch of cleaned) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
	return cleaned;
}

/** Formats a code for display in two groups ("ABCD-EFG") so it can be read aloud. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
