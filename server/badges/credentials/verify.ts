import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, isLocalContext, resolveDidDocument, type DidDocument, type ResolveDid } from './contexts';
import { checkShape, type CredentialKind } from './schema';
import { PROOF } from './sign';
import { decodeBitstring, getBit, type Bitstring } from './status-list';

/** Largest credential we read (a CLR of a few dozen badges is well under it); larger input is refused unparsed. */
export const MAX_CREDENTIAL_BYTES = 256 * 1024;

/** At most this many credentials inside a CLR are checked; more is `too_large`. */
export const MAX_EMBEDDED = 100;

/**
 * Why a credential did not verify, as stable codes a page turns into plain words:
 * - input: `too_large`, `not_json`, `not_an_object`, `context_not_local` (an @context this install does not hold),
 *   `shape_invalid` (not an OB 3.0 / CLR 2.0 credential by schema.ts);
 * - proof: `proof_missing`, `proof_unsupported` (not one DataIntegrityProof with eddsa-rdfc-2022), `proof_invalid`;
 * - issuer: `issuer_unresolved` (no DID document for it), `issuer_mismatch` (signed by someone else),
 *   `issuer_key_not_listed` (the issuer's DID document does not list the signing key for assertions);
 * - validity: `not_yet_valid`, `expired`;
 * - status: `revoked`, `status_list_unavailable`, `status_list_invalid`, `status_unsupported`;
 * - a CLR: `embedded_failed` (one of its credentials does not verify; see `embedded`);
 * - `verify_error`: an unexpected failure inside the libraries (logged by the caller).
 */
export type Problem =
	| 'too_large'
	| 'not_json'
	| 'not_an_object'
	| 'context_not_local'
	| 'shape_invalid'
	| 'proof_missing'
	| 'proof_unsupported'
	| 'proof_invalid'
	| 'issuer_unresolved'
	| 'issuer_mismatch'
	| 'issuer_key_not_listed'
	| 'not_yet_valid'
	| 'expired'
	| 'revoked'
	| 'status_list_unavailable'
	| 'status_list_invalid'
	| 'status_unsupported'
	| 'embedded_failed'
	| 'verify_error';

/** What a verification page says about a credential. */
export type VerifyResult = {
	/** True only when proof, issuer, validity, status and shape are all fine (and, for a CLR, every credential in it). */
	verified: boolean;
	kind: CredentialKind | null;
	proof: 'ok' | 'failed';
	issuer: 'ok' | 'mismatch' | 'unknown';
	/** `unknown` when the input has no readable validFrom. */
	validity: 'ok' | 'not_yet' | 'expired' | 'unknown';
	/** `active` also when the credential has no credentialStatus (nothing can revoke it). */
	status: 'active' | 'revoked' | 'unknown';
	problems: Problem[];
	/** The URLs refused as not local (for `context_not_local`). */
	refusedUrls: string[];
	/** schema.ts's issues when `shape_invalid` (for logs and tests). */
	shapeIssues: string[];
	/** The parsed credential when it was an object (for the page to show its name, issuer and dates). */
	credential: Record<string, unknown> | null;
	/** A CLR's credentials, each verified on its own. */
	embedded: VerifyResult[];
};

/** The lead's callbacks and the clock. */
export type VerifyOptions = {
	/** The DID document of a did:web this install serves (issuer.ts `didDocument`), or null. */
	resolveDid?: ResolveDid;
	/** The signed BitstringStatusListCredential published at a URL of this install, or null. */
	statusListOf?: (url: string) => unknown | Promise<unknown>;
	now?: Date;
};

/** Clock skew allowed before a credential counts as not yet valid. */
const SKEW_MS = 5 * 60 * 1000;

function emptyResult(): VerifyResult {
	return {
		verified: false,
		kind: null,
		proof: 'failed',
		issuer: 'unknown',
		validity: 'unknown',
		status: 'unknown',
		problems: [],
		refusedUrls: [],
		shapeIssues: [],
		credential: null,
		embedded: []
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string in every `@context` of the document, nested ones included (a CLR's credentials). */
function contextUrls(value: unknown, out: string[] = [], depth = 0): string[] {
	if (depth > 64) return out;
	if (Array.isArray(value)) {
		for (const v of value) contextUrls(v, out, depth + 1);
	} else if (isObject(value)) {
		for (const [key, v] of Object.entries(value)) {
			if (key === '@context') {
				for (const c of Array.isArray(v) ? v : [v]) {
					if (typeof c === 'string') out.push(c);
					else contextUrls(c, out, depth + 1);
				}
			} else {
				contextUrls(v, out, depth + 1);
			}
		}
	}
	return out;
}

function idOf(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (isObject(value) && typeof value.id === 'string') return value.id;
	return null;
}

/** Reads the input within the size cap: a string or bytes are parsed, an object is measured. */
function readInput(input: unknown, result: VerifyResult): Record<string, unknown> | null {
	let doc: unknown = input;
	if (typeof input === 'string' || input instanceof Uint8Array) {
		const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
		if (bytes > MAX_CREDENTIAL_BYTES) {
			result.problems.push('too_large');
			return null;
		}
		try {
			doc = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
		} catch {
			result.problems.push('not_json');
			return null;
		}
	} else {
		let text: string | undefined;
		try {
			text = JSON.stringify(input);
		} catch {
			result.problems.push('not_json');
			return null;
		}
		if (text === undefined) {
			result.problems.push('not_json');
			return null;
		}
		if (Buffer.byteLength(text, 'utf8') > MAX_CREDENTIAL_BYTES) {
			result.problems.push('too_large');
			return null;
		}
		doc = JSON.parse(text);
	}
	if (!isObject(doc)) {
		result.problems.push('not_an_object');
		return null;
	}
	return doc;
}

/** Runs the Digital Bazaar verifier on the proof alone (dates and status are checked here, apart). */
async function proofHolds(
	doc: Record<string, unknown>,
	options: VerifyOptions,
	refused: string[]
): Promise<{ ok: boolean; error?: unknown }> {
	const validFrom = typeof doc.validFrom === 'string' ? new Date(doc.validFrom) : null;
	const outcome = await vc.verifyCredential({
		credential: doc,
		suite: new DataIntegrityProof({ cryptosuite }),
		documentLoader: createDocumentLoader({ resolveDid: options.resolveDid, refused }),
		// The library refuses a credential outside its validity period; report that as validity, not as the proof.
		now: validFrom && !Number.isNaN(validFrom.getTime()) ? validFrom : undefined,
		checkStatus: async () => ({ verified: true })
	});
	return { ok: outcome.verified === true, error: outcome.error };
}

function listsKey(doc: DidDocument, vmId: string): boolean {
	const listed = doc.verificationMethod?.some((m) => m.id === vmId) ?? false;
	const asserts = (doc.assertionMethod ?? []).some((m) => (typeof m === 'string' ? m : m.id) === vmId);
	return listed && asserts;
}

/** Checks the proof and the issuer: who signed, and whether the signature holds. */
async function checkProofAndIssuer(doc: Record<string, unknown>, options: VerifyOptions, result: VerifyResult): Promise<void> {
	const proof = doc.proof;
	if (proof === undefined) {
		result.problems.push('proof_missing');
		return;
	}
	if (!isObject(proof) || proof.type !== PROOF.type || proof.cryptosuite !== PROOF.cryptosuite) {
		result.problems.push('proof_unsupported');
		return;
	}
	const issuerId = idOf(doc.issuer);
	const vmId = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : null;
	if (!issuerId || !vmId || vmId.split('#')[0] !== issuerId) {
		result.issuer = 'mismatch';
		result.problems.push('issuer_mismatch');
		return;
	}
	const didDoc = await resolveDidDocument(issuerId, options.resolveDid).catch(() => null);
	if (!didDoc) {
		result.problems.push('issuer_unresolved');
		return;
	}
	if (!listsKey(didDoc, vmId)) {
		result.issuer = 'mismatch';
		result.problems.push('issuer_key_not_listed');
		return;
	}
	result.issuer = 'ok';
	const refused: string[] = [];
	const holds = await proofHolds(doc, options, refused);
	if (holds.ok) {
		result.proof = 'ok';
	} else if (refused.length) {
		result.refusedUrls.push(...refused);
		result.problems.push('context_not_local');
	} else {
		result.problems.push('proof_invalid');
	}
}

function checkValidity(doc: Record<string, unknown>, now: Date, result: VerifyResult): void {
	const from = typeof doc.validFrom === 'string' ? Date.parse(doc.validFrom) : NaN;
	if (Number.isNaN(from)) return;
	const until = typeof doc.validUntil === 'string' ? Date.parse(doc.validUntil) : NaN;
	if (from > now.getTime() + SKEW_MS) {
		result.validity = 'not_yet';
		result.problems.push('not_yet_valid');
	} else if (!Number.isNaN(until) && until < now.getTime()) {
		result.validity = 'expired';
		result.problems.push('expired');
	} else if (doc.validUntil !== undefined && Number.isNaN(until)) {
		result.validity = 'unknown';
	} else {
		result.validity = 'ok';
	}
}

/** One verification's options, with the status lists it already checked (a CLR's badges share one list). */
type Context = VerifyOptions & { lists: Map<string, Promise<Bitstring | Problem>> };

/** The bits of the issuer's list at `url`, once its shape, issuer and proof hold; otherwise a problem. */
async function loadList(url: string, issuerId: string | null, options: VerifyOptions): Promise<Bitstring | Problem> {
	let listDoc: unknown = null;
	try {
		listDoc = options.statusListOf ? await options.statusListOf(url) : null;
	} catch {
		return 'status_list_unavailable';
	}
	if (listDoc === null || listDoc === undefined) return 'status_list_unavailable';
	if (!isObject(listDoc) || listDoc.id !== url || !checkShape(listDoc).ok || idOf(listDoc.issuer) !== issuerId) {
		return 'status_list_invalid';
	}
	// The list must be the issuer's own, signed: otherwise anyone could "un-revoke" by serving a clean list.
	const listResult = emptyResult();
	await checkProofAndIssuer(listDoc, options, listResult);
	if (listResult.proof !== 'ok' || listResult.issuer !== 'ok') return 'status_list_invalid';
	const subject = listDoc.credentialSubject as Record<string, unknown>;
	const purposes = Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose];
	if (!purposes.includes('revocation')) return 'status_list_invalid';
	return decodeBitstring(subject.encodedList) ?? 'status_list_invalid';
}

/** The revocation bit of one BitstringStatusListEntry: 'active', 'revoked', or a problem. */
async function entryStatus(entry: unknown, issuerId: string | null, ctx: Context): Promise<'active' | 'revoked' | Problem> {
	if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry' || entry.statusPurpose !== 'revocation') {
		return 'status_unsupported';
	}
	const url = entry.statusListCredential;
	const indexText = entry.statusListIndex;
	if (typeof url !== 'string' || typeof indexText !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(indexText)) {
		return 'status_list_invalid';
	}
	const key = `${issuerId ?? ''} ${url}`;
	let pending = ctx.lists.get(key);
	if (!pending) {
		pending = loadList(url, issuerId, ctx);
		ctx.lists.set(key, pending);
	}
	const bits = await pending;
	if (typeof bits === 'string') return bits;
	const index = Number(indexText);
	if (index >= bits.length * 8) return 'status_list_invalid';
	return getBit(bits, index) ? 'revoked' : 'active';
}

async function checkStatus(doc: Record<string, unknown>, ctx: Context, result: VerifyResult): Promise<void> {
	if (doc.credentialStatus === undefined) {
		result.status = 'active';
		return;
	}
	const entries = Array.isArray(doc.credentialStatus) ? doc.credentialStatus : [doc.credentialStatus];
	const issuerId = idOf(doc.issuer);
	let status: VerifyResult['status'] = 'active';
	for (const entry of entries.slice(0, 8)) {
		const outcome = await entryStatus(entry, issuerId, ctx);
		if (outcome === 'revoked') {
			status = 'revoked';
		} else if (outcome !== 'active') {
			if (status === 'active') status = 'unknown';
			if (!result.problems.includes(outcome)) result.problems.push(outcome);
		}
	}
	result.status = status;
	if (status === 'revoked') result.problems.push('revoked');
}

async function verifyDocument(doc: Record<string, unknown>, ctx: Context, depth: number): Promise<VerifyResult> {
	const result = emptyResult();
	result.credential = doc;
	const shape = checkShape(doc);
	result.kind = shape.kind;
	if (!shape.ok) {
		result.problems.push('shape_invalid');
		result.shapeIssues = shape.issues;
	}
	const notLocal = [...new Set(contextUrls(doc).filter((url) => !isLocalContext(url)))];
	if (notLocal.length) {
		// Refused before any JSON-LD processing: nothing is fetched, nothing else is worth checking.
		result.refusedUrls = notLocal;
		result.problems.push('context_not_local');
		return result;
	}
	const now = ctx.now ?? new Date();
	await checkProofAndIssuer(doc, ctx, result);
	checkValidity(doc, now, result);
	await checkStatus(doc, ctx, result);
	if (shape.kind === 'clr' && depth === 0) {
		const subject = isObject(doc.credentialSubject) ? doc.credentialSubject : {};
		const inner = Array.isArray(subject.verifiableCredential) ? subject.verifiableCredential : [];
		if (inner.length > MAX_EMBEDDED) {
			result.problems.push('too_large');
		} else {
			for (const credential of inner) {
				const embedded = isObject(credential) ? await verifyDocument(credential, ctx, depth + 1) : emptyResult();
				if (!isObject(credential)) embedded.problems.push('not_an_object');
				result.embedded.push(embedded);
			}
			if (result.embedded.some((e) => !e.verified)) result.problems.push('embedded_failed');
		}
	}
	result.verified =
		result.problems.length === 0 &&
		result.proof === 'ok' &&
		result.issuer === 'ok' &&
		result.validity === 'ok' &&
		result.status === 'active';
	return result;
}

/**
 * Verifies a credential (a JSON string, its bytes, or a parsed value) as the verification page does: proof with
 * the Digital Bazaar stack and local contexts only, issuer (the signing key is the issuer's), validity period,
 * revocation through the issuer's signed status list (`statusListOf`), and the schema. Never throws: bad input,
 * foreign contexts and library failures come back as `problems`.
 */
export async function verifyCredential(input: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
	const result = emptyResult();
	try {
		const doc = readInput(input, result);
		if (!doc) return result;
		return await verifyDocument(doc, { ...options, lists: new Map() }, 0);
	} catch {
		result.problems.push('verify_error');
		return result;
	}
}
