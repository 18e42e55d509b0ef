import { gunzipSync, gzipSync } from 'node:zlib';
import { CONTEXTS } from './contexts';

/**
 * Bitstring Status List (W3C Recommendation, 2025): a list of 131,072 bits (16 KiB, the minimum that keeps a
 * holder in a crowd), bit 0 the most significant bit of the first byte, compressed with GZIP and written as
 * multibase base64url without padding (prefix `u`). A set bit with statusPurpose `revocation` means revoked.
 */
export const STATUS_LIST_BITS = 131_072;

/** A status list's bits, STATUS_LIST_BITS long unless decoded from a longer list. */
export type Bitstring = Uint8Array;

/** An empty list (nothing revoked). */
export function emptyBitstring(bits: number = STATUS_LIST_BITS): Bitstring {
	if (!Number.isInteger(bits) || bits < STATUS_LIST_BITS || bits % 8 !== 0) {
		throw new RangeError(`a status list holds at least ${STATUS_LIST_BITS} bits, a multiple of 8`);
	}
	return new Uint8Array(bits / 8);
}

function assertIndex(list: Bitstring, index: number): void {
	if (!Number.isInteger(index) || index < 0 || index >= list.length * 8) {
		throw new RangeError(`status list index ${index} is outside 0..${list.length * 8 - 1}`);
	}
}

/** The bit at `index` (true = set, revoked). */
export function getBit(list: Bitstring, index: number): boolean {
	assertIndex(list, index);
	return (list[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** A copy of `list` with the bit at `index` set to `value`. */
export function setBit(list: Bitstring, index: number, value: boolean): Bitstring {
	assertIndex(list, index);
	const next = new Uint8Array(list);
	const mask = 0x80 >> (index & 7);
	next[index >> 3] = value ? next[index >> 3] | mask : next[index >> 3] & ~mask;
	return next;
}

/** The `encodedList` of a list: GZIP, then multibase base64url (`u...`). */
export function encodeBitstring(list: Bitstring): string {
	return 'u' + Buffer.from(gzipSync(list)).toString('base64url');
}

/** Longest encodedList we decompress (a 16 KiB list of random bits compresses to about that; zeros to ~100 bytes). */
const MAX_ENCODED = 64 * 1024;

/**
 * The bits of an `encodedList`, or null when it is not multibase base64url GZIP of at least STATUS_LIST_BITS bits
 * (a bad or hostile list: the caller reports the status as unknown). Decompression is capped at 16 MiB.
 */
export function decodeBitstring(encoded: unknown): Bitstring | null {
	if (typeof encoded !== 'string' || !encoded.startsWith('u') || encoded.length > MAX_ENCODED) return null;
	const body = encoded.slice(1);
	if (!/^[A-Za-z0-9_-]*$/.test(body)) return null;
	try {
		const bytes = gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: 16 * 1024 * 1024 });
		if (bytes.length * 8 < STATUS_LIST_BITS) return null;
		return new Uint8Array(bytes);
	} catch {
		return null;
	}
}

/** The `credentialStatus` of one credential: its bit in a revocation list. */
export type StatusEntry = {
	id: string;
	type: 'BitstringStatusListEntry';
	statusPurpose: 'revocation';
	statusListIndex: string;
	statusListCredential: string;
};

/** The status entry for bit `index` of the list published at `statusListCredential`. */
export function statusEntry(statusListCredential: string, index: number): StatusEntry {
	if (!Number.isInteger(index) || index < 0) throw new RangeError(`status list index ${index} is not a natural number`);
	return {
		id: `${statusListCredential}#${index}`,
		type: 'BitstringStatusListEntry',
		statusPurpose: 'revocation',
		statusListIndex: String(index),
		statusListCredential
	};
}

/** An unsigned BitstringStatusListCredential (sign it with signCredential before publishing it). */
export type UnsignedStatusListCredential = {
	'@context': string[];
	id: string;
	type: ['VerifiableCredential', 'BitstringStatusListCredential'];
	issuer: string;
	validFrom: string;
	credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: 'revocation'; encodedList: string };
};

/**
 * The revocation list credential published at `id` by `issuer` (a DID), its bits `list`, as of `validFrom`.
 * Re-sign and republish it after every revocation.
 */
export function statusListCredential(input: {
	id: string;
	issuer: string;
	list: Bitstring;
	validFrom: Date | string;
}): UnsignedStatusListCredential {
	return {
		'@context': [CONTEXTS.vc2],
		id: input.id,
		type: ['VerifiableCredential', 'BitstringStatusListCredential'],
		issuer: input.issuer,
		validFrom: toDateTime(input.validFrom),
		credentialSubject: {
			id: `${input.id}#list`,
			type: 'BitstringStatusList',
			statusPurpose: 'revocation',
			encodedList: encodeBitstring(input.list)
		}
	};
}

/** An XSD dateTimeStamp in UTC without milliseconds (`2026-11-30T12:00:00Z`). */
export function toDateTime(value: Date | string): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	if (Number.isNaN(date.getTime())) throw new RangeError(`${String(value)} is not a date`);
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
